namespace Ory.Identity.Cli.Tests.Import;

/// <summary>
/// <c>--endpoint</c> against a server that is not quite Kratos: a reply the tool cannot match to the batch it sent
/// stops the run with exit code 1 and says what was wrong, instead of crashing or guessing.
/// </summary>
public sealed class AdminApiReplyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("not json", "The reply to PATCH /admin/identities is not Kratos's batch reply: it is not JSON.")]
    [InlineData("no identities", "The reply to PATCH /admin/identities is not Kratos's batch reply: it has no \"identities\" array.")]
    [InlineData("no patch id", "The reply to PATCH /admin/identities is not Kratos's batch reply: a result has no patch_id.")]
    [InlineData("short patch id", "The reply to PATCH /admin/identities is not Kratos's batch reply: a result's patch_id is not one that was sent.")]
    [InlineData("unknown patch id", "The reply to PATCH /admin/identities is not Kratos's batch reply: a result's patch_id is not one that was sent.")]
    [InlineData("repeated patch id", "The reply to PATCH /admin/identities is not Kratos's batch reply: patch_id 00000000-0000-4000-8000-000000000000 appears twice.")]
    [InlineData("one result short", "The reply to PATCH /admin/identities is not Kratos's batch reply: it has no result for patch_id 00000000-0000-4000-8000-000000000001 (line 2).")]
    [InlineData("id not a uuid", "The reply to PATCH /admin/identities is not Kratos's batch reply: the result for line 1 has no identity id.")]
    [InlineData("unknown action", "The reply to PATCH /admin/identities is not Kratos's batch reply: the result for line 1 is neither a created identity nor an error.")]
    [InlineData("html 502", "PATCH /admin/identities answered 502: The admin API answered without an error object.")]
    [InlineData("500 quoting an item", "PATCH /admin/identities answered 500: (not recorded: it quotes the item)")]
    public async Task A_reply_that_is_not_kratos_batch_reply_stops_the_run_with_exit_code_1_and_says_why(string reply, string message)
    {
        await using var stub = await StubAdminApi.StartAsync(ids => Reply(reply, ids));
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"traits":{"email":"ann@example.com"}}""", """{"traits":{"email":"bob@example.com"}}"""]);

        var result = await CliRunner.RunAsync("import", "file", file, "--endpoint", stub.BaseUrl.ToString(), "--progress", "none", "--report", _dir.File("r.jsonl"));

        result.ExitCode.Should().Be(1, result.Error);
        result.Error.Should().Contain("error: " + message);
        result.Error.Should().NotContain("bob@example.com", "an admin API's error text that quotes an item is never printed");
        result.LastLine.Should().StartWith("imported 0, skipped 0, failed 0 in ");
        (await File.ReadAllTextAsync(_dir.File("r.jsonl"))).Should().BeEmpty("nothing of a reply that is not believed is reported");
    }

    private static (int, string, string) Reply(string reply, IReadOnlyList<string> ids)
    {
        const string Json = "application/json";
        var created = (string id) => "{\"action\":\"create\",\"identity\":\"" + Guid.NewGuid() + "\",\"patch_id\":\"" + id + "\"}";
        return reply switch
        {
            "not json" => (200, "text/plain", "ok"),
            "no identities" => (200, Json, "{\"identities\":{}}"),
            "no patch id" => (200, Json, "{\"identities\":[{\"action\":\"create\",\"identity\":\"" + Guid.NewGuid() + "\"}]}"),
            "short patch id" => (200, Json, "{\"identities\":[" + created("abc") + "]}"),
            "unknown patch id" => (200, Json, "{\"identities\":[" + created("00000000-0000-4000-8000-000000000005") + "]}"),
            "repeated patch id" => (200, Json, "{\"identities\":[" + created(ids[0]) + "," + created(ids[0]) + "]}"),
            "one result short" => (200, Json, "{\"identities\":[" + created(ids[0]) + "]}"),
            "id not a uuid" => (200, Json, "{\"identities\":[{\"action\":\"create\",\"identity\":\"x\",\"patch_id\":\"" + ids[0] + "\"}," + created(ids[1]) + "]}"),
            "unknown action" => (200, Json, "{\"identities\":[{\"action\":\"update\",\"patch_id\":\"" + ids[0] + "\"}," + created(ids[1]) + "]}"),
            "500 quoting an item" => (500, Json, "{\"error\":{\"code\":500,\"status\":\"Internal Server Error\",\"message\":\"could not store bob@example.com\"}}"),
            "html 502" => (502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
            _ => throw new ArgumentOutOfRangeException(nameof(reply)),
        };
    }

    public void Dispose() => _dir.Dispose();
}
