namespace Ory.Identity;

/// <summary>A newly issued API key: its metadata and the key itself, which is shown this once and never stored.</summary>
public sealed partial record IssuedApiKey
{
    /// <summary>The key's metadata.</summary>
    public required ApiKey Key { get; init; }

    /// <summary>The whole key to hand to the client (<c>ory_ak_…</c>), sent as <c>Authorization: Bearer &lt;secret&gt;</c>.</summary>
    public required string Secret { get; init; }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"IssuedApiKey {{ Key = {Key}, Secret = *** }}";
}
