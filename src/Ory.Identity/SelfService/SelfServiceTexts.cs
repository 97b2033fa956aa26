using System.Globalization;
using System.Text.Json;
using NodaTime;
using Ory.Identity.Storage;

namespace Ory.Identity;

/// <summary>Kratos's texts and message ids for the settings and login flows (Kratos's text/message_*.go).</summary>
internal static class SelfServiceTexts
{
    public const string Gone = "The requested resource is no longer available because it has expired or is otherwise invalid.";

    public static UiText PasswordLabel { get; } = RecoveryTexts.Info(1070001, "Password");
    public static UiText SaveLabel { get; } = RecoveryTexts.Info(1070003, "Save");
    public static UiText IdLabel { get; } = RecoveryTexts.Info(1070004, "ID");
    public static UiText SignInLabel { get; } = RecoveryTexts.Info(1010001, "Sign in");
    public static UiText SignInWithPasswordLabel { get; } = RecoveryTexts.Info(1010022, "Sign in with password");
    public static UiText ConfirmItIsYou { get; } = RecoveryTexts.Info(1010003, "Please confirm this action by verifying that it is you.");
    public static UiText ChangesSaved { get; } = new() { Id = 1050001, Text = "Your changes have been saved!", Type = "success" };

    public static UiText InvalidCredentials { get; } = RecoveryTexts.Error(4000006,
        "The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.");

    public static UiText NoIdentifiers { get; } = RecoveryTexts.Error(4000009,
        "Could not find any login identifiers. Did you forget to set them? This could also be caused by a server misconfiguration.");

    public static UiText DuplicateIdentifier { get; } = RecoveryTexts.Error(4000007,
        "An account with the same identifier (email, phone, username, ...) exists already.");

    public static UiText SamePassword { get; } = RecoveryTexts.Error(4000039, "The new password must be different from the old password.");

    public static UiText NoLoginStrategy { get; } = RecoveryTexts.Error(4010002,
        "Could not find a strategy to log you in with. Did you fill out the form correctly?");

    public static UiText NoSettingsStrategy { get; } = RecoveryTexts.Error(4010004,
        "Could not find a strategy to update your settings. Did you fill out the form correctly?");

    /// <summary>4000001: the reason of any other 400 error, e.g. "Did not receive any value changes.".</summary>
    public static UiText Generic(string reason) => RecoveryTexts.Error(4000001, reason);

    /// <summary>4000002 "Property {name} is missing." (context <c>property</c>).</summary>
    public static UiText Missing(string property) => RecoveryTexts.Error(4000002, $"Property {property} is missing.") with
    {
        Context = Object(new Dictionary<string, string>(StringComparer.Ordinal) { ["property"] = property }),
    };

    /// <summary>4000003 "length must be &gt;= 1, but got 0" (context <c>min_length</c>, <c>actual_length</c>).</summary>
    public static UiText Empty { get; } = RecoveryTexts.Error(4000003, "length must be >= 1, but got 0") with
    {
        Context = JsonSerializer.SerializeToElement(
            new Dictionary<string, long> { ["actual_length"] = 0, ["min_length"] = 1 },
            OryIdentityJson.TypeInfo<Dictionary<string, long>>()),
    };

    /// <summary>1070002: a label generated from a schema <c>title</c> (context <c>title</c>, <c>name</c>).</summary>
    public static UiText Generated(string title, string name) => RecoveryTexts.Info(1070002, title) with
    {
        Context = Object(new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = name, ["title"] = title }),
    };

    /// <summary>4050001 "The settings flow expired N minutes ago, please try again." or 4010001 for login.</summary>
    public static UiText Expired(SelfServiceFlowKind kind, Instant expiredAt, Instant now) =>
        RecoveryTexts.Error(
            kind == SelfServiceFlowKind.Settings ? 4050001 : 4010001,
            Minutes($"The {NameOf(kind)} flow expired ", now - expiredAt, " minutes ago, please try again.")) with
        {
            Context = JsonSerializer.SerializeToElement(
                new Dictionary<string, long> { ["expired_at_unix"] = expiredAt.ToUnixTimeSeconds() },
                OryIdentityJson.TypeInfo<Dictionary<string, long>>()),
        };

    /// <summary>
    /// 1060001, the message of the settings flow a recovery opens: the privileged window in minutes with two decimals
    /// (Kratos's text/message_recovery.go), and its end as context.
    /// </summary>
    public static UiText RecoverySucceeded(Duration privilegedFor, Instant privilegedUntil)
    {
        var context = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["privilegedSessionExpiresAt"] = JsonSerializer.SerializeToElement(privilegedUntil, OryIdentityJson.TypeInfo<Instant>()),
            ["privileged_session_expires_at"] = JsonSerializer.SerializeToElement(privilegedUntil, OryIdentityJson.TypeInfo<Instant>()),
            ["privileged_session_expires_at_unix"] = JsonSerializer.SerializeToElement(privilegedUntil.ToUnixTimeSeconds(), OryIdentityJson.TypeInfo<long>()),
        };
        return new UiText
        {
            Id = 1060001,
            Type = "success",
            Text = Minutes(
                "You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next ",
                privilegedFor,
                " minutes."),
            Context = JsonSerializer.SerializeToElement(context, OryIdentityJson.TypeInfo<Dictionary<string, JsonElement>>()),
        };
    }

    /// <summary><c>settings</c> or <c>login</c>, as Kratos's texts and URLs name the flow.</summary>
    public static string NameOf(SelfServiceFlowKind kind) => kind == SelfServiceFlowKind.Settings ? "settings" : "login";

    /// <summary><paramref name="prefix"/>, the duration in minutes with two decimals, <paramref name="suffix"/>.</summary>
    public static string Minutes(string prefix, Duration duration, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{duration.TotalMinutes:0.00}{suffix}");

    /// <summary>A JSON object of strings.</summary>
    public static JsonElement Object(Dictionary<string, string> values) =>
        JsonSerializer.SerializeToElement(values, OryIdentityJson.TypeInfo<Dictionary<string, string>>());
}
