using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ory.Identity.Tests.Passwords;

public sealed class PwnedPasswordsRangeClientTests
{
    // SHA-1("damrumukuh") = BCBA9F48762CCEBF7E79D69DAB184595E5C17278; Kratos's own test asks for range BCBA9.
    private const string Password = "damrumukuh";
    private const string Suffix = "F48762CCEBF7E79D69DAB184595E5C17278";
    private const string Neighbour = "0018A45C4D1DEF81644B54AB7F969B88D65";

    [Fact]
    public async Task Only_the_first_five_hex_digits_of_the_SHA1_leave_the_process()
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith($"{Neighbour}:3");

        var count = await host.Checker.CountBreachesAsync(Password);

        count.Should().Be(0);
        var request = host.Handler.Requests.Should().ContainSingle().Which;
        request.Method.Should().Be(HttpMethod.Get);
        request.RequestUri!.AbsoluteUri.Should().Be("https://api.pwnedpasswords.com/range/BCBA9");
        request.Content.Should().BeNull();
        request.Headers.ToString().Should().NotContain(Suffix[..8]);
    }

    [Fact]
    public async Task The_configured_host_is_asked_over_https()
    {
        using var host = new PasswordPolicyHost(o => o.SelfService.Methods.Password.Config.HaveIBeenPwnedHost = "hibp.example.test:8443");
        host.Handler.AnswerWith(string.Empty);

        await host.Checker.CountBreachesAsync(Password);

        host.Handler.Requests.Single().RequestUri!.AbsoluteUri.Should().Be("https://hibp.example.test:8443/range/BCBA9");
    }

    [Theory]
    [InlineData($"{Neighbour}:3\r\n{Suffix}:42\r\n", 42)]
    [InlineData($"{Neighbour}:3\n{Suffix}:1,234,567\n", 1_234_567)]
    [InlineData($"{Suffix}\n{Neighbour}:2", 1)]
    [InlineData($"  {Suffix}:7  \n\n", 7)]
    [InlineData("F48762ccebf7e79d69dab184595e5c17278:5", 5)]
    [InlineData($"{Neighbour}:0,6", 0)]
    public async Task Answers_are_read_as_Kratos_reads_them(string body, long expected)
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith(body);

        var count = await host.Checker.CountBreachesAsync(Password);

        count.Should().Be(expected);
    }

    [Theory]
    [InlineData($"{Suffix}:many")]
    [InlineData($"{Neighbour}:text\n{Suffix}:2")]
    [InlineData($"{Suffix}:")]
    public async Task A_count_that_is_not_an_integer_is_a_502_that_is_never_ignored(string body)
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith(body);

        var check = async () => await host.Policy.ValidateAsync(Password, []);

        var error = (await check.Should().ThrowAsync<BreachedPasswordCheckException>()).Which;
        error.IsNetworkError.Should().BeFalse();
        error.StatusCode.Should().Be(502);
        error.Error.Id.Should().Be("upstream_error");
        error.Message.Should().NotContain(Suffix[..8]);
    }

    [Fact]
    public async Task A_rejected_answer_leaves_none_of_its_lines_in_the_cache()
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith($"{Neighbour}:3\n{Suffix}:many");

        var check = async () => await host.Checker.CountBreachesAsync(Password);

        await check.Should().ThrowAsync<BreachedPasswordCheckException>();
        host.Get<BreachCountCache>().TryGet("BCBA9" + Neighbour, out _).Should().BeFalse("the line before the bad one is not remembered");
    }

    [Fact]
    public async Task A_cached_count_asks_nothing_for_an_hour_for_the_password_and_its_neighbours()
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith($"{Neighbour}:3\n{Suffix}:42");
        var cache = host.Get<BreachCountCache>();

        (await host.Checker.CountBreachesAsync(Password)).Should().Be(42);
        host.Clock.Advance(Duration.FromHours(1) - Duration.FromSeconds(1));
        (await host.Checker.CountBreachesAsync(Password)).Should().Be(42);

        host.Handler.Requests.Should().HaveCount(1);
        cache.TryGet("BCBA9" + Neighbour, out var neighbour).Should().BeTrue();
        neighbour.Should().Be(3);

        host.Clock.Advance(Duration.FromSeconds(1));
        host.Handler.AnswerWith($"{Suffix}:43");
        (await host.Checker.CountBreachesAsync(Password)).Should().Be(43);
        host.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_absent_password_is_cached_as_zero()
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith($"{Neighbour}:3");

        await host.Checker.CountBreachesAsync(Password);
        var second = await host.Checker.CountBreachesAsync(Password);

        second.Should().Be(0);
        host.Handler.Requests.Should().HaveCount(1);
        host.Get<BreachCountCache>().TryGet("BCBA9" + Suffix, out var cached).Should().BeTrue();
        cached.Should().Be(0);
    }

    [Fact]
    public async Task Failures_are_not_cached()
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith(string.Empty, HttpStatusCode.ServiceUnavailable);
        await host.Policy.ValidateAsync(Password, []);

        host.Handler.AnswerWith($"{Suffix}:9");
        var result = await host.Policy.ValidateAsync(Password, []);

        result!.Id.Should().Be(4000034);
        host.Handler.Requests.Should().HaveCount(2);
    }

    public static TheoryData<string> Failures => ["status 500", "status 404", "connection refused", "timeout"];

    private static void Arrange(FakeRangeHandler handler, string failure)
    {
        switch (failure)
        {
            case "status 500":
                handler.AnswerWith("oops", HttpStatusCode.InternalServerError);
                break;
            case "status 404":
                handler.AnswerWith(string.Empty, HttpStatusCode.NotFound);
                break;
            case "connection refused":
                handler.FailWith(new HttpRequestException("Connection refused (api.pwnedpasswords.com:443)"));
                break;
            default:
                handler.FailWith(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Network_failures_are_ignored_by_default_and_logged_without_secrets(string failure)
    {
        using var host = new PasswordPolicyHost();
        Arrange(host.Handler, failure);

        var result = await host.Policy.ValidateAsync(Password, ["mohutdesub"]);

        result.Should().BeNull(failure);
        host.Logs.Lines.Should().ContainSingle(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[1301]"));
        AssertNoSecretLogged(host);
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Network_failures_are_a_502_when_not_ignored(string failure)
    {
        using var host = new PasswordPolicyHost(o => o.SelfService.Methods.Password.Config.IgnoreNetworkErrors = false);
        Arrange(host.Handler, failure);

        var check = async () => await host.Policy.ValidateAsync(Password, ["mohutdesub"]);

        var error = (await check.Should().ThrowAsync<BreachedPasswordCheckException>(failure)).Which;
        error.IsNetworkError.Should().BeTrue();
        error.StatusCode.Should().Be(502);
        error.Error.Reason.Should().StartWith("The breached-password range API");
        error.Message.Should().NotContain(Suffix[..8]);
    }

    [Fact]
    public async Task A_slow_range_API_times_out_as_a_network_failure()
    {
        using var host = new PasswordPolicyHost(
            o => o.SelfService.Methods.Password.Config.IgnoreNetworkErrors = false,
            s => s.AddHttpClient(PwnedPasswordsRangeClient.HttpClientName, c => c.Timeout = TimeSpan.FromMilliseconds(100)));
        host.Handler.Respond = async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        };

        var check = async () => await host.Checker.CountBreachesAsync(Password);

        var error = (await check.Should().ThrowAsync<BreachedPasswordCheckException>()).Which;
        error.Message.Should().Be("The breached-password range API did not answer in time.");
        error.IsNetworkError.Should().BeTrue();
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_network_failure()
    {
        using var host = new PasswordPolicyHost();
        using var cancellation = new CancellationTokenSource();
        host.Handler.Respond = (_, _) =>
        {
            cancellation.Cancel();
            return Task.FromException<HttpResponseMessage>(new TaskCanceledException());
        };

        var check = async () => await host.Policy.ValidateAsync(Password, [], cancellation.Token);

        await check.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_successful_check_logs_no_secret()
    {
        using var host = new PasswordPolicyHost();
        host.Handler.AnswerWith($"{Neighbour}:3\n{Suffix}:1");

        var result = await host.Policy.ValidateAsync(Password, ["mohutdesub"]);

        result!.Id.Should().Be(4000034);
        AssertNoSecretLogged(host);
    }

    [Fact]
    public void The_registered_client_gives_up_after_five_seconds()
    {
        using var host = new PasswordPolicyHost();

        var client = host.Get<IHttpClientFactory>().CreateClient(PwnedPasswordsRangeClient.HttpClientName);

        client.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        client.MaxResponseContentBufferSize.Should().Be(1024 * 1024);
    }

    private static void AssertNoSecretLogged(PasswordPolicyHost host)
    {
        var suffixStart = Suffix[..10];
        host.Logs.Texts.Should().NotBeEmpty();
        host.Logs.Texts.Should().NotContain(t => t.Contains(Password, StringComparison.OrdinalIgnoreCase)
            || t.Contains(suffixStart, StringComparison.OrdinalIgnoreCase));
    }
}
