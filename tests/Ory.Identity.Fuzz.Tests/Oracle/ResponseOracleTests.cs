using System.Text;
using Ory.Identity.Fuzz.Tests.Http;
using Ory.Identity.Fuzz.Tests.Server;

namespace Ory.Identity.Fuzz.Tests.Oracle;

public sealed class ResponseOracleTests
{
    private static readonly FuzzRequest Request = new() { Api = FuzzApi.Admin, Route = "/admin/identities", Method = "GET", Target = "/admin/identities" };

    private static RawResponse App(int status, string body) =>
        new(status, [new("Content-Length", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture)), new(AppMarker.HeaderName, "1")], Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Kratos_error_bodies_and_successes_pass()
    {
        ResponseOracle.Judge(Request, App(404, """{"error":{"code":404,"status":"Not Found","message":"Unable to locate the resource"}}""")).Should().BeNull();
        ResponseOracle.Judge(Request, App(200, "[]")).Should().BeNull();
    }

    [Theory]
    [InlineData(404, "", "answered 404: empty body from the application")]
    [InlineData(400, """{"error":{"code":404,"status":"Not Found","message":"x"}}""", "answered 400: error.code is 404")]
    [InlineData(400, """{"error":{"code":400,"message":"x"}}""", "answered 400: error.status is not a string")]
    [InlineData(400, """{"message":"x"}""", "answered 400: no \"error\" object")]
    [InlineData(415, "Unsupported", "answered 415: the body is not JSON (Content-Type: none)")]
    public void Other_error_bodies_fail(int status, string body, string detail)
    {
        ResponseOracle.Judge(Request, App(status, body)).Should().Be((FailureKind.NotKratosError, detail));
    }

    [Fact]
    public void A_5xx_fails_even_with_a_kratos_body()
    {
        ResponseOracle.Judge(Request, App(500, """{"error":{"code":500,"status":"Internal Server Error","message":"x"}}"""))
            .Should().Be((FailureKind.ServerError, "answered 500"));
    }

    [Fact]
    public void Only_an_empty_closing_answer_without_the_app_marker_counts_as_kestrels_own()
    {
        var kestrel = new RawResponse(400, [new("Content-Length", "0"), new("Connection", "close")], []);
        ResponseOracle.Judge(Request, kestrel).Should().BeNull();
        ResponseOracle.Judge(Request, kestrel with { Status = 505 }).Should().BeNull();
        ResponseOracle.Judge(Request, kestrel with { Status = 500 }).Should().Be((FailureKind.ServerError, "answered 500"));
        ResponseOracle.Judge(Request, kestrel with { Headers = [new("Content-Length", "0")] })!.Value.Kind.Should().Be(FailureKind.NotKratosError);
        ResponseOracle.Judge(Request, null).Should().Be((FailureKind.NoAnswer, "no answer (the connection closed without one, or timed out)"));
    }

    [Fact]
    public void A_refused_self_service_form_may_answer_with_its_flow()
    {
        var flow = App(400, """{"id":"0190","type":"api","ui":{"messages":[{"id":4000001,"type":"error"}]}}""");

        ResponseOracle.Judge(Request with { Route = "/self-service/recovery" }, flow).Should().BeNull();
        ResponseOracle.Judge(Request, flow)!.Value.Kind.Should().Be(FailureKind.NotKratosError);
    }
}
