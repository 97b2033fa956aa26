using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>
/// A 404: no settings or login flow has the id (a flow of another kind, such as a recovery flow's id, is none either).
/// Reason as Kratos's: "The settings request could not be found. Please restart the flow." (or "login").
/// </summary>
public sealed class SelfServiceFlowNotFoundException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The kind of flow looked for.</param>
    public SelfServiceFlowNotFoundException(SelfServiceFlowKind kind)
        : base(CreateError(404, OryErrorTexts.NotFound, ReasonOf(kind)), ReasonOf(kind))
    {
        Kind = kind;
    }

    /// <summary>The kind of flow looked for.</summary>
    public SelfServiceFlowKind Kind { get; }

    private static string ReasonOf(SelfServiceFlowKind kind) =>
        $"The {SelfServiceTexts.NameOf(kind)} request could not be found. Please restart the flow.";
}
