using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Ory.Identity.Tests.Credentials.Hashing;

public sealed class PasswordHashingTests
{
    private static PasswordHashing Bcrypt(int cost = 12) =>
        new(HashersSettings.Create(new HashersOptions { Bcrypt = new BcryptHasherOptions { Cost = cost } }));

    private static PasswordHashing Argon2(string memory = "64KB", int iterations = 2, int parallelism = 2) =>
        new(HashersSettings.Create(new HashersOptions
        {
            Algorithm = "argon2",
            Argon2 = new Argon2HasherOptions { Memory = memory, Iterations = iterations, Parallelism = parallelism },
        }));

    [Fact]
    public void New_bcrypt_hashes_are_2a_cost_12_and_60_characters_and_verify()
    {
        var hashing = Bcrypt();
        var hash = hashing.Hash("s3cret pässword");
        hash.Should().StartWith("$2a$12$").And.HaveLength(60);
        hashing.Verify("s3cret pässword", hash).Should().Be(new PasswordVerification(true, false));
        hashing.Verify("s3cret password", hash).Should().Be(PasswordVerification.Failed);
        PasswordHashImport.Validate(hash).Should().BeNull();
    }

    [Fact]
    public void Bcrypt_costs_below_12_are_raised_to_12()
    {
        HashersSettings.Create(new HashersOptions { Bcrypt = new BcryptHasherOptions { Cost = 4 } }).BcryptCost.Should().Be(12);
        HashersSettings.Create(new HashersOptions { Bcrypt = new BcryptHasherOptions { Cost = 13 } }).BcryptCost.Should().Be(13);
    }

    [Fact]
    public void Cleartext_over_72_bytes_is_refused_with_bcrypt_and_the_password_is_not_in_the_message()
    {
        var password = new string('ü', 37); // 74 UTF-8 bytes, 37 characters
        var act = () => Bcrypt().Hash(password);
        var error = act.Should().Throw<InvalidRequestException>().Which;
        error.StatusCode.Should().Be(400);
        error.Error.Reason.Should().Be(PasswordHashing.BcryptPasswordTooLong);
        error.Message.Should().NotContain(password);
    }

    [Fact]
    public void Argon2_accepts_long_passwords_up_to_4096_bytes()
    {
        var hashing = Argon2();
        var password = new string('x', 500);
        hashing.Verify(password, hashing.Hash(password)).Succeeded.Should().BeTrue();
        var act = () => hashing.Hash(new string('x', 4097));
        act.Should().Throw<InvalidRequestException>().Which.Error.Reason.Should().Be(PasswordHashing.PasswordTooLong);
    }

    [Fact]
    public void New_argon2id_hashes_have_Kratos_layout_and_verify()
    {
        var hashing = Argon2();
        var hash = hashing.Hash("hunter2");
        hash.Should().MatchRegex(@"^\$argon2id\$v=19\$m=64,t=2,p=2\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$");
        hashing.Verify("hunter2", hash).Should().Be(new PasswordVerification(true, false));
        hashing.Verify("hunter3", hash).Succeeded.Should().BeFalse();
        PasswordHashImport.Validate(hash).Should().BeNull();
    }

    [Fact]
    public void Needs_rehash_when_the_format_differs_or_is_weaker_than_configured()
    {
        var bcrypt12 = Bcrypt(12);
        var bcrypt13 = Bcrypt(13);
        var cost12 = "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6";
        bcrypt12.NeedsRehash(cost12).Should().BeFalse();
        bcrypt12.NeedsRehash("$2a$15$GRvRO2nrpYTEuPQX6AieaOlZ4.7nMGsXpt.QWMev1zrP86JNspZbO").Should().BeFalse();
        bcrypt13.NeedsRehash(cost12).Should().BeTrue();
        bcrypt12.NeedsRehash("$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw").Should().BeTrue();
        bcrypt12.NeedsRehash("$md5$CY9rzUYh03PK3k6DJie09g==").Should().BeTrue();

        var argon2 = Argon2(memory: "64KB", iterations: 2);
        argon2.NeedsRehash("$argon2id$v=19$m=64,t=2,p=1$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw").Should().BeFalse();
        argon2.NeedsRehash("$argon2id$v=19$m=128,t=3,p=1$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw").Should().BeFalse();
        argon2.NeedsRehash("$argon2id$v=19$m=32,t=2,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw").Should().BeTrue();
        argon2.NeedsRehash("$argon2id$v=19$m=64,t=1,p=4$cm94YnRVOW5jZzFzcVE4bQ$MNzk5BtR2vUhrp6qQEjRNw").Should().BeTrue();
        argon2.NeedsRehash("$argon2i$v=19$m=65536,t=3,p=4$kk51rW/vxIVCYn+EG4kTSg$NyT88uraJ6im6dyha/M5jhXvpqlEdlS/9fEm7ScMb8c").Should().BeTrue();
        argon2.NeedsRehash(cost12).Should().BeTrue();
    }

    [Fact]
    public void Verify_reports_rehash_only_on_success()
    {
        var hashing = Argon2();
        hashing.Verify("test", "$md5$CY9rzUYh03PK3k6DJie09g==").Should().Be(new PasswordVerification(true, true));
        hashing.Verify("nope", "$md5$CY9rzUYh03PK3k6DJie09g==").Should().Be(PasswordVerification.Failed);
        hashing.Verify("test", "").Should().Be(PasswordVerification.Failed);
        hashing.Verify("test", "$unknown$").Should().Be(PasswordVerification.Failed);
    }

    [Fact]
    public void The_dummy_hash_is_of_the_configured_algorithm_and_matches_nothing_guessable()
    {
        var bcrypt = Bcrypt();
        bcrypt.DummyHash.Should().StartWith("$2a$12$").And.BeSameAs(bcrypt.DummyHash);
        bcrypt.Verify("", bcrypt.DummyHash).Succeeded.Should().BeFalse();
        Argon2().DummyHash.Should().StartWith("$argon2id$v=19$m=64,t=2,p=2$");
    }

    [Fact]
    public void Try_validate_import_gives_Kratos_texts()
    {
        var hashing = Bcrypt();
        hashing.TryValidateImport("$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6", out var none).Should().BeTrue();
        none.Should().BeNull();
        hashing.TryValidateImport("nope", out var error).Should().BeFalse();
        error.Should().Be("The imported password does not match any known hash format.");
    }

    [Theory]
    [InlineData("128MB", 131072)]
    [InlineData("64MiB", 65536)]
    [InlineData("131072KB", 131072)]
    [InlineData("1GB", 1048576)]
    [InlineData("1 GiB", 1048576)]
    [InlineData("65536kib", 65536)]
    [InlineData("2048", 2)]
    public void Memory_sizes_parse_as_Kratos(string text, long kib)
    {
        ByteSize.TryParseKiB(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(kib);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("12 parsecs")]
    [InlineData("-5MB")]
    [InlineData("1.5GB")]
    public void Bad_memory_sizes_do_not_parse(string text) => ByteSize.TryParseKiB(text, out _).Should().BeFalse();

    [Fact]
    public void Defaults_are_Kratos_defaults()
    {
        var settings = HashersSettings.Create(new HashersOptions());
        settings.Algorithm.Should().Be(NewHashAlgorithm.Bcrypt);
        settings.BcryptCost.Should().Be(12);
        settings.Argon2MemoryKiB.Should().Be(131072);
        settings.Argon2Iterations.Should().Be(1);
        settings.Argon2Parallelism.Should().Be(Math.Min(2 * Environment.ProcessorCount, 16));
        settings.Argon2SaltLength.Should().Be(16);
        settings.Argon2KeyLength.Should().Be(32);
    }

    [Fact]
    public void Invalid_options_give_one_message_per_problem()
    {
        var errors = new HashersOptions
        {
            Algorithm = "md5",
            Bcrypt = new BcryptHasherOptions { Cost = 16 },
            Argon2 = new Argon2HasherOptions { Memory = "lots", Iterations = 0, Parallelism = 17, SaltLength = 8, KeyLength = 4 },
        }.Validate();
        errors.Should().HaveCount(7);
        errors.Should().Contain(e => e.Contains("hashers.algorithm", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("hashers.bcrypt.cost", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Contains("hashers.argon2.memory", StringComparison.Ordinal));
        new HashersOptions { Argon2 = new Argon2HasherOptions { Memory = "2GB" } }.Validate().Should().ContainSingle();
        new HashersOptions().Validate().Should().BeEmpty();
    }

    [Fact]
    public void Options_bind_from_kratos_yml_keys_and_invalid_ones_fail_validation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["hashers:algorithm"] = "argon2",
            ["hashers:bcrypt:cost"] = "13",
            ["hashers:argon2:memory"] = "64MB",
            ["hashers:argon2:iterations"] = "3",
            ["hashers:argon2:parallelism"] = "4",
            ["hashers:argon2:salt_length"] = "32",
            ["hashers:argon2:key_length"] = "64",
        }).Build();
        var options = new OryIdentityOptions();
        configuration.Bind(options);
        var settings = HashersSettings.Create(options.Hashers);
        settings.Should().BeEquivalentTo(new
        {
            Algorithm = NewHashAlgorithm.Argon2id,
            BcryptCost = 13,
            Argon2MemoryKiB = 65536,
            Argon2Iterations = 3,
            Argon2Parallelism = 4,
            Argon2SaltLength = 32,
            Argon2KeyLength = 64,
        });

        options.Hashers.Algorithm = "sha1";
        var result = new OryIdentityOptionsValidator().Validate(null, options);
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("hashers.algorithm");
    }

    [Fact]
    public void The_hashing_limits_default_to_all_processors_but_one_and_64_waiting_callers()
    {
        var settings = HashersSettings.Create(new HashersOptions());
        settings.MaxConcurrency.Should().Be(Math.Max(1, Environment.ProcessorCount - 1));
        settings.MaxQueue.Should().Be(64);
        var scheduler = new PasswordHashing(settings).Scheduler;
        scheduler.MaxConcurrency.Should().Be(settings.MaxConcurrency);
        scheduler.MaxQueue.Should().Be(64);
    }

    [Fact]
    public void The_hashing_limits_bind_from_hashers_keys_and_bad_ones_fail_validation_with_the_key_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["hashers:max_concurrency"] = "3",
            ["hashers:max_queue"] = "0",
        }).Build();
        var options = new OryIdentityOptions();
        configuration.Bind(options);
        var settings = HashersSettings.Create(options.Hashers);
        settings.MaxConcurrency.Should().Be(3);
        settings.MaxQueue.Should().Be(0);

        options.Hashers.MaxConcurrency = -1;
        options.Hashers.MaxQueue = -5;
        var result = new OryIdentityOptionsValidator().Validate(null, options);
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("hashers.max_concurrency must be between 1 and 1024, or 0 for the default (processors - 1, at least 1), got -1.");
        result.FailureMessage.Should().Contain("hashers.max_queue must be between 0 and 100000 waiting callers, got -5.");
        new HashersOptions { MaxConcurrency = 1025 }.Validate().Should().ContainSingle().Which.Should().Contain("hashers.max_concurrency");
        new HashersOptions { MaxQueue = 100_001 }.Validate().Should().ContainSingle().Which.Should().Contain("hashers.max_queue");
    }

    [Fact]
    public void The_service_reads_hashers_from_the_options()
    {
        var options = Options.Create(new OryIdentityOptions { Hashers = new HashersOptions { Algorithm = "argon2" } });
        new PasswordHashing(options).Settings.Algorithm.Should().Be(NewHashAlgorithm.Argon2id);
    }
}
