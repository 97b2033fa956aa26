using System.Buffers.Text;
using System.Text;

namespace Ory.Identity;

/// <summary>Kratos's URL form of schema ids: base64url of the UTF-8 bytes, without padding.</summary>
internal static class Base64UrlId
{
    public static string Encode(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    public static bool TryDecode(string encoded, out string id)
    {
        id = string.Empty;
        if (!Base64Url.IsValid(encoded))
        {
            return false;
        }

        try
        {
            id = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
