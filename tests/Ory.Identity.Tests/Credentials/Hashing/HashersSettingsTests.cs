namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>The <c>hashers</c> configuration: inclusive bounds, and the exact message for each value out of them.</summary>
public sealed class HashersSettingsTests
{
    private static IReadOnlyList<string> Errors(Action<HashersOptions> configure)
    {
        var options = new HashersOptions();
        configure(options);
        return options.Validate();
    }

    [Theory]
    [InlineData(4, 12)]
    [InlineData(12, 12)]
    [InlineData(15, 15)]
    public void Bcrypt_costs_from_4_to_15_are_accepted(int cost, int effective)
    {
        var settings = HashersSettings.Create(new HashersOptions { Bcrypt = new BcryptHasherOptions { Cost = cost } });

        settings.BcryptCost.Should().Be(effective);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    public void Bcrypt_costs_outside_4_to_15_are_refused(int cost) =>
        Errors(o => o.Bcrypt = new BcryptHasherOptions { Cost = cost }).Should().Equal(
            $"hashers.bcrypt.cost must be between 4 and 15 (Ory refuses to verify bcrypt hashes above cost 15), got {cost}.");

    [Fact]
    public void Argon2_values_at_their_bounds_are_accepted()
    {
        var lowest = HashersSettings.Create(new HashersOptions
        {
            Algorithm = "argon2",
            Argon2 = new Argon2HasherOptions { Memory = "16KB", Iterations = 1, Parallelism = 2, SaltLength = 16, KeyLength = 16 },
        });
        var highest = HashersSettings.Create(new HashersOptions
        {
            Algorithm = "argon2",
            Argon2 = new Argon2HasherOptions { Memory = "1GB", Iterations = 10, Parallelism = 16, SaltLength = 1024, KeyLength = 1024 },
        });

        (lowest.Argon2MemoryKiB, lowest.Argon2Iterations, lowest.Argon2Parallelism, lowest.Argon2SaltLength, lowest.Argon2KeyLength)
            .Should().Be((16, 1, 2, 16, 16));
        (highest.Argon2MemoryKiB, highest.Argon2Iterations, highest.Argon2Parallelism, highest.Argon2SaltLength, highest.Argon2KeyLength)
            .Should().Be((1048576, 10, 16, 1024, 1024));
        lowest.Algorithm.Should().Be(NewHashAlgorithm.Argon2id);
    }

    public static TheoryData<Action<HashersOptions>, string> OutOfBounds => new()
    {
        { o => o.Algorithm = "Bcrypt", "hashers.algorithm must be \"bcrypt\" or \"argon2\", got \"Bcrypt\"." },
        { o => o.Argon2.Memory = "lots", "hashers.argon2.memory must be a byte size such as \"128MB\", \"64MiB\" or \"131072KB\", got \"lots\"." },
        { o => { o.Argon2.Memory = "15KB"; o.Argon2.Parallelism = 2; }, "hashers.argon2.memory must be between 8 KiB per lane and 1GB (1048576 KiB), got 15 KiB." },
        { o => o.Argon2.Memory = "1048577KB", "hashers.argon2.memory must be between 8 KiB per lane and 1GB (1048576 KiB), got 1048577 KiB." },
        { o => o.Argon2.Iterations = 0, "hashers.argon2.iterations must be between 1 and 10, got 0." },
        { o => o.Argon2.Iterations = 11, "hashers.argon2.iterations must be between 1 and 10, got 11." },
        { o => o.Argon2.Parallelism = 0, "hashers.argon2.parallelism must be between 1 and 16, got 0." },
        { o => o.Argon2.Parallelism = 17, "hashers.argon2.parallelism must be between 1 and 16, got 17." },
        { o => o.Argon2.SaltLength = 15, "hashers.argon2.salt_length must be between 16 and 1024, got 15." },
        { o => o.Argon2.SaltLength = 1025, "hashers.argon2.salt_length must be between 16 and 1024, got 1025." },
        { o => o.Argon2.KeyLength = 15, "hashers.argon2.key_length must be between 16 and 1024, got 15." },
        { o => o.Argon2.KeyLength = 1025, "hashers.argon2.key_length must be between 16 and 1024, got 1025." },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void A_value_out_of_bounds_gives_exactly_its_message(Action<HashersOptions> configure, string message) =>
        Errors(configure).Should().Equal(message);

    [Fact]
    public void Create_refuses_invalid_options_with_every_message()
    {
        var create = () => HashersSettings.Create(new HashersOptions { Algorithm = "md5", Argon2 = new Argon2HasherOptions { Iterations = 0 } });

        create.Should().Throw<InvalidOperationException>().WithMessage(
            "hashers.algorithm must be \"bcrypt\" or \"argon2\", got \"md5\". hashers.argon2.iterations must be between 1 and 10, got 0.");
        HashersSettings.TryCreate(new HashersOptions { Algorithm = "md5" }, out var settings, out _).Should().BeFalse();
        settings.Should().BeNull();
    }

    [Fact]
    public void Missing_sections_fall_back_to_the_defaults()
    {
        var settings = HashersSettings.Create(new HashersOptions { Bcrypt = null!, Argon2 = null! });

        settings.Should().Be(HashersSettings.Default);
    }
}
