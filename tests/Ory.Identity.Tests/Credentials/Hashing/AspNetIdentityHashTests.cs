using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>Hashes made by ASP.NET Core Identity's own PasswordHasher&lt;TUser&gt; verify (an Ory.Identity extension for migrations).</summary>
public sealed class AspNetIdentityHashTests
{
    private sealed class User;

    private static string HashWith(PasswordHasherCompatibilityMode mode, string password, int iterations = 100_000) =>
        new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { CompatibilityMode = mode, IterationCount = iterations }))
            .HashPassword(new User(), password);

    [Fact]
    public void Version_3_hashes_verify_and_need_rehash()
    {
        var hash = HashWith(PasswordHasherCompatibilityMode.IdentityV3, "P@ssw0rd!");
        hash.Should().StartWith("AQAAAA");
        PasswordHashFormats.Detect(hash).Should().Be(PasswordHashFormat.AspNetIdentityV3);
        PasswordHashImport.Validate(hash).Should().BeNull();
        PasswordHashVerifier.Verify("P@ssw0rd!", hash).Should().BeTrue();
        PasswordHashVerifier.Verify("P@ssw0rd?", hash).Should().BeFalse();
        new PasswordHashing(HashersSettings.Default).Verify("P@ssw0rd!", hash).Should().Be(new PasswordVerification(true, true));
    }

    [Fact]
    public void Version_3_hashes_with_a_custom_iteration_count_verify()
    {
        var hash = HashWith(PasswordHasherCompatibilityMode.IdentityV3, "ünïcödé", iterations: 1234);
        PasswordHashVerifier.Verify("ünïcödé", hash).Should().BeTrue();
    }

    [Fact]
    public void Version_2_hashes_verify()
    {
        var hash = HashWith(PasswordHasherCompatibilityMode.IdentityV2, "P@ssw0rd!");
        PasswordHashFormats.Detect(hash).Should().Be(PasswordHashFormat.AspNetIdentityV2);
        PasswordHashImport.Validate(hash).Should().BeNull();
        PasswordHashVerifier.Verify("P@ssw0rd!", hash).Should().BeTrue();
        PasswordHashVerifier.Verify("P@ssw0rd", hash).Should().BeFalse();
    }

    [Fact]
    public void Version_3_iteration_counts_above_ten_million_are_out_of_bounds()
    {
        var bytes = Convert.FromBase64String(HashWith(PasswordHasherCompatibilityMode.IdentityV3, "x", iterations: 1000));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(5), 10_000_001);
        var hostile = Convert.ToBase64String(bytes);
        PasswordHashImport.Validate(hostile).Should().Be(PasswordHashImport.OutOfBounds);
        PasswordHashVerifier.Verify("x", hostile).Should().BeFalse();
    }
}
