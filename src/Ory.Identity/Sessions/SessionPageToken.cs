using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime.Text;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// The opaque page token of the admin session list: base64url of <c>created_at=&lt;RFC 3339&gt;/id=&lt;uuid&gt;</c>, the
/// last session of the previous page (as Kratos's keyset page tokens carry the sort key).
/// </summary>
internal static class SessionPageToken
{
    /// <summary>Kratos's answer to a page token it did not issue.</summary>
    public const string Invalid = "The page token is invalid, do not craft your own page tokens";

    private static readonly InstantPattern TimePattern = InstantPattern.ExtendedIso;

    /// <summary>The token pointing after <paramref name="key"/>.</summary>
    public static string Encode(SessionKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"created_at={TimePattern.Format(key.CreatedAt)}/id={key.Id:D}")));

    /// <summary>Reads a token.</summary>
    /// <exception cref="InvalidRequestException">The token was not issued by <see cref="Encode"/> (400).</exception>
    public static SessionKey Decode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new InvalidRequestException(Invalid);
        }

        const string TimeField = "created_at=";
        const string IdField = "/id=";
        var split = text.IndexOf(IdField, StringComparison.Ordinal);
        if (!text.StartsWith(TimeField, StringComparison.Ordinal) || split < 0
            || !TimePattern.Parse(text[TimeField.Length..split]).TryGetValue(default, out var createdAt)
            || !Guid.TryParseExact(text[(split + IdField.Length)..], "D", out var id))
        {
            throw new InvalidRequestException(Invalid);
        }

        return new SessionKey(createdAt, id);
    }
}
