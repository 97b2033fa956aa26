namespace Ory.Identity;

/// <summary>
/// A recovery method or self-service recovery is disabled: 404 "This endpoint was disabled by system administrator…"
/// for a method (link or code), 400 "Recovery is not allowed because it was disabled." for self-service flows.
/// </summary>
public sealed class RecoveryDisabledException : RecoveryException
{
    private RecoveryDisabledException(OryError error)
        : base(error)
    {
    }

    /// <summary>The method (link or code) is disabled (404).</summary>
    public static RecoveryDisabledException Method() =>
        new(Build(404, OryErrorTexts.NotFound, RecoveryTexts.MethodDisabled));

    /// <summary>Self-service recovery flows are disabled (400).</summary>
    public static RecoveryDisabledException Flows() =>
        new(Build(400, OryErrorTexts.BadRequest, RecoveryTexts.FlowsDisabled));
}
