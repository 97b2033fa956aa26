using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Registers Ory.Identity in a service collection.</summary>
public static class OryIdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IIdentityManager"/> and its services. Idempotent; options are validated at start
    /// (<c>ValidateOnStart</c>) and on first use, failing fast on a bad schema, an unknown default schema, a bad base
    /// URL or missing storage. Choose storage on the returned builder, e.g. <c>.UseInMemoryStorage()</c>. With recovery
    /// enabled and no <see cref="IRecoveryMessageSender"/>, the host's start fails naming it, and so does resolving
    /// <see cref="ISelfServiceRecovery"/> or <see cref="IInvitationSender"/>; <see cref="IIdentityManager"/> still works.
    /// </summary>
    /// <param name="services">The host's services.</param>
    public static OryIdentityBuilder AddOryIdentity(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(OryIdentityMarker)))
        {
            return new OryIdentityBuilder(services);
        }

        services.AddSingleton<OryIdentityMarker>();
        services.AddOptions<OryIdentityOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OryIdentityOptions>, OryIdentityOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OryIdentityOptions>, ContentRootFiles>());
        services.TryAddSingleton<OryIdentityClock>();
        services.TryAddSingleton<IdentitySchemaRegistry>();
        services.TryAddSingleton<PasswordHashing>();
        services.TryAddSingleton<CredentialsImporter>();
        // The public services are wrapped so each operation is traced and timed (Diagnostics/OryIdentityOperation).
        services.TryAddSingleton<IIdentityManager>(sp => new InstrumentedIdentityManager(CreateManager(sp)));

        // Recovery: settings parsed once from validated options; the stores come from the storage package.
        services.TryAddSingleton(sp => RecoverySettings.Create(sp.GetRequiredService<IOptions<OryIdentityOptions>>().Value));
        services.TryAddSingleton(sp => CourierTemplates.Create(sp.GetRequiredService<IOptions<OryIdentityOptions>>().Value));
        services.TryAddSingleton<SecretHasher>();
        services.TryAddSingleton<RecoveryMessageRateLimiter>();
        services.TryAddSingleton<ExpiredRecoveryCleanup>();
        services.TryAddSingleton<RecoveryLinkIssuer>();
        services.TryAddSingleton<IRecoveryLinkIssuer>(sp => new InstrumentedRecoveryLinkIssuer(sp.GetRequiredService<RecoveryLinkIssuer>()));
        services.TryAddSingleton<RecoveryRedeemer>();
        services.TryAddSingleton<IRecoveryRedeemer>(sp => new InstrumentedRecoveryRedeemer(sp.GetRequiredService<RecoveryRedeemer>()));

        // The services that send need a message sender when recovery is enabled: checked at the host's start and when
        // they are resolved, never when IIdentityManager is.
        services.AddOptions<RecoveryMessageSenderCheck>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecoveryMessageSenderCheck>, RecoveryMessageSenderCheck.Validator>());
        services.TryAddSingleton<IInvitationSender>(sp => RecoveryMessageSenderCheck.Require(sp, static s => ActivatorUtilities.CreateInstance<InvitationSender>(s)));
        services.TryAddSingleton<ISelfServiceRecovery>(sp => RecoveryMessageSenderCheck.Require(
            sp, static s => new InstrumentedSelfServiceRecovery(ActivatorUtilities.CreateInstance<SelfServiceRecovery>(s))));

        // Sessions: settings parsed once from validated options; the store comes from the storage package.
        services.TryAddSingleton(sp => SessionSettings.Create(sp.GetRequiredService<IOptions<OryIdentityOptions>>().Value));
        services.TryAddSingleton<SessionManager>();
        services.TryAddSingleton<ISessionManager>(sp => new InstrumentedSessionManager(sp.GetRequiredService<SessionManager>()));

        // Settings and login flows: settings parsed once from validated options; the flow store comes from the storage package.
        services.TryAddSingleton(sp => SelfServiceFlowSettings.Create(sp.GetRequiredService<IOptions<OryIdentityOptions>>().Value));
        services.TryAddSingleton<SettingsFlowFactory>();
        services.TryAddSingleton<ISelfServiceSettings, SelfServiceSettings>();
        services.TryAddSingleton<ISelfServiceLogin, SelfServiceLogin>();

        // API keys of machine identities.
        services.TryAddSingleton(sp => ApiKeySettings.Create(sp.GetRequiredService<IOptions<OryIdentityOptions>>().Value));
        services.TryAddSingleton<ApiKeyHasher>();
        services.TryAddSingleton<ApiKeyUsageRecorder>();
        services.TryAddSingleton<ApiKeyManager>();
        services.TryAddSingleton<IApiKeyManager>(sp => new InstrumentedApiKeyManager(sp.GetRequiredService<ApiKeyManager>()));

        // Password policy (selfservice.methods.password.config) and the breached-password range client.
        services.AddHttpClient(PwnedPasswordsRangeClient.HttpClientName, client =>
            {
                client.Timeout = PwnedPasswordsRangeClient.RequestTimeout;
                client.MaxResponseContentBufferSize = PwnedPasswordsRangeClient.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = PwnedPasswordsRangeClient.ConnectTimeout });
        services.TryAddSingleton<BreachCountCache>();
        services.TryAddSingleton<IBreachedPasswordChecker, PwnedPasswordsRangeClient>();
        services.TryAddSingleton<IPasswordPolicy, PasswordPolicy>();
        return new OryIdentityBuilder(services);
    }

    /// <summary>Registers Ory.Identity and changes its options in code.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">The change, e.g. <c>o =&gt; o.Serve.Public.BaseUrl = "https://id.example.com/"</c>.</param>
    public static OryIdentityBuilder AddOryIdentity(this IServiceCollection services, Action<OryIdentityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddOryIdentity().Configure(configure);
    }

    /// <summary>
    /// Registers Ory.Identity and binds its options from configuration with kratos.yml key names
    /// (<c>identity:default_schema_id</c>, <c>identity:schemas:0:id</c>, <c>serve:public:base_url</c>, …).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section holding the kratos.yml keys, e.g. <c>Configuration.GetSection("Ory")</c>.</param>
    public static OryIdentityBuilder AddOryIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOryIdentity();
        services.AddOptions<OryIdentityOptions>().Bind(configuration);
        return builder;
    }

    private static IdentityManager CreateManager(IServiceProvider services)
    {
        // Reading the options first runs their validation, so a missing store or a bad schema is reported clearly
        // instead of as a DI resolution error.
        var options = services.GetRequiredService<IOptions<OryIdentityOptions>>().Value;
        return new IdentityManager(
            services.GetRequiredService<IIdentityStore>(),
            services.GetRequiredService<IRecoveryStore>(),
            services.GetRequiredService<IdentitySchemaRegistry>(),
            services.GetRequiredService<OryIdentityClock>(),
            services.GetRequiredService<PasswordHashing>(),
            services.GetRequiredService<CredentialsImporter>(),
            options,
            services.GetService<ILogger<IdentityManager>>() ?? NullLogger<IdentityManager>.Instance,
            services.GetRequiredService<ISessionStore>(),
            services.GetRequiredService<ISelfServiceFlowStore>());
    }

    private sealed class OryIdentityMarker;
}
