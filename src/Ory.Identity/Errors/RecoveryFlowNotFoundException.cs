namespace Ory.Identity;

/// <summary>No recovery flow has the id (404 "The recovery request could not be found. Please restart the flow.").</summary>
public sealed class RecoveryFlowNotFoundException : RecoveryException
{
    /// <summary>Creates the exception.</summary>
    public RecoveryFlowNotFoundException()
        : base(Build(404, OryErrorTexts.NotFound, RecoveryTexts.FlowNotFound))
    {
    }
}
