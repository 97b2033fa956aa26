using Microsoft.Extensions.Logging;

namespace Ory.Identity;

/// <summary>The password policy's log messages. They never carry the password, its hash or any part of the hash.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "The breached-password check was skipped and the password accepted, because selfservice.methods.password.config.ignore_network_errors is on: {Reason} ({ExceptionType})")]
    public static partial void BreachedPasswordCheckSkipped(ILogger logger, string reason, string exceptionType);
}
