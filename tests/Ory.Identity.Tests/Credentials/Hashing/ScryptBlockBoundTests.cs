namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>
/// scrypt's N must stay below 2^(16r) (RFC 7914): with r = 1, N = 65,536 or more is out of bounds at import and fails
/// verification instead of throwing from the scrypt implementation (found by the hash properties).
/// </summary>
public sealed class ScryptBlockBoundTests
{
    [Theory]
    [InlineData("$scrypt$ln=65536,r=1,p=1$c2FsdA==$aGFzaA==")]
    [InlineData("$scrypt$ln=131072,r=1,p=1$c2FsdA==$aGFzaA==")]
    [InlineData("$firescrypt$ln=16,r=1,p=1$c2FsdA==$aGFzaA==$Bw==$a2V5")]
    [InlineData("$firescrypt$ln=17,r=1,p=1$c2FsdA==$aGFzaA==$Bw==$a2V5")]
    public void N_of_two_to_the_sixteen_or_more_with_r_one_is_out_of_bounds_and_never_verifies(string hash)
    {
        PasswordHashImport.Validate(hash).Should().Be(PasswordHashImport.OutOfBounds);
        PasswordHashVerifier.Verify("x", hash).Should().BeFalse();
    }

    [Theory]
    [InlineData("$scrypt$ln=32768,r=1,p=1$c2FsdA==$aGFzaA==")]
    [InlineData("$scrypt$ln=131072,r=2,p=1$c2FsdA==$aGFzaA==")]
    [InlineData("$firescrypt$ln=15,r=1,p=1$c2FsdA==$aGFzaA==$Bw==$a2V5")]
    public void Below_the_bound_the_hash_may_be_imported(string hash) =>
        PasswordHashImport.Validate(hash).Should().BeNull();
}
