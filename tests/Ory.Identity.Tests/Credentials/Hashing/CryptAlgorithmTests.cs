namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>
/// The hand-written md5-crypt and SHA-crypt against published vectors: Drepper's SHA-crypt specification inputs
/// (outputs as glibc/libxcrypt computes them), FreeBSD md5-crypt vectors.
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
}
