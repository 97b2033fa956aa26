using System.Text;
using CsCheck;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.ApiKeys;

/// <summary>
/// Properties of the API key text (<see cref="ApiKeyToken"/>): every new key is well formed and gives back its key id
/// and hashed material; any one-character change, swap of two different neighbours, truncation or extension makes it
/// ill formed (the CRC-32 catches every such typo); and any text is judged without an exception.
/// </summary>
public sealed class ApiKeyTokenProperties
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>
    /// Keys written from the documented layout, independently of <see cref="ApiKeyToken.New"/>: prefix, key id,
    /// <c>_</c>, secret, then the CRC-32 of all that in seven base32 digits, most significant first.
    /// </summary>
    private static readonly Gen<string> Keys = Gen.Select(
        Gen.String[Gen.Char[Alphabet], ApiKeyToken.KeyIdLength, ApiKeyToken.KeyIdLength],
        Gen.String[Gen.Char[Alphabet], ApiKeyToken.SecretLength, ApiKeyToken.SecretLength],
        (keyId, secret) =>
        {
            var body = ApiKeyToken.Prefix + keyId + "_" + secret;
            var crc = System.IO.Hashing.Crc32.HashToUInt32(Encoding.ASCII.GetBytes(body));
            var checksum = new char[ApiKeyToken.ChecksumLength];
            for (var i = checksum.Length - 1; i >= 0; i--, crc >>= 5)
            {
                checksum[i] = Alphabet[(int)(crc & 31)];
            }

            return body + new string(checksum);
        });

    [Fact]
    public void A_new_key_is_well_formed_and_gives_back_its_key_id_and_material() =>
        PropertyCheck.Run(Gen.Int[0, 1_000_000], _ =>
        {
            var key = ApiKeyToken.New(out var keyId);

            Assert.Equal(ApiKeyToken.Length, key.Length);
            Assert.StartsWith(ApiKeyToken.Prefix, key, StringComparison.Ordinal);
            Assert.True(ApiKeyToken.IsWellFormed(key));
            Assert.True(IsKeyId(keyId));
            Assert.Equal(keyId, ApiKeyToken.KeyIdOf(key).ToString());
            var material = new byte[ApiKeyToken.MaterialLength];
            ApiKeyToken.WriteMaterial(key, material);
            Assert.Equal(key.Substring(ApiKeyToken.MaterialStart, ApiKeyToken.MaterialLength), Encoding.ASCII.GetString(material));
        }, seed: "0ApiKeyNew01", iterations: 2_000);

    [Fact]
    public void A_key_written_from_the_documented_layout_is_well_formed() =>
        PropertyCheck.Run(Keys, key =>
        {
            Assert.True(ApiKeyToken.IsWellFormed(key));
            Assert.Equal(key.Substring(ApiKeyToken.MaterialStart, ApiKeyToken.KeyIdLength), ApiKeyToken.KeyIdOf(key).ToString());
        }, seed: "0ApiKeyFmt01", iterations: 2_000);

    [Fact]
    public void Any_one_character_change_or_swap_of_a_key_makes_it_ill_formed() =>
        PropertyCheck.Run(Gen.Select(Keys, Gen.Int[0, ApiKeyToken.Length - 1], Gen.Char[Alphabet + "_-ABZ019\0\u00E9"], Gen.Bool,
            (key, index, c, swap) => (key, index, c, swap)), sample =>
        {
            var (key, index, c, swap) = sample;
            var chars = key.ToCharArray();
            if (swap && index + 1 < chars.Length)
            {
                (chars[index], chars[index + 1]) = (chars[index + 1], chars[index]);
            }
            else
            {
                chars[index] = c;
            }

            var changed = new string(chars);
            Assert.Equal(changed == key, ApiKeyToken.IsWellFormed(changed));
        }, seed: "0ApiKeyTypo1", iterations: 5_000);

    [Fact]
    public void Any_text_is_judged_without_an_exception_and_only_issued_keys_pass() =>
        PropertyCheck.Run(NearValidText.Around(Keys), text =>
        {
            var wellFormed = ApiKeyToken.IsWellFormed(text);
            if (wellFormed)
            {
                // Mutations keep a key well formed only when they changed nothing that the checksum covers.
                Assert.Equal(ApiKeyToken.Length, text.Length);
                Assert.True(IsKeyId(ApiKeyToken.KeyIdOf(text).ToString()));
            }
        }, seed: "0ApiKeyAny01", iterations: 10_000);

    // A key id: 16 characters of the key alphabet.
    private static bool IsKeyId(string keyId) => keyId.Length == ApiKeyToken.KeyIdLength && keyId.All(Alphabet.Contains);
}
