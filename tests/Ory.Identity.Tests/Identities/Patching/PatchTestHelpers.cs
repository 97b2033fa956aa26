using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ory.Identity.Tests.Identities.Patching;

internal static class PatchTestHelpers
{
    public const string Secret = "s3cr3t-PII-value";

    public static JsonPatchOperation Op(string op, string path, string? valueJson = null, string? from = null) => new()
    {
        Op = op,
        Path = path,
        Value = valueJson is null ? null : JsonDocument.Parse(valueJson).RootElement.Clone(),
        From = from,
    };

    public static JsonNode Doc(string json) => JsonNode.Parse(json)!;

    public static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    public static IReadOnlyList<JsonPatchOperation> Parse(string body) =>
        IdentityJsonPatch.ParseOperations(Encoding.UTF8.GetBytes(body));

    public static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString();

    public static InvalidRequestException ShouldFail(Action act)
    {
        var ex = act.Should().Throw<InvalidRequestException>().Which;
        ex.Error.Code.Should().Be(400);
        ex.StatusCode.Should().Be(400);
        ex.Error.Status.Should().Be("Bad Request");
        ex.Message.Should().NotContain(Secret);
        ex.Error.Message.Should().NotContain(Secret);
        (ex.Error.Reason ?? string.Empty).Should().NotContain(Secret);
        ex.ToString().Should().NotContain(Secret);
        return ex;
    }
}
