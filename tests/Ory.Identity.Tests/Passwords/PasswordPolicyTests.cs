using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Passwords;

public sealed class PasswordPolicyTests
{
    private const string Email = "hello@example.com";

    private static PasswordPolicy Policy(
        IBreachedPasswordChecker? checker = null,
        Action<PasswordMethodConfig>? configure = null,
        string hasher = HashersOptions.BcryptAlgorithm,
        ILogger<PasswordPolicy>? logger = null)
    {
        var options = new OryIdentityOptions();
        options.Hashers.Algorithm = hasher;
        configure?.Invoke(options.SelfService.Methods.Password.Config);
        return new PasswordPolicy(Options.Create(options), checker ?? new FakeBreachedPasswordChecker(), logger);
    }

    private static string Context(UiText text) => text.Context!.Value.GetRawText();

    [Fact]
    public async Task Seven_bytes_are_too_short_and_eight_pass()
    {
        var tooShort = await Policy().ValidateAsync("abcdefg", []);
        var enough = await Policy().ValidateAsync("abcdefgh", []);

        tooShort.Should().NotBeNull();
        tooShort!.Id.Should().Be(4000032);
        tooShort.Type.Should().Be("error");
        tooShort.Text.Should().Be("The password must be at least 8 characters long, but got 7.");
        Context(tooShort).Should().Be("""{"actual_length":7,"min_length":8}""");
        enough.Should().BeNull();
    }

    [Fact]
    public async Task Length_is_counted_in_utf8_bytes_so_four_umlauts_count_eight()
    {
        var four = await Policy().ValidateAsync("ääää", []);
        var three = await Policy().ValidateAsync("äää", []);

        four.Should().BeNull();
        three!.Text.Should().Be("The password must be at least 8 characters long, but got 6.");
        Context(three).Should().Be("""{"actual_length":6,"min_length":8}""");
    }

    [Fact]
    public async Task A_configured_minimum_length_applies()
    {
        var policy = Policy(configure: c => c.MinPasswordLength = 10);

        (await policy.ValidateAsync("kuobahcaas", [])).Should().BeNull();
        (await policy.ValidateAsync("rfqyfjied", []))!.Text.Should().Be("The password must be at least 10 characters long, but got 9.");
    }

    [Fact]
    public async Task With_bcrypt_72_bytes_pass_and_73_are_too_long()
    {
        var policy = Policy();

        var exactly = await policy.ValidateAsync(new string('k', 72), []);
        var over = await policy.ValidateAsync(new string('k', 73), []);
        var umlauts = await policy.ValidateAsync(new string('ä', 37), []);

        exactly.Should().BeNull();
        over!.Id.Should().Be(4000033);
        over.Text.Should().Be("The password must be at most 72 characters long, but got 73.");
        Context(over).Should().Be("""{"actual_length":73,"max_length":72}""");
        umlauts!.Text.Should().Be("The password must be at most 72 characters long, but got 74.");
        (await policy.ValidateAsync(new string('ä', 36), [])).Should().BeNull();
    }

    [Fact]
    public async Task With_argon2_there_is_no_maximum_length()
    {
        var policy = Policy(hasher: HashersOptions.Argon2Algorithm);

        (await policy.ValidateAsync(new string('k', 73), [])).Should().BeNull();
        (await policy.ValidateAsync(new string('k', 1000), [])).Should().BeNull();
    }

    [Fact]
    public async Task The_length_is_checked_before_similarity_and_similarity_before_breaches()
    {
        var checker = new FakeBreachedPasswordChecker(breaches: 1000);
        var policy = Policy(checker);

        (await policy.ValidateAsync("hello", ["hello"]))!.Id.Should().Be(4000032);
        (await policy.ValidateAsync(Email, [Email]))!.Id.Should().Be(4000031);
        checker.Calls.Should().Be(0, "a password that fails an earlier rule is never sent anywhere");
        (await policy.ValidateAsync("l3f9toh1uaf81n21", [Email]))!.Id.Should().Be(4000034);
        checker.Calls.Should().Be(1);
    }

    [Fact]
    public async Task A_password_too_similar_to_the_identifier_is_refused_with_Kratos_text()
    {
        var result = await Policy().ValidateAsync("HELLO@example.com", [Email]);

        result!.Id.Should().Be(4000031);
        result.Type.Should().Be("error");
        result.Text.Should().Be("The password can not be used because it is too similar to the identifier.");
        result.Context.Should().BeNull();
    }

    [Fact]
    public async Task Every_identifier_is_compared()
    {
        var result = await Policy().ValidateAsync("bosqwfaxee", [Email, "bosqwfaxee"]);

        result!.Id.Should().Be(4000031);
    }

    [Fact]
    public async Task The_similarity_check_can_be_turned_off()
    {
        var result = await Policy(configure: c => c.IdentifierSimilarityCheckEnabled = false).ValidateAsync("bosqwfaxee", ["bosqwfaxee"]);

        result.Should().BeNull();
    }

    [Fact]
    public async Task Passwords_and_identifiers_over_256_bytes_are_not_compared()
    {
        var policy = Policy(hasher: HashersOptions.Argon2Algorithm);

        (await policy.ValidateAsync(new string('x', 256), [new string('x', 256)]))!.Id.Should().Be(4000031);
        (await policy.ValidateAsync(new string('x', 257), [new string('x', 257)])).Should().BeNull();
        (await policy.ValidateAsync(new string('x', 300), [new string('x', 250)])).Should().BeNull();
        (await policy.ValidateAsync(new string('x', 250), [new string('x', 300)])).Should().BeNull();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 5)]
    [InlineData(100, 100)]
    public async Task A_count_up_to_max_breaches_passes(int maxBreaches, long count)
    {
        var result = await Policy(new FakeBreachedPasswordChecker(count), c => c.MaxBreaches = maxBreaches).ValidateAsync("l3f9toh1uaf81n21", [Email]);

        result.Should().BeNull();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 6)]
    [InlineData(100, 3_861_493)]
    public async Task A_count_over_max_breaches_is_refused_with_the_count_in_the_context(int maxBreaches, long count)
    {
        var result = await Policy(new FakeBreachedPasswordChecker(count), c => c.MaxBreaches = maxBreaches).ValidateAsync("l3f9toh1uaf81n21", [Email]);

        result!.Id.Should().Be(4000034);
        result.Text.Should().Be("The password has been found in data breaches and must no longer be used.");
        Context(result).Should().Be($$"""{"breaches":{{count}}}""");
    }

    [Fact]
    public async Task Breaches_are_counted_once_for_several_identifiers()
    {
        var checker = new FakeBreachedPasswordChecker();

        var result = await Policy(checker).ValidateAsync("l3f9toh1uaf81n21", [Email, "hello", "+4917612345678"]);

        result.Should().BeNull();
        checker.Calls.Should().Be(1);
    }

    [Fact]
    public async Task With_haveibeenpwned_disabled_the_checker_is_never_asked()
    {
        var checker = new FakeBreachedPasswordChecker(breaches: 1000);

        var result = await Policy(checker, c => c.HaveIBeenPwnedEnabled = false).ValidateAsync("password", []);

        result.Should().BeNull();
        checker.Calls.Should().Be(0);
    }

    [Fact]
    public async Task An_unreachable_range_API_is_ignored_by_default_with_a_warning_that_names_no_secret()
    {
        const string password = "l3f9toh1uaf81n21";
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var checker = new FakeBreachedPasswordChecker { Failure = new BreachedPasswordCheckException("The breached-password range API could not be reached.") };

        var result = await Policy(checker, logger: factory.CreateLogger<PasswordPolicy>()).ValidateAsync(password, [Email]);

        result.Should().BeNull();
        logs.Lines.Should().ContainSingle(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[1301]")
            && l.Contains("The breached-password range API could not be reached."));
        logs.Texts.Should().NotContain(t => t.Contains(password) || t.Contains(Email));
    }

    [Fact]
    public async Task An_unreachable_range_API_is_a_502_when_network_errors_are_not_ignored()
    {
        var checker = new FakeBreachedPasswordChecker { Failure = new BreachedPasswordCheckException("The breached-password range API answered status 500 instead of 200.") };

        var validate = async () => await Policy(checker, c => c.IgnoreNetworkErrors = false).ValidateAsync("l3f9toh1uaf81n21", []);

        var error = (await validate.Should().ThrowAsync<BreachedPasswordCheckException>()).Which;
        error.StatusCode.Should().Be(502);
        error.Error.Id.Should().Be("upstream_error");
    }

    [Fact]
    public async Task A_malformed_answer_is_a_502_even_when_network_errors_are_ignored()
    {
        var checker = new FakeBreachedPasswordChecker { Failure = new BreachedPasswordCheckException("malformed", isNetworkError: false) };

        var validate = async () => await Policy(checker).ValidateAsync("l3f9toh1uaf81n21", []);

        (await validate.Should().ThrowAsync<BreachedPasswordCheckException>()).Which.StatusCode.Should().Be(502);
    }

    [Fact]
    public async Task Other_exceptions_of_a_checker_are_not_swallowed()
    {
        var checker = new FakeBreachedPasswordChecker { Failure = new InvalidOperationException("bug") };

        var validate = async () => await Policy(checker).ValidateAsync("l3f9toh1uaf81n21", []);

        await validate.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public void Messages_serialize_as_Kratos_writes_them()
    {
        var json = OryIdentityJson.Serialize(PasswordPolicyTexts.TooShort(8, 7));

        json.Should().Be("""{"id":4000032,"text":"The password must be at least 8 characters long, but got 7.","type":"error","context":{"actual_length":7,"min_length":8}}""");
    }
}
