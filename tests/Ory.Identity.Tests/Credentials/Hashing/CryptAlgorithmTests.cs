using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>
/// The hand-written md5-crypt, SHA-crypt and MD4 against published vectors: Drepper's SHA-crypt specification inputs
/// (outputs as glibc/libxcrypt computes them), FreeBSD md5-crypt vectors, RFC 1320's MD4 test suite.
/// </summary>
public sealed class CryptAlgorithmTests
{
    [Theory]
    [InlineData("Hello world!", "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5")]
    [InlineData("Hello world!", "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA")]
    [InlineData("This is just a test", "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5")]
    [InlineData("a very much longer text to encrypt.  This one even stretches over morethan one line.", "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1")]
    [InlineData("we have a short salt string but not a short password", "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/")]
    [InlineData("a short string", "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "$5$rounds=1000$s$P/fznfft3hZSFPHfqBpScHWq6nhGiG15Z.kSfL4MAcD")]
    [InlineData("Hello world!", "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1")]
    [InlineData("Hello world!", "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.")]
    [InlineData("This is just a test", "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0")]
    [InlineData("a very much longer text to encrypt.  This one even stretches over morethan one line.", "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1")]
    [InlineData("we have a short salt string but not a short password", "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0")]
    [InlineData("a short string", "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1")]
    [InlineData("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", "$6$rounds=1000$s$N20z9MfBY9l8AxP6uyMcQYXht9MG7eirytsF7WIav0PNuhBJtkab3v0Z.6HacVin3J8soajobF080hG5e7NRV0")]
    [InlineData("pässwörd", "$6$rounds=1001$0123456789abcdef$ozKxWC1nIP2xpLSj9h6tccYDcb9xlHHWtlqedzN3LuAsPaahQj3RhLogMk.10h7OEgVr0QPpPUBYM.sHKZU.8.")]
    public void Sha_crypt_matches_the_published_vectors(string password, string crypt3)
    {
        var kratos = (crypt3.StartsWith("$5$", StringComparison.Ordinal) ? "$sha256-crypt$" : "$sha512-crypt$") + crypt3[3..];
        PasswordHashVerifier.Verify(password, kratos).Should().BeTrue();
        PasswordHashVerifier.Verify(password + "x", kratos).Should().BeFalse();
    }

    [Theory]
    [InlineData("", "$1$dOHYPKoP$tnxS1T8Q6VVn3kpV8cN6o.")]
    [InlineData("U*U*U*U*", "$1$dXc3I7Rw$ctlgjDdWJLMT.qwHsWhXR1")]
    [InlineData("Hello world!", "$1$saltstri$YMyguxXMBpd2TEZ.vS/3q1")]
    [InlineData("password", "$1$saltstri$qQY4WxjABChYG1ccLpfkz/")]
    [InlineData("test", "$1$$whuMjZj.HMFoaTaZRRtkO0")]
    [InlineData("0123456789abcdefghij", "$1$x$mIzFvUPmAmm12RE6c4lU1.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "$1$abcdefgh$PMYmUtA3DUw85XNTjARVj0")]
    public void Md5_crypt_matches_the_published_vectors(string password, string crypt3)
    {
        var kratos = "$md5-crypt$" + crypt3[3..];
        PasswordHashVerifier.Verify(password, kratos).Should().BeTrue();
        PasswordHashVerifier.Verify(password + "x", kratos).Should().BeFalse();
    }

    [Theory]
    [InlineData("", "31d6cfe0d16ae931b73c59d7e0c089c0")]
    [InlineData("a", "bde52cb31de33e46245e05fbdbd6fb24")]
    [InlineData("abc", "a448017aaf21d8525fc10ae87aa6729d")]
    [InlineData("message digest", "d9130a8164549fe818874806e1c7014b")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "e33b4ddc9c38f2199c3e7b164fcc0536")]
    public void Md4_passes_the_RFC_1320_test_suite(string message, string digest) =>
        Convert.ToHexStringLower(Md4.Hash(Encoding.ASCII.GetBytes(message))).Should().Be(digest);

    [Fact]
    public void Md4_and_HMAC_MD4_agree_with_BouncyCastle_on_every_length()
    {
        var random = new Random(1320);
        for (var length = 0; length < 300; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            var digest = new MD4Digest();
            digest.BlockUpdate(message, 0, message.Length);
            var expected = new byte[16];
            digest.DoFinal(expected, 0);
            Md4.Hash(message).Should().Equal(expected);

            var key = message.AsSpan(0, length / 3).ToArray();
            var hmac = new Org.BouncyCastle.Crypto.Macs.HMac(new MD4Digest());
            hmac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(key));
            hmac.BlockUpdate(message, 0, message.Length);
            var expectedMac = new byte[16];
            hmac.DoFinal(expectedMac, 0);
            Md4.Hmac(key, message).Should().Equal(expectedMac);
        }
    }
}
