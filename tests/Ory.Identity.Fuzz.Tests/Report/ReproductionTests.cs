using System.Text;
using Ory.Identity.Fuzz.Tests.Http;

namespace Ory.Identity.Fuzz.Tests.Report;

public sealed class ReproductionTests
{
    private static readonly FuzzRequest Request = new()
    {
        Api = FuzzApi.Public,
        Route = "/self-service/recovery",
        Method = "POST",
        Target = "/self-service/recovery?flow=1&token=tok123",
        Headers = [new("Authorization", "Bearer ory_ak_secret"), new("Content-Type", "application/json")],
        Body = [.. "{\"email\":\"a"u8, 0xFF, .. "'\"}"u8],
        Secrets = ["tok123", "ory_ak_secret"],
    };

    [Fact]
    public void A_request_becomes_a_curl_command_with_its_secrets_redacted_and_its_bytes_escaped()
    {
        Reproduction.Of(Request).Should().Be(
            "curl -sS -i -X POST $'http://127.0.0.1:4433/self-service/recovery?flow=1&token=<secret>' --path-as-is " +
            "-H $'Authorization: Bearer <secret>' -H $'Content-Type: application/json' --data-binary $'{\"email\":\"a\\xff\\x27\"}'");
    }

    [Fact]
    public void Raw_bytes_and_other_framings_become_printf_into_nc()
    {
        var raw = Request with { Api = FuzzApi.Admin, Raw = Encoding.ASCII.GetBytes("GET /health/alive HTTP/1.2\r\nX-Token: tok123\r\n\r\n") };

        Reproduction.Of(raw).Should().Be("printf %s $'GET /health/alive HTTP/1.2\\x0d\\x0aX-Token: <secret>\\x0d\\x0a\\x0d\\x0a' | nc -q 5 127.0.0.1 4434");
    }
}
