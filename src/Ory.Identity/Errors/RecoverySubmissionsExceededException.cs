namespace Ory.Identity;

/// <summary>Too many codes were submitted to a flow (400 "The request was submitted too often. Please request another code.").</summary>
public sealed class RecoverySubmissionsExceededException : RecoveryException
{
    /// <summary>Creates the exception.</summary>
    public RecoverySubmissionsExceededException()
        : base(Build(400, OryErrorTexts.BadRequest, RecoveryTexts.TooManySubmissions), RecoveryTexts.Error(4000001, RecoveryTexts.TooManySubmissions))
    {
    }
}
