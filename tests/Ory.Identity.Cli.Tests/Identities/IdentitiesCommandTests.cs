using System.Text.Json;

namespace Ory.Identity.Cli.Tests.Identities;

public sealed class IdentitiesCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string[] Sqlite => ["--sqlite", _dir.File("identities.db"), "--schema", "default=" + StoredIdentities.SchemaPath];

    [Fact]
    public async Task List_get_and_delete_on_a_sqlite_store_print_kratos_admin_json_and_delete_the_identity()
    {
        await File.WriteAllLinesAsync(_dir.File("users.jsonl"),
        [
            """{"traits":{"email":"ann@example.com"},"credentials":{"password":{"config":{"hashed_password":"$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6"}}}}""",
            """{"traits":{"email":"bob@example.com"}}""",
        ]);
        (await CliRunner.RunAsync(["import", "file", _dir.File("users.jsonl"), "--progress", "none", .. Sqlite])).ExitCode.Should().Be(0);
        List<Identity> stored;
        Identity first;
        await using (var store = StoredIdentities.Sqlite(_dir.File("identities.db")))
        {
            stored = await store.Identities.ListAllAsync().ToListAsync();
            first = await store.Identities.GetAsync(stored[0].Id);
        }

        var list = await CliRunner.RunAsync(["identities", "list", .. Sqlite]);
        var get = await CliRunner.RunAsync(["identities", "get", stored[0].Id.ToString(), .. Sqlite]);
        var table = await CliRunner.RunAsync(["identities", "list", "--format", "table", .. Sqlite]);
        var delete = await CliRunner.RunAsync(["identities", "delete", stored[0].Id.ToString(), .. Sqlite]);
        var afterDelete = await CliRunner.RunAsync(["identities", "get", stored[0].Id.ToString(), .. Sqlite]);
        var deleteAgain = await CliRunner.RunAsync(["identities", "delete", stored[0].Id.ToString(), .. Sqlite]);

        list.ExitCode.Should().Be(0, list.Error);
        JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Select(e => e.GetRawText())
            .Should().Equal(stored.Select(OryIdentityJson.Serialize));
        list.Output.Should().NotContain("hashed_password");
        get.ExitCode.Should().Be(0, get.Error);
        get.Output.TrimEnd().Should().Be(OryIdentityJson.Serialize(first));
        get.Output.Should().Contain("\"credentials\":{\"password\"").And.NotContain("hashed_password");
        table.Output.Split('\n')[0].Should().MatchRegex("^ID +VERIFIED ADDRESS 1 +RECOVERY ADDRESS 1 +SCHEMA ID +SCHEMA URL$");
        table.Output.Should().Contain(stored[1].Id + "  ").And.Contain(stored[1].VerifiableAddresses[0].Value);
        delete.ExitCode.Should().Be(0, delete.Error);
        delete.Output.TrimEnd().Should().Be(stored[0].Id.ToString());
        afterDelete.ExitCode.Should().Be(1);
        afterDelete.Error.Should().Contain("404 Unable to locate the resource");
        deleteAgain.ExitCode.Should().Be(1);
        await using var after = StoredIdentities.Sqlite(_dir.File("identities.db"));
        (await after.Identities.ListAllAsync().ToListAsync()).Select(i => i.Id).Should().Equal(stored[1].Id);
    }

    [Fact]
    public async Task List_pages_through_an_admin_api_and_get_and_delete_go_through_it()
    {
        await using var host = await AdminApiHost.StartAsync();
        var requests = Enumerable.Range(0, 620).Select(i => (CreateIdentityRequest?)new CreateIdentityRequest
        {
            Traits = JsonDocument.Parse($$"""{"email":"user{{i}}@example.com"}""").RootElement,
        }).ToList();
        await host.Identities.CreateManyAsync(requests[..500]);
        await host.Identities.CreateManyAsync(requests[500..]);
        var all = await host.Identities.ListAllAsync().ToListAsync();
        string[] endpoint = ["--endpoint", host.BaseUrl.ToString()];

        var list = await CliRunner.RunAsync(["identities", "list", .. endpoint]);
        var get = await CliRunner.RunAsync(["identities", "get", all[7].Id.ToString(), .. endpoint]);
        var delete = await CliRunner.RunAsync(["identities", "delete", all[7].Id.ToString(), .. endpoint]);
        var missing = await CliRunner.RunAsync(["identities", "get", all[7].Id.ToString(), .. endpoint]);

        list.ExitCode.Should().Be(0, list.Error);
        JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetGuid())
            .Should().Equal(all.Select(i => i.Id));
        JsonDocument.Parse(get.Output).RootElement.GetProperty("traits").GetProperty("email").GetString()
            .Should().Be(all[7].Traits.GetProperty("email").GetString());
        delete.ExitCode.Should().Be(0, delete.Error);
        missing.ExitCode.Should().Be(1);
        (await host.Identities.ListAllAsync().ToListAsync()).Should().HaveCount(619);
    }

    public void Dispose() => _dir.Dispose();
}
