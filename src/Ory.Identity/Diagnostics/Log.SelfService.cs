using Microsoft.Extensions.Logging;

namespace Ory.Identity;

/// <summary>The settings and login flows' log messages (event ids 6001–6199): flow and identity ids and message ids only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Settings flow {FlowId} started for identity {IdentityId} ({FlowType}).")]
    public static partial void SettingsFlowStarted(ILogger logger, Guid flowId, Guid identityId, string flowType);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Settings flow {FlowId}: identity {IdentityId} updated its {Method}.")]
    public static partial void SettingsUpdated(ILogger logger, Guid flowId, Guid identityId, string method);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Settings flow {FlowId}: update refused with message {MessageId}.")]
    public static partial void SettingsRefused(ILogger logger, Guid flowId, long messageId);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Settings flow {FlowId}: the session signed in too long ago for this change; a refresh login is required.")]
    public static partial void SettingsRefreshRequired(ILogger logger, Guid flowId);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Login flow {FlowId} started ({FlowType}, refresh {Refresh}).")]
    public static partial void LoginFlowStarted(ILogger logger, Guid flowId, string flowType, bool refresh);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Login flow {FlowId}: identity {IdentityId} signed in with a password (session {SessionId}).")]
    public static partial void LoginSucceeded(ILogger logger, Guid flowId, Guid identityId, Guid sessionId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Login flow {FlowId}: refused with message {MessageId}.")]
    public static partial void LoginRefused(ILogger logger, Guid flowId, long messageId);
}
