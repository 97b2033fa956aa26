using System.Text.Json;
using Ory.Identity.Tests.Recovery;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Credentials;

public sealed class PasswordLoginTests : IDisposable
{
    // argon2id with small parameters keeps the rehash of every vector fast.
    private readonly TestHost _host = new(configure: b => b.Configure(o =>
    {
        o.Hashers.Algorithm = "argon2";
        o.Hashers.Argon2.Memory = "1MB";
        o.Hashers.Argon2.Parallelism = 1;
    }));

    public void Dispose() => _host.Dispose();

    public static TheoryData<int> VectorIndices => [.. Enumerable.Range(0, HashVectors.All.Count)];

    private static CreateIdentityRequest WithHash(string email, string hash) => OryIdentityJson.Deserialize<CreateIdentityRequest>(
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["traits"] = new Dictionary<string, string> { ["email"] = email },
            ["credentials"] = new Dictionary<string, object> { ["password"] = new Dictionary<string, object> { ["config"] = new Dictionary<string, string> { ["hashed_password"] = hash } } },
        }));

    [Theory]
    [MemberData(nameof(VectorIndices))]
    public async Task Every_kratos_hash_vector_gives_its_expected_result_through_import_and_login(int index)
    {
        var vector = HashVectors.All[index];
        var email = $"vector{index}@ory.sh";

        Identity? imported = null;
        try
        {
            imported = await _host.Manager.CreateAsync(WithHash(email, vector.Hash));
        }
        catch (InvalidRequestException e)
        {
            vector.Valid.Should().BeFalse($"a valid {vector.Format} vector must import ({e.Error.Reason})");
            (await _host.CountAsync()).Should().Be(0);
            return;
        }

        var result = await _host.Manager.VerifyPasswordAsync(email, vector.Password);

        result.Succeeded.Should().Be(vector.Valid, $"{vector.Format}: {vector.Note}");
        if (vector.Valid)
        {
            result.IdentityId.Should().Be(imported.Id);
        }
    }

    [Fact]
    public async Task Legacy_md5_user_is_rehashed_on_first_login_and_keeps_their_password()
    {
        // md5("secret-password") in Kratos's $md5$ form.
#pragma warning disable CA5351 // MD5 is the legacy format under test.
        var md5 = "$md5$" + Convert.ToBase64String(System.Security.Cryptography.MD5.HashData("secret-password"u8));
#pragma warning restore CA5351
        var identity = await _host.Manager.CreateAsync(WithHash("legacy@ory.sh", md5));

        var first = await _host.Manager.VerifyPasswordAsync("LEGACY@ory.sh", "secret-password");
        var stored = await _host.Manager.GetAsync(identity.Id, new IdentityQueryOptions { IncludeCredentials = [CredentialsType.Password] });
        var second = await _host.Manager.VerifyPasswordAsync("legacy@ory.sh", "secret-password");
        var wrong = await _host.Manager.VerifyPasswordAsync("legacy@ory.sh", "secret-passwort");

        first.Should().Be(new PasswordCheckResult(true, true, identity.Id));
        stored.Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString().Should().StartWith("$argon2id$v=19$m=1024,t=1,p=1$");
        stored.Credentials[CredentialsType.Password].Identifiers.Should().Equal("legacy@ory.sh");
        second.Should().Be(new PasswordCheckResult(true, false, identity.Id));
        wrong.Should().Be(PasswordCheckResult.Failed);
    }

    [Fact]
    public async Task Cleartext_password_is_hashed_with_the_configured_algorithm()
    {
        var request = OryIdentityJson.Deserialize<CreateIdentityRequest>(
            """{"traits":{"email":"new@ory.sh"},"credentials":{"password":{"config":{"password":"correct horse battery staple"}}}}""");

        var identity = await _host.Manager.CreateAsync(request);
        var stored = await _host.Manager.GetAsync(identity.Id, new IdentityQueryOptions { IncludeCredentials = [CredentialsType.Password] });

        identity.Credentials[CredentialsType.Password].Config.Should().BeNull("create answers without config");
        stored.Credentials[CredentialsType.Password].Config!.Value.GetProperty("hashed_password").GetString().Should().StartWith("$argon2id$");
        (await _host.Manager.VerifyPasswordAsync("new@ory.sh", "correct horse battery staple")).Should().Be(new PasswordCheckResult(true, false, identity.Id));
    }

    [Fact]
    public async Task Unknown_identifier_and_identity_without_password_fail_like_a_wrong_password()
    {
        await _host.CreateFooAsync();

        (await _host.Manager.VerifyPasswordAsync("nobody@ory.sh", "x")).Should().Be(PasswordCheckResult.Failed);
        (await _host.Manager.VerifyPasswordAsync("foo@ory.sh", "x")).Should().Be(PasswordCheckResult.Failed);
    }

    [Fact]
    public async Task Inactive_identity_is_refused_only_after_a_correct_password()
    {
        var request = OryIdentityJson.Deserialize<CreateIdentityRequest>(
            """{"state":"inactive","traits":{"email":"off@ory.sh"},"credentials":{"password":{"config":{"password":"pw-123456"}}}}""");
        await _host.Manager.CreateAsync(request);

        (await _host.Manager.VerifyPasswordAsync("off@ory.sh", "wrong")).Should().Be(PasswordCheckResult.Failed);
        var act = () => _host.Manager.VerifyPasswordAsync("off@ory.sh", "pw-123456");
        await act.Should().ThrowAsync<IdentityDisabledException>();
    }

    [Theory]
    [InlineData("$2a$31$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6", "exceed the bounds")]
    [InlineData("$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$YWJjZGVmZ2hpamtsbW5vcA", "exceed the bounds")]
    [InlineData("$scrypt$ln=1073741824,r=8,p=1$c29tZXNhbHQ=$YWJjZGVmZ2hpamtsbW5vcA==", "exceed the bounds")]
    [InlineData("$pbkdf2-sha256$i=1000000000,l=32$c29tZXNhbHQ$YWJjZGVmZ2hpamtsbW5vcA", "exceed the bounds")]
    [InlineData("$argon2id$v=19$m=65536,t=1$c29tZXNhbHQ$YWJj", "could not be parsed")]
    [InlineData("$unknown$12$abc", "does not match any known hash format")]
    public async Task Hostile_or_malformed_hashes_are_refused_at_import(string hash, string reason)
    {
        var act = () => _host.Manager.CreateAsync(WithHash("attacker@ory.sh", hash));

        var error = (await act.Should().ThrowAsync<InvalidRequestException>()).Which;
        error.Error.Code.Should().Be(400);
        error.Error.Reason.Should().Contain(reason);
        error.Message.Should().NotContain(hash);
        (await _host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Bcrypt_refuses_cleartext_over_72_bytes()
    {
        using var host = new TestHost();
        var request = OryIdentityJson.Deserialize<CreateIdentityRequest>(
            """{"traits":{"email":"long@ory.sh"},"credentials":{"password":{"config":{"password":""" + "\"" + new string('x', 73) + "\"}}}}");

        var act = () => host.Manager.CreateAsync(request);

        (await act.Should().ThrowAsync<InvalidRequestException>()).Which.Error.Code.Should().Be(400);
        (await host.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Update_replaces_the_password_and_keeps_other_credentials()
    {
        var identity = await _host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            """{"traits":{"email":"u@ory.sh"},"credentials":{"password":{"config":{"password":"old-password"}},"oidc":{"config":{"providers":[{"provider":"github","subject":"42"}]}}}}"""));

        await _host.Manager.UpdateAsync(identity.Id, OryIdentityJson.Deserialize<UpdateIdentityRequest>(
            """{"traits":{"email":"u@ory.sh"},"credentials":{"password":{"config":{"password":"new-password"}}}}"""));

        (await _host.Manager.VerifyPasswordAsync("u@ory.sh", "new-password")).Succeeded.Should().BeTrue();
        (await _host.Manager.VerifyPasswordAsync("u@ory.sh", "old-password")).Succeeded.Should().BeFalse();
        (await _host.Manager.GetAsync(identity.Id)).Credentials[CredentialsType.Oidc].Identifiers.Should().Equal("github:42");
    }
}
