namespace Ory.Identity.Cli.Sources;

/// <summary>The source cannot be read past a point (a broken JSON array, an unreadable table): the run stops.</summary>
internal sealed class SourceFormatException(string message, Exception? inner = null) : Exception(message, inner);
