using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ory.Identity;

/// <summary>
/// The one <see cref="ActivitySource"/> and <see cref="Meter"/> of Ory.Identity, both named <c>Ory.Identity</c>.
/// Tags never carry traits, identifiers, hashes, tokens or codes.
/// </summary>
public static class OryIdentityDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Ory.Identity";

    /// <summary>Traces of identity operations.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Metrics of identity operations.</summary>
    public static Meter Meter { get; } = new(Name);

    internal static Counter<long> IdentitiesCreated { get; } =
        Meter.CreateCounter<long>("ory.identity.identities.created", unit: "{identity}", description: "Identities created.");

    internal static Counter<long> IdentitiesUpdated { get; } =
        Meter.CreateCounter<long>("ory.identity.identities.updated", unit: "{identity}", description: "Identities updated or patched.");

    internal static Counter<long> IdentitiesDeleted { get; } =
        Meter.CreateCounter<long>("ory.identity.identities.deleted", unit: "{identity}", description: "Identities deleted.");

    internal static Counter<long> OperationsFailed { get; } =
        Meter.CreateCounter<long>("ory.identity.operations.failed", unit: "{operation}", description: "Identity operations refused, by error status.");
}
