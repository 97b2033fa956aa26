namespace Ory.Identity;

/// <summary>
/// Kratos's <c>pf</c> templates: <c>{SALT}</c> and <c>{PASSWORD}</c> replaced in one left-to-right pass (Go's
/// <c>strings.NewReplacer</c>), so a placeholder inside the salt or password is not expanded again.
/// </summary>
internal static class SaltTemplate
{
    private static readonly byte[] SaltToken = "{SALT}"u8.ToArray();
    private static readonly byte[] PasswordToken = "{PASSWORD}"u8.ToArray();

    public static byte[] Apply(ReadOnlySpan<byte> template, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> password)
    {
        var output = new List<byte>(template.Length + salt.Length + password.Length);
        var i = 0;
        while (i < template.Length)
        {
            if (template[i..].StartsWith(SaltToken))
            {
                output.AddRange(salt);
                i += SaltToken.Length;
            }
            else if (template[i..].StartsWith(PasswordToken))
            {
                output.AddRange(password);
                i += PasswordToken.Length;
            }
            else
            {
                output.Add(template[i++]);
            }
        }

        return [.. output];
    }

    /// <summary>Reads <c>pf=%s</c> as Go's Sscanf, then decodes the template (strict padded base64).</summary>
    public static bool TryRead(string part, out byte[] template)
    {
        template = [];
        var scan = new GoScan(part);
        return scan.Literal("pf=") && scan.Word(out var encoded) && GoBase64.TryDecode(encoded, padded: true, strict: true, out template);
    }
}
