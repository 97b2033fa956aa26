namespace Ory.Identity.Cli.Import;

/// <summary>
/// One identity read from a source: Kratos's <c>createIdentityBody</c> as UTF-8 JSON, or the reason it could not be read.
/// <see cref="Source"/> names it in reports and messages (<c>line 12</c>, <c>user 3f…</c>) and never holds its data.
/// </summary>
internal sealed record ImportItem(string Source, byte[]? Json, string? ReadError = null)
{
    public override string ToString() => $"ImportItem {{ Source = {Source} }}";
}
