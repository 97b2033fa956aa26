using System.Text.Json;

namespace Ory.Identity.Cli.Tests.Import;

public sealed class ImportKratosTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string[] Args(AdminApiHost source, params string[] more) =>
    [
        "import", "kratos", "--source-endpoint", source.BaseUrl.ToString(), "--sqlite", _dir.File("copy.db"),
        "--schema", "default=" + StoredIdentities.SchemaPath, "--progress", "none", .. more,
    ];

    [Fact]
    public async Task A_copy_into_sqlite_pages_through_every_identity_and_keeps_ids_states_addresses_metadata_and_hashes_byte_for_byte()
    {
        await using var source = await AdminApiHost.StartAsync();
        var requests = Enumerable.Range(0, 530).Select(i => (CreateIdentityRequest?)OryIdentityJson.Deserialize<CreateIdentityRequest>(i switch
        {
            0 => """{"traits":{"email":"ann@example.com"},"state":"inactive","metadata_admin":{"tier":3},"external_id":"ann","credentials":{"oidc":{"config":{"providers":[{"provider":"google","subject":"g-1"}]}}}}""",
            _ => "{\"traits\":{\"email\":\"user" + i + "@example.com\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\""
                + ImportBatchingTests.FakeBcrypt(i) + "\"}}},\"verifiable_addresses\":[{\"value\":\"user" + i + "@example.com\",\"via\":\"email\","
                + (i % 2 == 0 ? "\"verified\":true,\"status\":\"completed\"}]}" : "\"verified\":false,\"status\":\"pending\"}]}"),
        })).ToList();
        (await source.Identities.CreateManyAsync(requests[..500])).Identities.Should().OnlyContain(r => r!.Succeeded);
        (await source.Identities.CreateManyAsync(requests[500..])).Identities.Should().OnlyContain(r => r!.Succeeded);
        var original = await source.Identities.ListAllAsync(new IdentityListQuery { IncludeCredentials = StoredIdentities.AllCredentialTypes }).ToListAsync();

        var result = await CliRunner.RunAsync(Args(source, "--report", _dir.File("r.jsonl")));

        result.ExitCode.Should().Be(0, result.Error);
        result.LastLine.Should().StartWith("imported 530, skipped 0, failed 0 in ");
        await using var copy = StoredIdentities.Sqlite(_dir.File("copy.db"));
        var copied = await copy.AllAsync();
        copied.Select(OryIdentityJson.Serialize).Should().Equal(original.Select(OryIdentityJson.Serialize));
        copied.Select(HashOf).Should().Equal(original.Select(HashOf)).And.Contain(ImportBatchingTests.FakeBcrypt(529));
        var report = (await File.ReadAllLinesAsync(_dir.File("r.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        report.Select(e => e.GetProperty("source").GetString()).Should().Equal(original.Select(i => "identity " + i.Id));
        report.Select(e => e.GetProperty("identity").GetGuid()).Should().Equal(original.Select(i => i.Id));
    }

    [Fact]
    public async Task A_second_copy_with_resume_passes_over_what_the_first_did_and_a_rerun_skips_every_present_id()
    {
        await using var source = await AdminApiHost.StartAsync();
        await source.Identities.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"ann@example.com"}""").RootElement });
        await source.Identities.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"bob@example.com"}""").RootElement });

        var first = await CliRunner.RunAsync(Args(source, "--report", _dir.File("r.jsonl")));
        await source.Identities.CreateAsync(new CreateIdentityRequest { Traits = JsonDocument.Parse("""{"email":"cid@example.com"}""").RootElement });
        var resumed = await CliRunner.RunAsync(Args(source, "--resume", _dir.File("r.jsonl")));
        var rerun = await CliRunner.RunAsync(Args(source));

        first.LastLine.Should().StartWith("imported 2, skipped 0, failed 0 in ");
        resumed.LastLine.Should().StartWith("imported 1, skipped 0, failed 0 in ");
        rerun.LastLine.Should().StartWith("imported 0, skipped 3, failed 0 in ");
        await using var copy = StoredIdentities.Sqlite(_dir.File("copy.db"));
        (await copy.AllAsync()).Select(i => i.Id).Should().Equal((await source.Identities.ListAllAsync().ToListAsync()).Select(i => i.Id));
    }

    [Fact]
    public async Task A_source_that_cannot_be_reached_stops_the_run_with_exit_code_1()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var result = await CliRunner.RunAsync("import", "kratos", "--source-endpoint", $"http://127.0.0.1:{port}/", "--sqlite", _dir.File("copy.db"),
            "--schema", "default=" + StoredIdentities.SchemaPath, "--progress", "none");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("cannot be reached");
    }

    private static string? HashOf(Identity identity) =>
        identity.Credentials.TryGetValue(CredentialsType.Password, out var password)
        && password.Config is { } config && config.TryGetProperty("hashed_password", out var hash)
            ? hash.GetString()
            : null;

    public void Dispose() => _dir.Dispose();
}
