namespace Ory.Identity;

/// <summary>A 404: no identity has the given id or external id.</summary>
public sealed class IdentityNotFoundException : OryIdentityException
{
    /// <summary>Creates the exception with Kratos's texts.</summary>
    public IdentityNotFoundException()
        : base(CreateError(404, "Unable to locate the resource", null), "The identity does not exist.")
    {
    }

    /// <summary>Creates the exception with a specific reason (for example for credentials that do not exist).</summary>
    /// <param name="reason">Kratos's reason text.</param>
    public IdentityNotFoundException(string reason)
        : base(CreateError(404, OryErrorTexts.NotFound, reason), reason)
    {
    }

    private IdentityNotFoundException(OryError error)
        : base(error, error.Reason ?? error.Message)
    {
    }

    /// <summary>Kratos's answer to a recovery code for an unknown identity: "Unable to locate the resource" / "could not find identity".</summary>
    internal static IdentityNotFoundException ForRecoveryCode() =>
        new(CreateError(404, "Unable to locate the resource", RecoveryTexts.IdentityMissingForCode));
}
