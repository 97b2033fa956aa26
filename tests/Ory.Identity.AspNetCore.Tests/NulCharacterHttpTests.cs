using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>
/// The NUL character (U+0000) over HTTP: in a body or a query parameter it is Kratos's 400 error body naming the field
/// or parameter (never 500, whatever the store), and nothing is stored.
/// </summary>
public sealed class NulCharacterHttpTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"schema_id":"default","traits":{"email":"a\u0000@ory.sh"}}""", "I[#/traits/email] S[#/properties/traits] must not contain the NUL character (U+0000)")]
    [InlineData("""{"schema_id":"default","traits":{"email":"a@ory.sh"},"metadata_public":{"k\u0000":1}}""", "metadata_public must not contain the NUL character (U+0000).")]
    [InlineData("""{"schema_id":"default","traits":{"email":"a@ory.sh"},"external_id":"\u0000"}""", "external_id must not contain the NUL character (U+0000).")]
    public async Task A_NUL_in_a_create_body_is_a_400_naming_the_field(string body, string reason)
    {
        var (response, error) = await _host.PostAsync("/admin/identities", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.ShouldBeKratosError(400, reason: reason);
        var (_, list) = await _host.GetAsync("/admin/identities");
        list.GetArrayLength().Should().Be(0, "nothing was stored");
    }

    [Theory]
    [InlineData("credentials_identifier=%00", "credentials_identifier")]
    [InlineData("credentials_identifier=a%40ory.sh%00", "credentials_identifier")]
    [InlineData("preview_credentials_identifier_similar=a%00", "preview_credentials_identifier_similar")]
    [InlineData("schema_id=%00", "schema_id")]
    public async Task A_NUL_in_a_list_filter_is_a_400_naming_the_parameter(string query, string parameter)
    {
        await _host.CreateIdentityAsync("a@ory.sh");

        var (response, error) = await _host.GetAsync("/admin/identities?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.ShouldBeKratosError(400, reason: $"{parameter} must not contain the NUL character (U+0000).");
    }

    [Fact]
    public async Task A_NUL_in_the_self_service_recovery_address_is_a_form_error_not_a_500()
    {
        await _host.CreateIdentityAsync("a@ory.sh");
        var (_, flow) = await _host.GetAsync("/self-service/recovery/api");
        var id = flow.GetProperty("id").GetString();

        var (response, body) = await _host.PostAsync($"/self-service/recovery?flow={id}", """{"method":"link","email":"a@ory.sh\u0000"}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("id").GetString().Should().Be(id, "the answer is the flow with the form error");
        _host.Outbox.Messages.Should().BeEmpty();
        await _host.AssertHealthyAsync();
    }
}
