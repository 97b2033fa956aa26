namespace Ory.Identity.Fuzz.Tests.Seeds;

/// <summary>
/// The valid requests every fuzz case starts from, by method and route (the admin routes and their legacy twins
/// without <c>/admin</c> share an entry), and the values of route parameters. A route of the application that has no
/// entry here fails <see cref="Missing"/>: a new endpoint must come with its seeds. Cleartext passwords are left out on
/// purpose: each one costs a full bcrypt hash (cost 12) and the suite has a time budget.
/// </summary>
public static class SeedCatalog
{
    private static readonly Dictionary<string, SeedRequest[]> Seeds = new(StringComparer.Ordinal)
    {
        ["GET /identities"] =
        [
            new(string.Empty),
            new("?page_size=2&page_token="),
            new("?credentials_identifier={email}&include_credential=password"),
            new("?ids={human}&ids={machine}"),
            new("?page=1&per_page=2"),
            new("?preview_credentials_identifier_similar=seed"),
        ],
        ["POST /identities"] =
        [
            new(string.Empty, """{"schema_id":"default","traits":{"email":"{fresh}@fuzz.example","name":{"first":"F","last":"Z"}},"metadata_public":{"n":1},"state":"active"}"""),
            new(string.Empty, """{"schema_id":"default","traits":{"email":"{fresh}@fuzz.example"},"external_id":"{fresh}","credentials":{"password":{"config":{"hashed_password":"{password_hash}"}}}}"""),
            new(string.Empty, """{"schema_id":"service","traits":{"name":"{fresh}","owner":"owner@fuzz.example"}}"""),
        ],
        ["PATCH /identities"] =
        [
            new(string.Empty, """{"identities":[{"create":{"schema_id":"default","traits":{"email":"{fresh}@fuzz.example"}},"patch_id":"00000000-0000-4000-8000-000000000001"},{"create":{"schema_id":"service","traits":{"name":"b","owner":"{fresh}@fuzz.example"}}}]}"""),
        ],
        ["GET /identities/by/external/{externalID?}"] = [new(string.Empty), new("?include_credential=password")],
        ["GET /identities/{id}"] = [new(string.Empty), new("?include_credential=password")],
        ["PUT /identities/{id}"] =
        [
            new(string.Empty, """{"schema_id":"default","traits":{"email":"{email}","name":{"first":"Ada","last":"L"}},"state":"active","metadata_public":{"plan":"pro"},"metadata_admin":{"note":"seed"}}"""),
        ],
        ["PATCH /identities/{id}"] =
        [
            new(string.Empty, """[{"op":"replace","path":"/metadata_public","value":{"plan":"pro"}}]"""),
            new(string.Empty, """[{"op":"add","path":"/traits/name","value":{"first":"A","last":"B"}},{"op":"test","path":"/state","value":"active"}]"""),
        ],
        ["DELETE /identities/{id}"] = [new(string.Empty)],
        ["DELETE /identities/{id}/credentials/{type}"] = [new(string.Empty), new("?identifier={email}")],
        ["POST /recovery/link"] = [new(string.Empty, """{"identity_id":"{human}","expires_in":"1h"}""")],
        ["POST /recovery/code"] = [new(string.Empty, """{"identity_id":"{human}","expires_in":"15m"}""")],
        ["POST /invitations"] = [new(string.Empty, """{"identity_id":"{human}","expires_in":"12h","return_to":"http://127.0.0.1:4455/welcome"}""")],
        ["POST /identities/{id}/api-keys"] = [new(string.Empty, """{"name":"fuzz-{fresh}","expires_in":"24h"}""")],
        ["GET /identities/{id}/api-keys"] = [new(string.Empty)],
        ["DELETE /identities/{id}/api-keys/{keyId}"] = [new(string.Empty)],
        ["GET /schemas"] = [new(string.Empty), new("?page=1&per_page=1")],
        ["GET /schemas/{id}"] = [new(string.Empty)],
        ["GET /self-service/recovery/api"] = [new(string.Empty), new("?return_to=http://127.0.0.1:4455/done")],
        ["GET /self-service/recovery/flows"] = [new("?id={flow}"), new("?id={code_flow}")],
        ["GET /self-service/recovery"] = [new("?flow={link_flow}&token={link_token}"), new("?flow={flow}")],
        ["POST /self-service/recovery"] =
        [
            new("?flow={flow}", """{"method":"code","email":"{email}"}"""),
            new("?flow={code_flow}", """{"method":"code","code":"{code}"}"""),
            new("?flow={flow}", "method=code&email={email}", "application/x-www-form-urlencoded"),
        ],
        ["GET /self-service/recovery/browser"] = [new(string.Empty), new("?return_to=http://127.0.0.1:4455/done") { Headers = [new("Accept", "application/json")] }],

        // Settings and login: api flows (no CSRF), so mutations reach the strategies. The passwords are refused by the
        // policy (too short) or checked against the cost-4 seed hash: nothing costs a bcrypt-12 hash.
        ["GET /self-service/settings/browser"] = [WithSession(string.Empty), WithSession("?return_to=http://127.0.0.1:4455/done")],
        ["GET /self-service/settings/api"] = [WithSession(string.Empty)],
        ["GET /self-service/settings/flows"] = [WithSession("?id={settings_flow}")],
        ["GET /self-service/settings"] = [WithSession("?flow={settings_flow}")],
        ["POST /self-service/settings"] =
        [
            WithSession("?flow={settings_flow}", """{"method":"password","password":"short"}"""),
            WithSession("?flow={settings_flow}", """{"method":"profile","traits":{"email":"{email}","name":{"first":"Ada","last":"L"}}}"""),
            WithSession("?flow={settings_flow}", "method=profile&traits.email={email}&traits.name.first=Ada", "application/x-www-form-urlencoded"),
        ],
        ["GET /.well-known/change-password"] = [new(string.Empty)],
        ["GET /self-service/login/browser"] = [new(string.Empty), new("?refresh=true&return_to=http://127.0.0.1:4455/done")],
        ["GET /self-service/login/api"] = [new(string.Empty), WithSession("?refresh=true")],
        ["GET /self-service/login/flows"] = [new("?id={login_flow}")],
        ["GET /self-service/login"] = [new("?flow={login_flow}")],
        ["POST /self-service/login"] =
        [
            new("?flow={login_flow}", """{"method":"password","identifier":"{email}","password":"not the password"}"""),
            new("?flow={login_flow}", "method=password&password_identifier={email}&password=x", "application/x-www-form-urlencoded"),
        ],
        ["GET /sessions/whoami"] = [WithSession(string.Empty), new(string.Empty) { Headers = [new("Authorization", "Bearer {session_token}")] }],
        ["HEAD /sessions/whoami"] = [WithSession(string.Empty)],
        ["POST /sessions/whoami"] = [WithSession(string.Empty)],
        ["PUT /sessions/whoami"] = [WithSession(string.Empty)],
        ["PATCH /sessions/whoami"] = [WithSession(string.Empty)],
        ["OPTIONS /sessions/whoami"] = [WithSession(string.Empty)],
        ["TRACE /sessions/whoami"] = [WithSession(string.Empty)],

        // GET /sessions and GET /admin/sessions share these (the admin API ignores the header).
        ["GET /sessions"] = [WithSession(string.Empty), WithSession("?page_size=1&active=true&expand=identity&expand=devices")],
        ["DELETE /sessions"] = [WithSession(string.Empty)],
        ["GET /sessions/{id}"] = [new(string.Empty), new("?expand=identity")],
        ["DELETE /sessions/{id}"] = [WithSession(string.Empty)],
        ["PATCH /sessions/{id}/extend"] = [new(string.Empty), new(string.Empty, string.Empty, "application/x-www-form-urlencoded")],
        ["GET /identities/{id}/sessions"] = [new(string.Empty), new("?active=true&page=0&per_page=1")],
        ["DELETE /identities/{id}/sessions"] = [new(string.Empty)],
        ["GET /self-service/logout/browser"] = [WithSession(string.Empty), WithSession("?return_to=http://127.0.0.1:4455/bye")],
        ["GET /self-service/logout"] = [WithSession("?token={logout_token}")],
        ["GET /self-service/errors"] = [new("?id=0195b3a4-7a43-7000-8000-000000000000"), new(string.Empty)],
        ["DELETE /self-service/logout/api"] = [new(string.Empty, """{"session_token":"{other_session_token}"}""")],
        ["GET /health/alive"] = [new(string.Empty)],
        ["GET /demo/whoami"] = [new(string.Empty) { Headers = [new("Authorization", "Bearer {api_key}")] }],
    };

    // Route parameter → placeholder, by parameter name; a route can say otherwise (RouteParameters).
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["id"] = "{human}",
        ["externalID"] = "{external_id}",
        ["type"] = "password",
        ["keyId"] = "{key_id}",
    };

    private static readonly Dictionary<string, Dictionary<string, string>> RouteParameters = new(StringComparer.Ordinal)
    {
        ["/identities/{id}/api-keys"] = new() { ["id"] = "{machine}" },
        ["/identities/{id}/api-keys/{keyId}"] = new() { ["id"] = "{machine}" },
        ["/schemas/{id}"] = new() { ["id"] = "ZGVmYXVsdA" },
        ["/sessions/{id}"] = new() { ["id"] = "{other_session}" },
        ["/sessions/{id}/extend"] = new() { ["id"] = "{session}" },
    };

    private static SeedRequest WithSession(string query) => new(query) { Headers = [new("X-Session-Token", "{session_token}")] };

    private static SeedRequest WithSession(string query, string body, string contentType = "application/json") =>
        new(query, body, contentType) { Headers = [new("X-Session-Token", "{session_token}")] };

    /// <summary>The seeds of a method on a route (by its seed key); empty when there are none.</summary>
    public static IReadOnlyList<SeedRequest> For(string method, string seedKey) =>
        Seeds.TryGetValue($"{method} {seedKey}", out var seeds) ? seeds : [];

    /// <summary>The template value of a route parameter; null when the catalog has none.</summary>
    public static string? ParameterValue(string seedKey, string parameter) =>
        RouteParameters.TryGetValue(seedKey, out var own) && own.TryGetValue(parameter, out var value)
            ? value
            : Parameters.GetValueOrDefault(parameter);

    /// <summary>What the catalog lacks for these endpoints: a seed per method and route, a value per route parameter.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<Catalog.FuzzEndpoint> endpoints)
    {
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            missing.AddRange(endpoint.Methods
                .Where(method => For(method, endpoint.SeedKey).Count == 0)
                .Select(method => $"no seed request for {method} {endpoint.Pattern}"));
            missing.AddRange(RoutePattern.Parameters(endpoint.Pattern)
                .Where(parameter => ParameterValue(endpoint.SeedKey, parameter) is null)
                .Select(parameter => $"no value for the parameter {{{parameter}}} of {endpoint.Pattern}"));
        }

        return missing.Distinct().ToList();
    }
}
