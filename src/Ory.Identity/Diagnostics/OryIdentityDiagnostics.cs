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

    /// <summary>
    /// <c>ory.identity.operation.duration</c>: how long each public operation took, in seconds, tagged
    /// <c>ory.identity.operation</c> and, on failure, <c>error.type</c> (docs/observability.md lists them).
    /// </summary>
    internal static Histogram<double> OperationDuration { get; } =
        Meter.CreateHistogram<double>("ory.identity.operation.duration", unit: "s", description: "Duration of Ory.Identity operations.");

    internal static Counter<long> IdentitiesCreated { get; } =
        Meter.CreateCounter<long>("ory.identity.identities.created", unit: "{identity}", description: "Identities created.");

    internal static Counter<long> IdentitiesUpdated { get; } =
        Meter.CreateCounter<long>("ory.identity.identities.updated", unit: "{identity}", description: "Identities updated or patched.");

    internal static Counter<long> IdentitiesDeleted { get; } =
        Meter.CreateCounter<long>("ory.identity.identities.deleted", unit: "{identity}", description: "Identities deleted.");

    internal static Counter<long> ApiKeyAuthentications { get; } =
        Meter.CreateCounter<long>("ory.identity.api_keys.authentications", unit: "{authentication}", description: "API key authentications, by result (success or the failure).");

    // One tag per result, made once, so counting allocates nothing.
    private static readonly KeyValuePair<string, object?> SuccessTag = new("result", "success");
    private static readonly KeyValuePair<string, object?>[] FailureTags =
        Enum.GetValues<ApiKeyAuthenticationFailure>().Select(f => new KeyValuePair<string, object?>("result", f.ToString())).ToArray();

    /// <summary>Counts an API key authentication: a success when <paramref name="failure"/> is null.</summary>
    internal static void RecordApiKeyAuthentication(ApiKeyAuthenticationFailure? failure) =>
        ApiKeyAuthentications.Add(1, failure is { } f ? FailureTags[(int)f] : SuccessTag);
}
