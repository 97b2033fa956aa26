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
}
