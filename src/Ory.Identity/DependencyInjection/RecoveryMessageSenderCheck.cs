using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// The check that a message sender exists when recovery is enabled, kept apart from <see cref="OryIdentityOptions"/> so
/// a missing sender stops the host's start (<c>ValidateOnStart</c>) and the services that send (self-service recovery,
/// invitations), but never identity management.
/// </summary>
internal sealed class RecoveryMessageSenderCheck
{
    public const string MissingSender =
        "selfservice.flows.recovery.enabled is true, but no IRecoveryMessageSender is registered to send recovery links, codes and invitations: "
        + "call UseSmtpCourier() (package Ory.Identity.Courier.Smtp), UseInMemoryRecoveryOutbox() for tests and samples, "
        + "or register your own IRecoveryMessageSender in the services.";

    /// <summary>Creates a sending service after the check, which throws <see cref="OptionsValidationException"/> naming the missing sender.</summary>
    public static T Require<T>(IServiceProvider services, Func<IServiceProvider, T> create)
    {
        _ = services.GetRequiredService<IOptions<RecoveryMessageSenderCheck>>().Value;
        return create(services);
    }

    /// <summary>Fails when recovery is enabled and no <see cref="IRecoveryMessageSender"/> is registered.</summary>
    internal sealed class Validator(IOptions<OryIdentityOptions> options, IServiceProviderIsService? isService = null)
        : IValidateOptions<RecoveryMessageSenderCheck>
    {
        public ValidateOptionsResult Validate(string? name, RecoveryMessageSenderCheck check) =>
            isService is not null && options.Value.SelfService.Flows.Recovery.Enabled && !isService.IsService(typeof(IRecoveryMessageSender))
                ? ValidateOptionsResult.Fail(MissingSender)
                : ValidateOptionsResult.Success;
    }
}
