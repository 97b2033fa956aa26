using System.Net;
using Ory.Identity.AspNetCore.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>Malformed JSON Patch bodies get Kratos's 400, never a 500, and leave the identity unchanged.</summary>
public sealed class JsonPatchBodyTests : IAsyncLifetime
{
    private HttpTestHost _host = null!;

    public async Task InitializeAsync() => _host = await HttpTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("[null]", "unsupported operation: unknown", null)]
    [InlineData("[{}]", "unsupported operation: unknown", null)]
    [InlineData("""[{"op":null,"path":"/traits/email","value":"x@ory.sh"}]""", "unsupported operation: unknown", null)]
    [InlineData("""[{"op":1,"path":"/traits/email"}]""", "unsupported operation: unknown", null)]
    [InlineData("""[{"op":"add"}]""", "error parsing patch operations: operation missing path field: missing value", "failed to apply JSON patch")]
    [InlineData("[1]", "json: cannot unmarshal number into Go value of type jsonpatch.Operation", "failed to unmarshal JSON patch")]
    [InlineData("""["add"]""", "json: cannot unmarshal string into Go value of type jsonpatch.Operation", "failed to unmarshal JSON patch")]
    [InlineData("[[]]", "json: cannot unmarshal array into Go value of type jsonpatch.Operation", "failed to unmarshal JSON patch")]
    [InlineData("{}", "json: cannot unmarshal object into Go value of type jsonpatch.Patch", "failed to unmarshal JSON patch")]
    [InlineData("\"x\"", "json: cannot unmarshal string into Go value of type jsonpatch.Patch", "failed to unmarshal JSON patch")]
    [InlineData("1", "json: cannot unmarshal number into Go value of type jsonpatch.Patch", "failed to unmarshal JSON patch")]
    public async Task A_malformed_operation_list_is_400(string patch, string message, string? reason)
    {
        var id = await _host.CreateIdentityAsync("patch@ory.sh");
        var (_, before) = await _host.GetAsync($"/admin/identities/{id}");

        var (response, body) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", HttpTestHost.RawJson(patch));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body.ToString());
        var error = body.ShouldBeKratosError(400, message: message);
        if (reason is null)
        {
            error.TryGetProperty("reason", out _).Should().BeFalse();
        }
        else
        {
            error.GetProperty("reason").GetString().Should().Be(reason);
        }

        var (_, after) = await _host.GetAsync($"/admin/identities/{id}");
        after.GetRawText().Should().Be(before.GetRawText());
        _host.Logs.Lines.Should().NotContain(l => l.Contains("[3001]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_null_patch_is_no_operation()
    {
        var id = await _host.CreateIdentityAsync("null-patch@ory.sh");
        var (response, body) = await _host.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", HttpTestHost.RawJson("null"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToString());
        body.GetProperty("traits").GetProperty("email").GetString().Should().Be("null-patch@ory.sh");
    }
}
