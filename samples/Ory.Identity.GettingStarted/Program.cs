// The seed's "invite a user" flow, in-process: create foo@ory.sh with the quickstart email/password schema (no password
// yet), issue a recovery link valid for 12 hours, print both as Kratos's admin API returns them, redeem the link once,
// then show a conflict and a validation error.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity;

var services = new ServiceCollection()
    .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
services.AddOryIdentity(o =>
    {
        o.SelfService.Methods.Link.Enabled = true;
        o.SelfService.Methods.Link.Config.BaseUrl = "http://127.0.0.1:4455/";
        o.Secrets.Cookie = ["PLEASE-CHANGE-ME-I-AM-VERY-INSECURE"];
    })
    .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "identity.schema.json"))
    .UseInMemoryStorage();
await using var provider = services.BuildServiceProvider();
var identities = provider.GetRequiredService<IIdentityManager>();

var request = OryIdentityJson.Deserialize<CreateIdentityRequest>("""{"schema_id":"default","traits":{"email":"foo@ory.sh"}}""");
var identity = await identities.CreateAsync(request);
Console.WriteLine(OryIdentityJson.Serialize(identity));

var invite = await provider.GetRequiredService<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(identity.Id, GoDuration.Parse("12h"));
Console.WriteLine(OryIdentityJson.Serialize(invite));
var token = invite.Link[(invite.Link.LastIndexOf('=') + 1)..];
var recovered = await provider.GetRequiredService<IRecoveryRedeemer>().RedeemLinkAsync(invite.FlowId, token);
Console.WriteLine($"Recovered identity {recovered.IdentityId} through flow {recovered.Flow.Id}: it may now set a password.");

foreach (var body in new[] { """{"traits":{"email":"FOO@ory.sh"}}""", """{"traits":{"email":"not-an-email"}}""" })
{
    try
    {
        await identities.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(body));
    }
    catch (OryIdentityException e)
    {
        Console.WriteLine(OryIdentityJson.Serialize(new OryErrorEnvelope(e.Error)));
    }
}
