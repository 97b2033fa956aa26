using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Fuzz.Tests.Server;
using Ory.Identity.Testing;

namespace Ory.Identity.Fuzz.Tests.Seeds;

/// <summary>
/// Valid data for the seed requests to point at, created through the APIs themselves: a person with an imported
/// password hash, an external id and metadata; a service account with an API key; a self-service recovery flow;
/// admin recovery link and code flows with their token and code; two sessions of the person (issued in process); an
/// api settings flow of the first session and an api login flow. Created again (with new values) whenever an accepted
/// request deleted some of it.
/// </summary>
public sealed class SeedState
{
    /// <summary>A bcrypt hash (cost 4) imported as the person's password: no cleartext is hashed while seeding.</summary>
    public const string PasswordHash = "$2a$04$ZzAYJdsLEZo3fnIY6ZHvluOfbsGyS04s6ItnsDfs3b3eAeJ7tB/gi";

    private static int _generation;

    private SeedState(IReadOnlyDictionary<string, string> values) => Values = values;

    /// <summary>Placeholder values by name (<c>human</c>, <c>machine</c>, <c>key_id</c>, <c>api_key</c>, <c>flow</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The values no report may print: the API key, the recovery token and code, the password hash, the session and logout tokens.</summary>
    public IReadOnlyList<string> Secrets =>
        [Values["api_key"], Values["link_token"], Values["code"], PasswordHash, Values["session_token"], Values["other_session_token"], Values["logout_token"]];

    /// <summary>Creates a fresh seed set on <paramref name="server"/>.</summary>
    public static async Task<SeedState> CreateAsync(FuzzServer server)
    {
        var n = Interlocked.Increment(ref _generation);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.AdminPort}") };
        using var publicApi = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.PublicPort}") };
        var email = $"seed-{n}@fuzz.example";
        var externalId = $"ext-fuzz-{n}";
        var human = await PostAsync(admin, "/admin/identities", $$$"""
            {"schema_id":"default","traits":{"email":"{{{email}}}","name":{"first":"Ada","last":"Lovelace"}},
             "external_id":"{{{externalId}}}","metadata_public":{"plan":"free"},"metadata_admin":{"note":"seed"},
             "credentials":{"password":{"config":{"hashed_password":"{{{PasswordHash}}}"} } } }
            """);
        var machine = await PostAsync(admin, "/admin/identities",
            $$$"""{"schema_id":"service","traits":{"name":"svc-{{{n}}}","owner":"team-{{{n}}}@fuzz.example"}}""");
        var issued = await PostAsync(admin, $"/admin/identities/{machine.GetProperty("id").GetString()}/api-keys", """{"name":"fuzz","expires_in":"24h"}""");
        var flow = JsonDocument.Parse(await publicApi.GetStringAsync(new Uri("/self-service/recovery/api", UriKind.Relative))).RootElement;
        var link = await PostAsync(admin, "/admin/recovery/link", $$"""{"identity_id":"{{human.GetProperty("id").GetString()}}","expires_in":"1h"}""");
        var code = await PostAsync(admin, "/admin/recovery/code", $$"""{"identity_id":"{{human.GetProperty("id").GetString()}}","expires_in":"1h"}""");
        var linkUrl = link.GetProperty("recovery_link").GetString()!;
        var codeUrl = code.GetProperty("recovery_link").GetString()!;

        // Two sessions of the person: one the requests present, one they list, revoke or log out.
        var sessions = server.Services.GetRequiredService<ISessionManager>();
        var session = await sessions.IssueAsync(Guid.Parse(human.GetProperty("id").GetString()!), SessionAuthenticationMethods.Password);
        var other = await sessions.IssueAsync(session.Session.IdentityId, SessionAuthenticationMethods.Password);

        // An api settings flow of that session and an api login flow, for the flow endpoints.
        using var settingsRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/self-service/settings/api", UriKind.Relative));
        settingsRequest.Headers.Add("X-Session-Token", session.Token);
        using var settingsResponse = await publicApi.SendAsync(settingsRequest);
        var settingsFlow = JsonDocument.Parse(await settingsResponse.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
        var loginFlow = JsonDocument.Parse(await publicApi.GetStringAsync(new Uri("/self-service/login/api", UriKind.Relative))).RootElement;
        return new SeedState(new Dictionary<string, string>
        {
            ["human"] = human.GetProperty("id").GetString()!,
            ["email"] = email,
            ["external_id"] = externalId,
            ["machine"] = machine.GetProperty("id").GetString()!,
            ["key_id"] = issued.GetProperty("key").GetProperty("id").GetString()!,
            ["api_key"] = issued.GetProperty("secret").GetString()!,
            ["flow"] = flow.GetProperty("id").GetString()!,
            ["link_flow"] = RecoveryLinkQuery.FlowId(linkUrl).ToString(),
            ["link_token"] = RecoveryLinkQuery.Token(linkUrl),
            ["code_flow"] = RecoveryLinkQuery.FlowId(codeUrl).ToString(),
            ["code"] = code.GetProperty("recovery_code").GetString()!,
            ["password_hash"] = PasswordHash,
            ["session"] = session.Session.Id.ToString(),
            ["session_token"] = session.Token,
            ["logout_token"] = sessions.GetLogoutToken(session.Session),
            ["other_session"] = other.Session.Id.ToString(),
            ["other_session_token"] = other.Token,
            ["settings_flow"] = settingsFlow.GetProperty("id").GetString()!,
            ["login_flow"] = loginFlow.GetProperty("id").GetString()!,
            ["fresh"] = $"new-{n}",
        });
    }

    /// <summary>Replaces every <c>{name}</c> of <paramref name="template"/> with its value (<c>{fresh}</c> with a unique token).</summary>
    public string Fill(string template)
    {
        var text = new StringBuilder(template);
        foreach (var (name, value) in Values)
        {
            text.Replace("{" + name + "}", name == "fresh" ? $"{value}-{Guid.NewGuid():N}"[..24] : value);
        }

        return text.ToString();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding {path} answered {(int)response.StatusCode}.");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
