namespace Ory.Identity.Cli.Import;

/// <summary>An item the library's decoder accepted: its source JSON and the request decoded from it.</summary>
internal sealed record PreparedItem(ImportItem Item, CreateIdentityRequest Request)
{
    /// <summary>Whether the item carries a cleartext password, which the target hashes (smaller batches).</summary>
    public bool HasCleartextPassword =>
        Request.Credentials?.Password?.Config is { ValueKind: System.Text.Json.JsonValueKind.Object } config
        && config.TryGetProperty("password", out var password)
        && password.ValueKind == System.Text.Json.JsonValueKind.String;
}
