namespace Ory.Identity.Storage.InMemory;

/// <summary>A (credential type, identifier) key of the unique credential index; ordinal equality.</summary>
internal readonly record struct CredentialKey(string Type, string Identifier)
{
    /// <summary>Never prints the identifier: it is personal data.</summary>
    public override string ToString() => $"CredentialKey {{ Type = {Type} }}";
}
