using Microsoft.Extensions.Logging;

namespace Ory.Identity;

/// <summary>Ory.Identity's log messages with stable event ids. They carry ids and kinds only, never traits or secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created identity {IdentityId} with schema {SchemaId}.")]
    public static partial void IdentityCreated(ILogger logger, Guid identityId, string schemaId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Updated identity {IdentityId}.")]
    public static partial void IdentityUpdated(ILogger logger, Guid identityId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Patched identity {IdentityId}.")]
    public static partial void IdentityPatched(ILogger logger, Guid identityId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Deleted identity {IdentityId}.")]
    public static partial void IdentityDeleted(ILogger logger, Guid identityId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Deleted the {CredentialsType} credentials of identity {IdentityId}.")]
    public static partial void CredentialsDeleted(ILogger logger, Guid identityId, string credentialsType);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Batch create: {Created} created, {Failed} refused.")]
    public static partial void BatchCreated(ILogger logger, int created, int failed);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Identity operation {Operation} refused with {StatusCode}: {Message}")]
    public static partial void OperationRefused(ILogger logger, string operation, int statusCode, string message);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "No secrets are configured (secrets.cookie or secrets.default): recovery tokens and codes and session tokens are hashed with a random key and stop working when the process restarts.")]
    public static partial void NoSecretsConfigured(ILogger logger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Issued a recovery {Method} for identity {IdentityId} on flow {FlowId}.")]
    public static partial void RecoveryIssued(ILogger logger, string method, Guid identityId, Guid flowId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Recovered identity {IdentityId} through flow {FlowId} with a {Method}.")]
    public static partial void RecoveryRedeemed(ILogger logger, Guid identityId, Guid flowId, string method);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Recovery redemption on flow {FlowId} refused: {Reason}")]
    public static partial void RecoveryRefused(ILogger logger, Guid flowId, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "A recovery message was not sent: its address reached the limit of {Limit} messages per window.")]
    public static partial void RecoveryMessageRateLimited(ILogger logger, int limit);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Recovery flow {FlowId} started ({FlowType}, {Method}).")]
    public static partial void RecoveryFlowStarted(ILogger logger, Guid flowId, string flowType, string method);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Password check succeeded for identity {IdentityId} (rehashed: {Rehashed}).")]
    public static partial void PasswordCheckSucceeded(ILogger logger, Guid identityId, bool rehashed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Password check failed.")]
    public static partial void PasswordCheckFailed(ILogger logger);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Password hash upgrade skipped: password hashing is at capacity; a later login upgrades it.")]
    public static partial void RehashDeferred(ILogger logger);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Sent invitation message {MessageId} to identity {IdentityId} with recovery flow {FlowId}.")]
    public static partial void InvitationSent(ILogger logger, Guid identityId, Guid flowId, Guid messageId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "The sender refused invitation message {MessageId} ({ExceptionType}); the link of recovery flow {FlowId} was revoked.")]
    public static partial void InvitationNotSent(ILogger logger, Guid flowId, Guid messageId, string exceptionType);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "The sender refused recovery message {MessageId} of self-service recovery flow {FlowId} ({ExceptionType}); the flow answers as if it was sent, so that the answer tells nobody whether the address is known.")]
    public static partial void RecoveryMessageRefused(ILogger logger, Guid messageId, Guid flowId, string exceptionType);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "Deleted {Count} expired recovery flows and secrets.")]
    public static partial void ExpiredRecoveryDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Deleting expired recovery flows failed ({ExceptionType}); it is tried again later.")]
    public static partial void ExpiredRecoveryCleanupFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "No secrets are configured (secrets.default or secrets.cookie): API keys are hashed with a random key and stop working when the process restarts.")]
    public static partial void NoApiKeySecretsConfigured(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Issued API key {KeyId} to identity {IdentityId}.")]
    public static partial void ApiKeyIssued(ILogger logger, Guid identityId, string keyId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Revoked API key {KeyId} of identity {IdentityId}.")]
    public static partial void ApiKeyRevoked(ILogger logger, Guid identityId, string keyId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "API key refused: {Failure}.")]
    public static partial void ApiKeyRefused(ILogger logger, ApiKeyAuthenticationFailure failure);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "API key {KeyId} refused: {Failure}.")]
    public static partial void ApiKeyRefusedWithId(ILogger logger, string keyId, ApiKeyAuthenticationFailure failure);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Writing API key last-use times failed ({ExceptionType}); they are written again later.")]
    public static partial void ApiKeyUsageWriteFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Issued session {SessionId} to identity {IdentityId} ({Method}).")]
    public static partial void SessionIssued(ILogger logger, Guid sessionId, Guid identityId, string method);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Revoked session {SessionId} of identity {IdentityId}.")]
    public static partial void SessionRevoked(ILogger logger, Guid sessionId, Guid identityId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Revoked {Count} sessions of identity {IdentityId}.")]
    public static partial void SessionsRevoked(ILogger logger, int count, Guid identityId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Deleted {Count} sessions of identity {IdentityId}.")]
    public static partial void SessionsDeleted(ILogger logger, int count, Guid identityId);
}
