using System.Text.Json;

namespace Ory.Identity.Cli.Tests.Import;

public sealed class ImportToEndpointTests : IDisposable
{
    private const string Bcrypt = "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Items_go_through_patch_admin_identities_and_a_batch_refused_whole_is_retried_so_only_the_bad_item_fails()
    {
        await using var host = await AdminApiHost.StartAsync();
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"traits":{"email":"ann@example.com"},"external_id":"u-1","credentials":{"password":{"config":{"hashed_password":""" + $"\"{Bcrypt}\"" + "}}}}",
            """{"traits":{"email":"eve@example.com"},"credentials":{"password":{"config":{"hashed_password":"$evil$AAAA"}}}}""",
            """{"traits":{"email":"bob@example.com"},"verifiable_addresses":[{"value":"bob@example.com","via":"email","verified":true,"status":"completed"}]}""",
            """{"traits":{"email":"ANN@example.com"}}""",
        ]);

        var result = await CliRunner.RunAsync("import", "file", file, "--endpoint", host.BaseUrl.ToString(), "--report", _dir.File("r.jsonl"), "--progress", "none");

        result.ExitCode.Should().Be(2, result.Error);
        result.LastLine.Should().StartWith("imported 2, skipped 1, failed 1 in ");
        var report = (await File.ReadAllLinesAsync(_dir.File("r.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("source").GetString()!, e => e);
        report["line 2"].GetProperty("error").GetProperty("reason").GetString().Should().Be("The imported password does not match any known hash format.");
        report["line 4"].GetProperty("status").GetString().Should().Be("skipped");
        var ann = await host.Identities.GetByExternalIdAsync("u-1");
        report["line 1"].GetProperty("identity").GetGuid().Should().Be(ann.Id);
        (await host.Identities.VerifyPasswordAsync("ann@example.com", "test")).Succeeded.Should().BeTrue();
        var all = await host.Identities.ListAllAsync().ToListAsync();
        all.Should().HaveCount(2);
        all.Single(i => i.Traits.GetProperty("email").GetString() == "bob@example.com").VerifiableAddresses.Single().Verified.Should().BeTrue();
    }

    [Fact]
    public async Task An_endpoint_that_cannot_be_reached_stops_the_run_with_exit_code_1()
    {
        await File.WriteAllLinesAsync(_dir.File("users.jsonl"), ["""{"traits":{"email":"ann@example.com"}}"""]);
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var result = await CliRunner.RunAsync("import", "file", _dir.File("users.jsonl"), "--endpoint", $"http://127.0.0.1:{port}/", "--progress", "none");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("cannot be reached");
    }

    public void Dispose() => _dir.Dispose();
}
