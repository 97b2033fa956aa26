using System.Text.Json;
using NodaTime;
using Ory.Identity.Tests.Recovery;

namespace Ory.Identity.Tests.Support;

/// <summary>Helpers for the settings and login flow tests: a host, identities with and without passwords, sessions.</summary>
internal static class SelfServiceFlowTestHost
{
    public const string Email = "invitee@ory.sh";
    public const string GoodPassword = "correct-horse-battery-staple";

    public static TestHost Create(Action<OryIdentityOptions>? configure = null) => RecoveryTestHost.Create(configure);

    public static ISelfServiceSettings Settings(this TestHost host) => host.Get<ISelfServiceSettings>();

    public static ISelfServiceLogin Login(this TestHost host) => host.Get<ISelfServiceLogin>();

    public static ISessionManager Sessions(this TestHost host) => host.Get<ISessionManager>();

    /// <summary>An identity without a password, as an invite creates it.</summary>
    public static Task<Identity> CreateInviteeAsync(this TestHost host, string email = Email) =>
        host.Manager.CreateAsync(TestHost.Create($$$"""{"email":"{{{email}}}","name":{"first":"Ada"}}"""));

    /// <summary>An identity with a password.</summary>
    public static Task<Identity> CreateWithPasswordAsync(this TestHost host, string email = Email, string password = GoodPassword) =>
        host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            "{\"traits\":{\"email\":\"" + email + "\"},\"credentials\":{\"password\":{\"config\":{\"password\":\"" + password + "\"}}}}"));

    /// <summary>A session as a recovery would issue it: authenticated now.</summary>
    public static async Task<Session> SignInAsync(this TestHost host, Guid identityId) =>
        (await host.Sessions().IssueAsync(identityId, SessionAuthenticationMethods.LinkRecovery)).Session;

    /// <summary>The stored identity as JSON with its credentials, to compare before and after a refused operation.</summary>
    public static async Task<string> SnapshotAsync(this TestHost host, Guid identityId) =>
        OryIdentityJson.Serialize((await host.Store.GetAsync(identityId))!);

    /// <summary>The stored password hash; null when none.</summary>
    public static async Task<string?> StoredHashAsync(this TestHost host, Guid identityId) =>
        IdentityManager.HashedPasswordOf((await host.Store.GetAsync(identityId))!);

    public static UiNode Node(this SettingsFlow flow, string name) => flow.Ui.Nodes.Single(n => n.Attributes.Name == name && n.Attributes.InputType != "submit");

    public static UiNode Node(this LoginFlow flow, string name) => flow.Ui.Nodes.Single(n => n.Attributes.Name == name && n.Attributes.InputType != "submit");

    public static Duration Minutes(int minutes) => Duration.FromMinutes(minutes);

    public static JsonElement Json(string json) => TestHost.Json(json);
}
