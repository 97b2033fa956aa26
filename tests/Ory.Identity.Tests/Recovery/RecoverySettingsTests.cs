using NodaTime;

namespace Ory.Identity.Tests.Recovery;

/// <summary>How the recovery configuration is read: resolved values, and one exact message per invalid value.</summary>
public sealed class RecoverySettingsTests
{
    private static (RecoverySettings Settings, IReadOnlyList<string> Errors, bool Valid) Read(Action<OryIdentityOptions> configure)
    {
        var options = new OryIdentityOptions();
        configure(options);
        var valid = RecoverySettings.TryCreate(options, out var settings, out var errors);
        return (settings, errors, valid);
    }

    [Fact]
    public void Defaults_are_Kratos_defaults()
    {
        var (settings, errors, valid) = Read(_ => { });

        valid.Should().BeTrue();
        errors.Should().BeEmpty();
        settings.LinkEnabled.Should().BeFalse();
        settings.CodeEnabled.Should().BeTrue();
        settings.FlowsEnabled.Should().BeFalse();
        settings.Use.Should().Be(RecoveryMethod.Code);
        settings.LinkLifespan.Should().Be(Duration.FromHours(1));
        settings.CodeLifespan.Should().Be(Duration.FromHours(1));
        settings.FlowLifespan.Should().Be(Duration.FromHours(1));
        settings.MaxSubmissions.Should().Be(5);
        settings.RateLimitMessages.Should().Be(5);
        settings.RateLimitWindow.Should().Be(Duration.FromHours(1));
        settings.NotifyUnknownRecipients.Should().BeFalse();
        settings.UiUrl.Should().Be(RecoveryFlowOptions.DefaultUiUrl);
        settings.PublicBaseUrl.Should().Be("http://127.0.0.1:4433");
        settings.AdminBaseUrl.Should().Be("http://127.0.0.1:4434");
        settings.LinkBaseUrl.Should().Be("http://127.0.0.1:4433", "without link.config.base_url links start at the public base URL");
        settings.AllowedReturnUrls.Should().BeEmpty();
    }

    [Fact]
    public void Configured_values_are_resolved_and_trailing_slashes_dropped()
    {
        var (settings, errors, _) = Read(o =>
        {
            o.Serve.Public.BaseUrl = "https://id.example.com//";
            o.Serve.Admin.BaseUrl = "https://admin.example.com/";
            o.SelfService.Methods.Link.Enabled = true;
            o.SelfService.Methods.Link.Config.BaseUrl = "https://links.example.com/";
            o.SelfService.Methods.Link.Config.Lifespan = "12h";
            o.SelfService.Methods.Code.Config.Lifespan = "15m";
            o.SelfService.Methods.Code.Config.MaxSubmissions = 255;
            o.SelfService.Flows.Recovery.Enabled = true;
            o.SelfService.Flows.Recovery.Use = "link";
            o.SelfService.Flows.Recovery.Lifespan = "30m";
            o.SelfService.Flows.Recovery.UiUrl = "https://ui.example.com/recovery";
            o.SelfService.Flows.Recovery.NotifyUnknownRecipients = true;
            o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 0;
            o.SelfService.Flows.Recovery.RateLimit.Window = "10m";
            o.SelfService.AllowedReturnUrls = ["https://app.example.com/welcome", "http://localhost:3000/"];
        });

        errors.Should().BeEmpty();
        settings.LinkEnabled.Should().BeTrue();
        settings.FlowsEnabled.Should().BeTrue();
        settings.Use.Should().Be(RecoveryMethod.Link);
        settings.LinkLifespan.Should().Be(Duration.FromHours(12));
        settings.CodeLifespan.Should().Be(Duration.FromMinutes(15));
        settings.FlowLifespan.Should().Be(Duration.FromMinutes(30));
        settings.MaxSubmissions.Should().Be(255);
        settings.NotifyUnknownRecipients.Should().BeTrue();
        settings.RateLimitMessages.Should().Be(0);
        settings.RateLimitWindow.Should().Be(Duration.FromMinutes(10));
        settings.UiUrl.Should().Be("https://ui.example.com/recovery");
        settings.PublicBaseUrl.Should().Be("https://id.example.com");
        settings.AdminBaseUrl.Should().Be("https://admin.example.com");
        settings.LinkBaseUrl.Should().Be("https://links.example.com");
        settings.AllowedReturnUrls.Select(u => u.ToString()).Should().Equal("https://app.example.com/welcome", "http://localhost:3000/");
    }

    public static TheoryData<Action<OryIdentityOptions>, string> InvalidValues => new()
    {
        { o => o.SelfService.Flows.Recovery.Use = "sms", "selfservice.flows.recovery.use must be \"code\" or \"link\", got \"sms\"." },
        { o => o.SelfService.Methods.Code.Config.MaxSubmissions = 0, "selfservice.methods.code.config.max_submissions must be between 1 and 255, got 0." },
        { o => o.SelfService.Methods.Code.Config.MaxSubmissions = 256, "selfservice.methods.code.config.max_submissions must be between 1 and 255, got 256." },
        { o => o.SelfService.Flows.Recovery.RateLimit.MaxMessages = -1, "selfservice.flows.recovery.rate_limit.max_messages must not be negative, got -1." },
        {
            o => { o.SelfService.Flows.Recovery.Enabled = true; o.SelfService.Methods.Code.Enabled = false; },
            "selfservice.flows.recovery.use is \"code\", but selfservice.methods.code.enabled is false: enable the method or use the other one."
        },
        {
            o => { o.SelfService.Flows.Recovery.Enabled = true; o.SelfService.Flows.Recovery.Use = "link"; },
            "selfservice.flows.recovery.use is \"link\", but selfservice.methods.link.enabled is false: enable the method or use the other one."
        },
        { o => o.SelfService.Methods.Link.Config.BaseUrl = "ftp://links.example.com", "selfservice.methods.link.config.base_url must be an absolute http or https URL, got \"ftp://links.example.com\"." },
        { o => o.SelfService.Flows.Recovery.UiUrl = "/recovery", "selfservice.flows.recovery.ui_url must be an absolute http or https URL, got \"/recovery\"." },
        { o => o.SelfService.AllowedReturnUrls = ["https://ok.example.com", "javascript:alert(1)"], "selfservice.allowed_return_urls must be an absolute http or https URL, got \"javascript:alert(1)\"." },
        { o => o.Secrets.Cookie = ["short"], "Every secret in secrets.default and secrets.cookie must be at least 16 characters long." },
        { o => o.SelfService.Methods.Link.Config.Lifespan = "1d", "selfservice.methods.link.config.lifespan must be a Go duration such as \"1h\" or \"30m\", got \"1d\"." },
        { o => o.SelfService.Methods.Code.Config.Lifespan = "0s", "selfservice.methods.code.config.lifespan must be positive, got \"0s\"." },
        { o => o.SelfService.Flows.Recovery.Lifespan = "-1h", "selfservice.flows.recovery.lifespan must be positive, got \"-1h\"." },
        { o => o.SelfService.Flows.Recovery.RateLimit.Window = "hour", "selfservice.flows.recovery.rate_limit.window must be a Go duration such as \"1h\" or \"30m\", got \"hour\"." },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void An_invalid_value_gives_exactly_its_message(Action<OryIdentityOptions> configure, string message)
    {
        var (_, errors, valid) = Read(configure);

        valid.Should().BeFalse();
        errors.Should().Equal(message);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once_and_Create_throws_them_all()
    {
        var options = new OryIdentityOptions();
        options.SelfService.Flows.Recovery.Use = "sms";
        options.SelfService.Methods.Code.Config.MaxSubmissions = 0;

        var create = () => RecoverySettings.Create(options);

        create.Should().Throw<InvalidOperationException>().WithMessage(
            "selfservice.flows.recovery.use must be \"code\" or \"link\", got \"sms\". selfservice.methods.code.config.max_submissions must be between 1 and 255, got 0.");
    }

    [Fact]
    public void A_disabled_method_is_fine_while_self_service_recovery_is_off_and_bounds_are_inclusive()
    {
        var (_, errors, valid) = Read(o =>
        {
            o.SelfService.Methods.Code.Enabled = false;
            o.SelfService.Methods.Code.Config.MaxSubmissions = 1;
            o.SelfService.Flows.Recovery.RateLimit.MaxMessages = 0;
            o.Secrets.Default = [new string('s', 16)];
        });

        errors.Should().BeEmpty();
        valid.Should().BeTrue();
    }
}
