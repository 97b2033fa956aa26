namespace Ory.Identity;

/// <summary>
/// A recovery token or code is wrong, of another flow, already used or expired (400; UI message 4060004 for links,
/// 4060006 for codes).
/// </summary>
public sealed class RecoveryTokenInvalidException : RecoveryException
{
    private RecoveryTokenInvalidException(UiText message)
        : base(Build(400, OryErrorTexts.BadRequest, message.Text), message)
    {
    }

    /// <summary>The link token is invalid or used (4060004).</summary>
    public static RecoveryTokenInvalidException Link() => new(RecoveryTexts.TokenInvalid);

    /// <summary>The code is invalid or used (4060006).</summary>
    public static RecoveryTokenInvalidException Code() => new(RecoveryTexts.CodeInvalid);
}
