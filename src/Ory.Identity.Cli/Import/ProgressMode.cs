namespace Ory.Identity.Cli.Import;

/// <summary><c>--progress</c>: a live bar on a terminal, plain periodic lines, or nothing.</summary>
internal enum ProgressMode
{
    /// <summary>A bar when standard error is a terminal, plain lines when it is redirected.</summary>
    Auto,
    Plain,
    None,
}
