// The seed's "invite a user" creation step, in-process: create foo@ory.sh with the quickstart email/password schema
// (no password yet), print the identity as Kratos's admin API returns it, then show a conflict and a validation error.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ory.Identity;

var services = new ServiceCollection()
    .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
services.AddOryIdentity()
    .AddSchema("default", "file://" + Path.Combine(AppContext.BaseDirectory, "identity.schema.json"))
    .UseInMemoryStorage();
await using var provider = services.BuildServiceProvider();
var identities = provider.GetRequiredService<IIdentityManager>();

var request = OryIdentityJson.Deserialize<CreateIdentityRequest>("""{"schema_id":"default","traits":{"email":"foo@ory.sh"}}""");
var identity = await identities.CreateAsync(request);
Console.WriteLine(OryIdentityJson.Serialize(identity));

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
