using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Checks <see cref="OryIdentityOptions"/> at start: schemas load and pass the meta-schema, URLs are absolute, storage exists.</summary>
internal sealed class OryIdentityOptionsValidator(IServiceProviderIsService? isService = null) : IValidateOptions<OryIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, OryIdentityOptions options)
    {
        var failures = new List<string>();
        CheckBaseUrl(options.Serve.Public.BaseUrl, "serve.public.base_url", failures);
        CheckBaseUrl(options.Serve.Admin.BaseUrl, "serve.admin.base_url", failures);

        try
        {
            _ = new IdentitySchemaRegistry(Options.Create(options));
        }
        catch (InvalidOperationException e)
        {
            failures.Add(e.Message);
        }

        if (!RecoverySettings.TryCreate(options, out _, out var recoveryErrors))
        {
            failures.AddRange(recoveryErrors);
        }

        if (!CourierTemplates.TryCreate(options, out _, out var templateErrors))
        {
            failures.AddRange(templateErrors);
        }

        if (!SelfServiceFlowSettings.TryCreate(options, out _, out var flowErrors))
        {
            failures.AddRange(flowErrors);
        }

        if (!SessionSettings.TryCreate(options, out _, out var sessionErrors))
        {
            failures.AddRange(sessionErrors);
        }

        failures.AddRange(options.Hashers.Validate());
        failures.AddRange(options.ApiKeys.Validate());
        failures.AddRange(options.SelfService.Methods.Password.Config.Validate());

        if (isService is not null
            && (!isService.IsService(typeof(IIdentityStore)) || !isService.IsService(typeof(IRecoveryStore))
                || !isService.IsService(typeof(ISessionStore)) || !isService.IsService(typeof(ISelfServiceFlowStore))))
        {
            failures.Add("No identity store is registered: call UseInMemoryStorage() (package Ory.Identity.Storage.InMemory) or another storage package's UseXStorage() on the builder AddOryIdentity() returns.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBaseUrl(string value, string key, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be an absolute http or https URL, got \"{value}\".");
        }
    }
}
