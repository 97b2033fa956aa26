namespace Ory.Identity.Cli.Sources.AspNetIdentity;

/// <summary>
/// How an ASP.NET Core Identity user becomes a Kratos identity: the schema, the traits (JSON pointer → AspNetUsers
/// column or AspNetUserClaims claim type; <c>/email</c> ← <c>Email</c> unless given) and the TOTP issuer.
/// </summary>
internal sealed record AspNetIdentityMapping(string SchemaId, IReadOnlyList<TraitMapping> Traits, string TotpIssuer)
{
    /// <summary>Parses <c>--trait &lt;pointer&gt;=&lt;column or claim&gt;</c> values, adding <c>/email=Email</c> when no trait targets <c>/email</c>.</summary>
    public static AspNetIdentityMapping Create(string schemaId, IEnumerable<string> traits, string totpIssuer)
    {
        var parsed = traits.Select(TraitMapping.Parse).ToList();
        if (!parsed.Any(t => t.Pointer == "/email"))
        {
            parsed.Insert(0, new TraitMapping("/email", "Email"));
        }

        return new AspNetIdentityMapping(schemaId, parsed, totpIssuer);
    }
}

/// <summary>One trait: where it goes (a JSON pointer inside <c>traits</c>) and where it comes from (a column or a claim type).</summary>
internal sealed record TraitMapping(string Pointer, string From)
{
    public IReadOnlyList<string> Segments { get; } = Pointer.Split('/')[1..].Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    public static TraitMapping Parse(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 1 || value[0] != '/' || equals == value.Length - 1)
        {
            throw new SourceFormatException($"--trait takes <JSON pointer>=<column or claim type>, e.g. /name/first=given_name; got \"{value}\".");
        }

        return new TraitMapping(value[..equals], value[(equals + 1)..]);
    }
}
