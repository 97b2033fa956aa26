using System.Text.Json;
using NodaTime;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;

namespace Ory.Identity.Testing.Tests;

public sealed class OryIdentityTestHostTests : IAsyncLifetime
{
    private const string Ada = "ada@example.org";
    private OryIdentityTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = OryIdentityTestHost.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Creates_identities_with_the_default_schema_on_the_in_memory_store()
    {
        var created = await CreateAdaAsync();

        _host.Get<IIdentityStore>().Should().BeOfType<InMemoryIdentityStore>();
        (await _host.Get<IIdentityStore>().GetAsync(created.Id))!.Traits.GetProperty("email").GetString().Should().Be(Ada);
        created.SchemaId.Should().Be(OryIdentityTestHost.DefaultSchemaId);
        created.RecoveryAddresses.Should().ContainSingle().Which.Value.Should().Be(Ada);
        created.CreatedAt.Should().Be(OryIdentityTestHost.Start);
    }

    [Fact]
    public async Task LinkToken_of_an_issued_link_redeems_it()
    {
        var ada = await CreateAdaAsync();
        var link = await _host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(ada.Id);

        var redemption = await _host.Get<IRecoveryRedeemer>().RedeemLinkAsync(link.FlowId, OryIdentityTestHost.LinkToken(link));

        redemption.IdentityId.Should().Be(ada.Id);
        link.Link.Should().StartWith(OryIdentityTestHost.LinkBaseUrl + "self-service/recovery?flow=");
    }

    [Fact]
    public async Task Advancing_the_clock_past_a_link_expiry_makes_it_fail()
    {
        var ada = await CreateAdaAsync();
        var link = await _host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(ada.Id, Duration.FromHours(1));

        _host.Clock.Advance(Duration.FromHours(1) + Duration.FromSeconds(1));

        var redeem = () => _host.Get<IRecoveryRedeemer>().RedeemLinkAsync(link.FlowId, OryIdentityTestHost.LinkToken(link.Link));
        (await redeem.Should().ThrowAsync<RecoveryFlowExpiredException>()).Which.Error.Code.Should().Be(410);
    }

    [Fact]
    public async Task A_fake_time_provider_chosen_in_configure_is_the_host_s_clock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 5, 4, 8, 30, 0, TimeSpan.Zero));
        await using var host = OryIdentityTestHost.Create(b => b.UseTimeProvider(time));
        var ada = await host.Identities.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse($$"""{"email":"{{Ada}}"}""").RootElement });
        var link = await host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(ada.Id, Duration.FromHours(1));

        host.Clock.Advance(Duration.FromDays(1));
        var redemption = await host.Get<IRecoveryRedeemer>().RedeemLinkAsync(link.FlowId, OryIdentityTestHost.LinkToken(link));
        var second = await host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(ada.Id, Duration.FromHours(1));
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var late = () => host.Get<IRecoveryRedeemer>().RedeemLinkAsync(second.FlowId, OryIdentityTestHost.LinkToken(second));

        ada.CreatedAt.Should().Be(Instant.FromUtc(2031, 5, 4, 8, 30));
        redemption.IdentityId.Should().Be(ada.Id, "Clock no longer moves time once configure chose a time provider");
        await late.Should().ThrowAsync<RecoveryFlowExpiredException>();
    }

    [Fact]
    public async Task LastCodeFor_gives_the_code_a_self_service_recovery_sent_and_it_redeems()
    {
        var ada = await CreateAdaAsync();
        var recovery = _host.Get<ISelfServiceRecovery>();
        var flow = await recovery.CreateFlowAsync();
        await recovery.SubmitAddressAsync(flow.Id, Ada, RecoveryMethod.Code);

        var code = _host.LastCodeFor(Ada);

        code.Should().MatchRegex("^[0-9]{6}$");
        (await recovery.SubmitCodeAsync(flow.Id, code)).IdentityId.Should().Be(ada.Id);
        _host.Outbox.ShouldHaveSentTo(Ada, RecoveryTemplateType.RecoveryCodeValid).FlowId.Should().Be(flow.Id);
    }

    [Fact]
    public async Task LastLinkTokenFor_gives_the_token_of_the_link_a_self_service_recovery_sent_and_it_redeems()
    {
        var ada = await CreateAdaAsync();
        var recovery = _host.Get<ISelfServiceRecovery>();
        var flow = await recovery.CreateFlowAsync();
        await recovery.SubmitAddressAsync(flow.Id, Ada, RecoveryMethod.Link);

        var link = _host.Outbox.LastLinkFor(Ada);
        var token = _host.LastLinkTokenFor(Ada);

        RecoveryLinkQuery.FlowId(link).Should().Be(flow.Id);
        (await _host.Get<IRecoveryRedeemer>().RedeemLinkAsync(flow.Id, token)).IdentityId.Should().Be(ada.Id);
    }

    [Fact]
    public void LastCodeFor_with_an_empty_outbox_says_so_without_the_address()
    {
        var act = () => _host.LastCodeFor(Ada);

        act.Should().Throw<SentMessageAssertionException>()
            .Which.Message.Should().Be("Expected a message with a recovery code to the given recipient, but none was sent; the outbox is empty.");
    }

    [Fact]
    public async Task ShouldHaveSentTo_names_the_kinds_the_outbox_holds_but_no_address_link_or_code()
    {
        await CreateAdaAsync();
        var recovery = _host.Get<ISelfServiceRecovery>();
        await recovery.SubmitAddressAsync((await recovery.CreateFlowAsync()).Id, Ada, RecoveryMethod.Link);
        var link = _host.Outbox.LastLinkFor(Ada);

        var act = () => _host.Outbox.ShouldHaveSentTo(Ada, RecoveryTemplateType.RecoveryCodeValid);

        var message = act.Should().Throw<SentMessageAssertionException>().Which.Message;
        message.Should().Be(
            "Expected a RecoveryCodeValid message to the given recipient, but none was sent; the outbox holds 1 message(s), to that recipient: RecoveryValid.");
        message.Should().NotContain(Ada).And.NotContain(OryIdentityTestHost.LinkToken(link));
    }

    [Fact]
    public async Task ShouldHaveSentNothingTo_fails_once_a_message_went_to_the_recipient()
    {
        await CreateAdaAsync();
        _host.Outbox.ShouldHaveSentNothingTo(Ada);
        var recovery = _host.Get<ISelfServiceRecovery>();
        await recovery.SubmitAddressAsync((await recovery.CreateFlowAsync()).Id, Ada, RecoveryMethod.Code);

        var act = () => _host.Outbox.ShouldHaveSentNothingTo("ADA@example.org");

        act.Should().Throw<SentMessageAssertionException>()
            .Which.Message.Should().Be("Expected no message to the given recipient, but the outbox holds 1 message(s), to that recipient: RecoveryCodeValid.");
    }

    [Fact]
    public async Task Configure_runs_last_and_can_change_options()
    {
        await using var host = OryIdentityTestHost.Create(b => b.Configure(o => o.SelfService.Methods.Link.Config.BaseUrl = "https://app.example.org/"));
        var ada = await host.Identities.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"ada@example.org"}""").RootElement });

        var link = await host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(ada.Id);

        link.Link.Should().StartWith("https://app.example.org/self-service/recovery?flow=");
    }

    private Task<Identity> CreateAdaAsync() =>
        _host.Identities.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse($$"""{"email":"{{Ada}}"}""").RootElement });
}
