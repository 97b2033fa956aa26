using System.Runtime.InteropServices;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// No stored string holds the NUL character (U+0000), on every store: PostgreSQL's <c>text</c> and <c>jsonb</c> cannot
/// hold it, so the core refuses it before anything reaches a store (a 400 naming the field, never quoting the value),
/// and a lookup by a value holding it is a 400 naming the parameter. Kratos has no rule of its own here (on PostgreSQL
/// the database refuses such text).
/// </summary>
/// <remarks>
/// JSON values are checked on their raw UTF-8 with one vectorized search for the escape <c>\u0000</c> (the only way JSON
/// text can spell a NUL); only a hit, which may be an escaped backslash followed by <c>u0000</c>, walks the value.
/// </remarks>
internal static class NulCharacterRule
{
    /// <summary>The message of the schema violation for traits holding a NUL (its pointer names where).</summary>
    public const string TraitsMessage = "must not contain the NUL character (U+0000)";

    /// <summary>The reason of the 400 for a value of <paramref name="field"/> that holds a NUL.</summary>
    public static string Reason(string field) => $"{field} must not contain the NUL character (U+0000).";

    /// <summary>The 400 for a value of <paramref name="field"/> (a body field or a query parameter) that holds a NUL.</summary>
    public static InvalidRequestException Refusal(string field) => new(Reason(field));

    /// <summary>Whether <paramref name="value"/> holds a NUL.</summary>
    public static bool Holds(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal);

    /// <summary>Whether any string or property name in <paramref name="value"/> holds a NUL.</summary>
    public static bool Holds(JsonElement? value) => value is { } element && FindIn(element, "#") is not null;

    /// <summary>Refuses traits holding a NUL, as a schema violation at the first string or property name that holds one.</summary>
    public static void EnsureTraits(JsonElement traits)
    {
        if (FindIn(traits, "#/traits") is { } pointer)
        {
            throw new IdentityValidationException([new SchemaValidationError(pointer, "#/properties/traits", TraitsMessage)]);
        }
    }

    /// <summary>Refuses a lookup or filter value that holds a NUL: no stored value can equal it.</summary>
    /// <param name="value">The value, or null when the filter is not set.</param>
    /// <param name="parameter">The parameter's name, e.g. <c>credentials_identifier</c>.</param>
    public static void EnsureLookup(string? value, string parameter)
    {
        if (Holds(value))
        {
            throw Refusal(parameter);
        }
    }

    /// <summary>
    /// The JSON Pointer fragment (<paramref name="root"/>, the pointer of <paramref name="value"/>, then the path) of the
    /// first string or property name holding a NUL; for a property name, the object holding it. Null when none does.
    /// </summary>
    public static string? FindIn(JsonElement value, string root)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String)
            || JsonMarshal.GetRawUtf8Value(value).IndexOf("\\u0000"u8) < 0)
        {
            return null;
        }

        return Walk(value, root);
    }

    /// <summary>
    /// Refuses an identity about to be stored when a string of it holds a NUL: metadata, external id, credential types,
    /// identifiers and configs. Traits are checked when they are validated, addresses are derived from them (an imported
    /// or patched address stays only when the traits give the same value), and a schema id is checked when its schema is
    /// looked up (no schema has such an id: Kratos's 400 for an unknown schema).
    /// </summary>
    /// <returns>The identity, unchanged.</returns>
    public static Identity EnsureStorable(Identity identity)
    {
        if (Holds(identity.MetadataPublic))
        {
            throw Refusal("metadata_public");
        }

        if (Holds(identity.MetadataAdmin))
        {
            throw Refusal("metadata_admin");
        }

        if (Holds(identity.ExternalId))
        {
            throw Refusal("external_id");
        }

        // The map's span and index loops: no enumerator is allocated on the create path.
        if (identity.Credentials is CredentialsMap map)
        {
            foreach (var (type, credentials) in map.Items)
            {
                EnsureStorable(type, credentials);
            }
        }
        else
        {
            foreach (var (type, credentials) in identity.Credentials)
            {
                EnsureStorable(type, credentials);
            }
        }

        return identity;
    }

    private static void EnsureStorable(CredentialsType type, IdentityCredentials credentials)
    {
        if (Holds(type.Value))
        {
            throw Refusal("credentials");
        }

        for (var i = 0; i < credentials.Identifiers.Count; i++)
        {
            if (Holds(credentials.Identifiers[i]))
            {
                throw Refusal($"credentials.{type.Value}.identifiers");
            }
        }

        if (Holds(credentials.Config))
        {
            throw Refusal($"credentials.{type.Value}.config");
        }
    }

    private static string? Walk(JsonElement value, string pointer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Holds(value.GetString()) ? pointer : null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (Walk(item, $"{pointer}/{index++}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (Holds(property.Name))
                    {
                        return pointer;
                    }

                    if (Walk(property.Value, $"{pointer}/{Escape(property.Name)}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // RFC 6901: "~" is "~0" and "/" is "~1" in a pointer segment.
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
