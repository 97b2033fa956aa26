using System.Text.Json;

namespace Ory.Identity.Cli.Tests.Import;

/// <summary>
/// The report keeps Kratos's code, status, id, message and the violated pointers of an item's error, never the item's
/// values, whatever the admin API put in the error's reason, message or details.
/// </summary>
public sealed class ReportedErrorTests : IDisposable
{
    // bcrypt of "test" (docs/import-users.md).
    private const string Bcrypt = "$2a$12$o6hx.Wog/wvFSkT/Bp/6DOxCtLRTDj7lm9on9suF/WaCGNVHbkfL6";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task An_admin_api_error_that_quotes_the_item_is_reported_by_its_parts_without_the_values()
    {
        // The first item's error quotes its email (which holds a line break) in the reason and in the details, the
        // second's quotes its hash in a free-text reason and message.
        await using var stub = await StubAdminApi.StartAsync(ids => (200, "application/json", JsonSerializer.Serialize(new
        {
            identities = new object[]
            {
                new
                {
                    action = "error",
                    patch_id = ids[0],
                    error = new
                    {
                        code = 400,
                        status = "Bad Request",
                        id = "validation_failed",
                        message = "The request was malformed or contained invalid parameters",
                        reason = "I[#/traits/email] S[#/properties/traits/properties/email/format] \"ann\nsecret-4711\" is not valid \"email\"",
                        details = new { value = "ann\nsecret-4711", pointer = "#/traits/email" },
                    },
                },
                new
                {
                    action = "error",
                    patch_id = ids[1],
                    error = new
                    {
                        code = 400,
                        status = "Bad Request",
                        message = "cannot import " + Bcrypt,
                        reason = "unsupported hash " + Bcrypt + " for bob",
                    },
                },
            },
        })));
        var file = _dir.File("users.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"traits":{"email":"ann\nsecret-4711"}}""",
            """{"traits":{"email":"bob@example.com"},"credentials":{"password":{"config":{"hashed_password":"BCRYPT"}}}}""".Replace("BCRYPT", Bcrypt, StringComparison.Ordinal),
        ]);

        var result = await CliRunner.RunAsync("import", "file", file, "--endpoint", stub.BaseUrl.ToString(), "--progress", "none", "--report", _dir.File("r.jsonl"));

        result.ExitCode.Should().Be(2, result.Error);
        var reportText = await File.ReadAllTextAsync(_dir.File("r.jsonl"));
        foreach (var text in (string[])[reportText, result.Output, result.Error])
        {
            text.Should().NotContain("secret-4711").And.NotContain("$2a$12$");
        }

        var errors = reportText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("source").GetString()!, e => e.GetProperty("error"));
        var ann = errors["line 1"];
        ann.GetProperty("code").GetInt32().Should().Be(400);
        ann.GetProperty("status").GetString().Should().Be("Bad Request");
        ann.GetProperty("id").GetString().Should().Be("validation_failed");
        ann.GetProperty("message").GetString().Should().Be("The request was malformed or contained invalid parameters");
        ann.GetProperty("reason").GetString().Should().Be("I[#/traits/email] S[#/properties/traits/properties/email/format] (value not recorded)");
        ann.TryGetProperty("details", out _).Should().BeFalse("an admin API's details are never copied");
        var bob = errors["line 2"];
        bob.GetProperty("reason").GetString().Should().Be("(not recorded: it quotes the item)");
        bob.GetProperty("message").GetString().Should().Be("(not recorded: it quotes the item)");
        result.Error.Should().Contain("line 1: failed: 400 The request was malformed or contained invalid parameters");
    }

    public void Dispose() => _dir.Dispose();
}
