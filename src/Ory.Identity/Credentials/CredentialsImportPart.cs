using System.Text.Json;

namespace Ory.Identity;

/// <summary>One part of <see cref="IdentityCredentialsImport"/>: a <c>config</c> object.</summary>
public sealed partial record CredentialsImportPart
{
    /// <summary>The type-specific configuration, as sent.</summary>
    public JsonElement? Config { get; init; }

    /// <summary>Never prints the config: it holds secrets.</summary>
    public override string ToString() => "CredentialsImportPart { … }";
}
