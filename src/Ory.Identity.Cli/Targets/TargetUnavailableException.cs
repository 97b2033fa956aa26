namespace Ory.Identity.Cli.Targets;

/// <summary>The target cannot take the import at all (unreachable, misconfigured, answering 5xx): the run stops.</summary>
internal sealed class TargetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
