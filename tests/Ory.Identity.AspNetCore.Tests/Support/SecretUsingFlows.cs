using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ory.Identity.Storage.InMemory;

namespace Ory.Identity.AspNetCore.Tests.Support;

/// <summary>
/// Runs the flows that handle secrets over HTTP — admin recovery link and code, self-service recovery code, API keys,
/// identity import with cleartext passwords and with hashes — and keeps every secret they used or received, so a test can
/// search the host's logs for them.
/// </summary>
/// <param name="admin">A client of the admin API.</param>
/// <param name="publicApi">A client of the public API.</param>
/// <param name="outbox">Where self-service recovery codes are sent.</param>
/// <param name="protectedPath">A GET endpoint of the public client that needs an API key.</param>
internal sealed class SecretUsingFlows(HttpClient admin, HttpClient publicApi, InMemoryRecoveryOutbox outbox, string protectedPath)
{
    /// <summary>An imported PBKDF2 hash (Kratos's identity/handler_test.go vector for "123456").</summary>
    private const string ImportedHash = "$pbkdf2-sha256$i=1000,l=128$e8/arsEf4cvQihdNgqj0Nw$5xQQKNTyeTHx2Ld5/JDE7A";

    private readonly List<string> _secrets = [];
    private readonly List<string> _codes = [];

    /// <summary>Tokens, keys, passwords, hashes and traits, searched for as substrings.</summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>Six-digit recovery codes, searched for as whole numbers (a substring may turn up in any hex id).</summary>
    public IReadOnlyList<string> Codes => _codes;

    /// <summary>Adds a secret the caller used on its own.</summary>
    public void Add(string secret) => _secrets.Add(secret);

    /// <summary>Texts that mention one of the secrets.</summary>
    public IEnumerable<string> Leaks(IEnumerable<string> texts) => texts.Where(text =>
        _secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal))
        || _codes.Any(code => Regex.IsMatch(text, $"(?<![0-9A-Za-z.]){code}(?![0-9A-Za-z])")));

    /// <summary>Runs every flow; each step asserts its answer, so a broken flow cannot pass as "nothing leaked".</summary>
    public async Task RunAsync()
    {
        await ImportAsync();
        await AdminRecoveryLinkAsync();
        await AdminRecoveryCodeAsync();
        await SelfServiceRecoveryCodeAsync();
        await ApiKeysAsync();
    }

    private async Task ImportAsync()
    {
        const string password = "Cleartext-Pa55word-7f3a";
        const string batchPassword = "Batch-Pa55word-91c2";
        _secrets.AddRange(["leaks-cleartext@ory.sh", "leaks-hash@ory.sh", "leaks-batch@ory.sh", password, batchPassword,
            ImportedHash, "e8/arsEf4cvQihdNgqj0Nw", "5xQQKNTyeTHx2Ld5/JDE7A"]);

        var cleartext = await PostAsync(admin, "/admin/identities",
            Person("leaks-cleartext@ory.sh", "password", password), HttpStatusCode.Created);
        await PostAsync(admin, "/admin/identities",
            Person("leaks-hash@ory.sh", "hashed_password", ImportedHash), HttpStatusCode.Created);
        var batch = await SendAsync(admin, HttpMethod.Patch, "/admin/identities",
            $$"""{"identities":[{"create":{{Person("leaks-batch@ory.sh", "password", batchPassword)}}}]}""");
        batch.GetProperty("identities")[0].GetProperty("identity").GetString().Should().NotBeNullOrEmpty(batch.ToString());

        // The stored hash of the cleartext password comes back with include_credential, and must not be logged either.
        var read = await GetAsync(admin, $"/admin/identities/{cleartext.GetProperty("id").GetGuid()}?include_credential=password");
        var stored = read.GetProperty("credentials").GetProperty("password").GetProperty("config").GetProperty("hashed_password").GetString()!;
        stored.Should().StartWith("$");
        _secrets.Add(stored);

        // A trait in a query string: the list filter by identifier.
        var found = await GetAsync(admin, "/admin/identities?credentials_identifier=leaks-cleartext@ory.sh");
        found.GetArrayLength().Should().Be(1);
    }

    /// <summary>An admin recovery link, opened with a wrong token and then with the right one.</summary>
    public async Task AdminRecoveryLinkAsync()
    {
        var id = await CreatePersonAsync("leaks-link@ory.sh");
        var link = await PostAsync(admin, "/admin/recovery/link", $$"""{"identity_id":"{{id}}"}""", HttpStatusCode.OK);
        var url = new Uri(link.GetProperty("recovery_link").GetString()!);
        var token = url.Query.Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..];
        token.Length.Should().BeGreaterThan(16);
        _secrets.Add(token);

        // A wrong token first (one character changed), then the real one.
        using var wrong = await publicApi.GetAsync(url.PathAndQuery[..^1] + (token[^1] == 'a' ? 'b' : 'a'));
        wrong.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        _secrets.Add(token[..^1] + (token[^1] == 'a' ? 'b' : 'a'));
        using var redeemed = await publicApi.GetAsync(url.PathAndQuery);
        redeemed.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        redeemed.Headers.Location!.ToString().Should().Contain("?flow=");
    }

    private async Task AdminRecoveryCodeAsync()
    {
        var id = await CreatePersonAsync("leaks-code@ory.sh");
        var issued = await PostAsync(admin, "/admin/recovery/code", $$"""{"identity_id":"{{id}}","flow_type":"api"}""", HttpStatusCode.Created);
        var code = issued.GetProperty("recovery_code").GetString()!;
        _codes.Add(code);
        var flow = new Uri(issued.GetProperty("recovery_link").GetString()!).Query.Split('=')[1];
        var passed = await PostAsync(publicApi, $"/self-service/recovery?flow={flow}", $$"""{"method":"code","code":"{{code}}"}""", HttpStatusCode.OK);
        passed.GetProperty("state").GetString().Should().Be("passed_challenge");
    }

    private async Task SelfServiceRecoveryCodeAsync()
    {
        await CreatePersonAsync("leaks-self-service@ory.sh");
        var flow = (await GetAsync(publicApi, "/self-service/recovery/api")).GetProperty("id").GetGuid();
        await PostAsync(publicApi, $"/self-service/recovery?flow={flow}", """{"method":"code","email":"leaks-self-service@ory.sh"}""", HttpStatusCode.OK);
        var code = outbox.Messages.Last(m => m.Recipient == "leaks-self-service@ory.sh").RecoveryCode!;
        _codes.Add(code);
        var wrong = code == "000000" ? "111111" : "000000";
        await PostAsync(publicApi, $"/self-service/recovery?flow={flow}", $$"""{"method":"code","code":"{{wrong}}"}""", HttpStatusCode.OK);
        var passed = await PostAsync(publicApi, $"/self-service/recovery?flow={flow}", $$"""{"method":"code","code":"{{code}}"}""", HttpStatusCode.OK);
        passed.GetProperty("state").GetString().Should().Be("passed_challenge");
    }

    private async Task ApiKeysAsync()
    {
        _secrets.Add("leaks-owner@example.com");
        var account = await PostAsync(admin, "/admin/identities", """{"schema_id":"service","traits":{"name":"leaks-ci","owner":"leaks-owner@example.com"}}""", HttpStatusCode.Created);
        var id = account.GetProperty("id").GetGuid();
        var (firstId, first) = await IssueAsync(id, "first");
        (await CallAsync(first)).Should().Be(HttpStatusCode.OK);

        // Rotation: a second key, then the first one revoked and refused.
        var (_, second) = await IssueAsync(id, "second");
        (await GetAsync(admin, $"/admin/identities/{id}/api-keys")).GetArrayLength().Should().Be(2);
        using (var revoked = await admin.DeleteAsync($"/admin/identities/{id}/api-keys/{firstId}"))
        {
            revoked.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await CallAsync(first)).Should().Be(HttpStatusCode.Unauthorized);
        (await CallAsync(second)).Should().Be(HttpStatusCode.OK);
        var tampered = second[..^1] + (second[^1] == 'a' ? 'b' : 'a');
        _secrets.Add(tampered[24..]);
        (await CallAsync(tampered)).Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task<(string Id, string Secret)> IssueAsync(Guid identity, string name)
    {
        var issued = await PostAsync(admin, $"/admin/identities/{identity}/api-keys", $$"""{"name":"{{name}}","expires_in":"24h"}""", HttpStatusCode.Created);
        var secret = issued.GetProperty("secret").GetString()!;

        // The whole key, and its secret part alone (the key id before it is logged on purpose).
        _secrets.AddRange([secret, secret[24..]]);
        return (issued.GetProperty("key").GetProperty("id").GetString()!, secret);
    }

    private async Task<HttpStatusCode> CallAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, protectedPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await publicApi.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<Guid> CreatePersonAsync(string email)
    {
        _secrets.Add(email);
        var created = await PostAsync(admin, "/admin/identities", Person(email), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>A create body for the default schema, with a password credential when <paramref name="field"/> is given.</summary>
    private static string Person(string email, string? field = null, string? value = null) =>
        "{\"schema_id\":\"default\",\"traits\":{\"email\":\"" + email + "\"}"
        + (field is null ? string.Empty : ",\"credentials\":{\"password\":{\"config\":{\"" + field + "\":\"" + value + "\"}}}")
        + "}";

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, string json, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
