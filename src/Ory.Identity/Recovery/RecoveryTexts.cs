using System.Globalization;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>Kratos's recovery texts and message ids (text/message_*.go).</summary>
internal static class RecoveryTexts
{
    public const string MethodDisabled =
        "This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.";
    public const string FlowsDisabled = "Recovery is not allowed because it was disabled.";
    public const string FlowNotFound = "The recovery request could not be found. Please restart the flow.";
    public const string TooManySubmissions = "The request was submitted too often. Please request another code.";
    public const string IdentityMissingForLink = "The requested identity id does not exist.";
    public const string IdentityMissingForCode = "could not find identity";

    public static UiText Info(long id, string text) => new() { Id = id, Text = text, Type = "info" };

    public static UiText Error(long id, string text) => new() { Id = id, Text = text, Type = "error" };

    public static UiText TokenInvalid { get; } =
        Error(4060004, "The recovery token is invalid or has already been used. Please retry the flow.");

    public static UiText CodeInvalid { get; } =
        Error(4060006, "The recovery code is invalid or has already been used. Please try again.");

    public static UiText AlreadyCompleted { get; } =
        Error(4060001, "The request was already completed successfully and can not be retried.");

    public static UiText AccountDisabled { get; } =
        Error(4010011, "This account has been disabled. Please contact support for assistance.");

    public static UiText LinkSent { get; } = Info(1060002,
        "An email containing a recovery link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.");

    public static UiText CodeSent { get; } = Info(1060003,
        "An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.");

    public static UiText EmailMissing { get; } = Error(4000002, "Property email is missing.");

    public static UiText EmailInvalid { get; } = Error(4000040, "Enter a valid email address");

    public static UiText Expired(NodaTime.Instant expiredAt, NodaTime.Instant now)
    {
        var minutes = (now - expiredAt).TotalMinutes;
        var context = JsonSerializer.SerializeToElement(
            new Dictionary<string, long> { ["expired_at_unix"] = expiredAt.ToUnixTimeSeconds() },
            OryIdentityJson.TypeInfo<Dictionary<string, long>>());
        return Error(4060005, string.Create(CultureInfo.InvariantCulture, $"The recovery flow expired {minutes:0.00} minutes ago, please try again.")) with
        {
            Context = context,
        };
    }
}
