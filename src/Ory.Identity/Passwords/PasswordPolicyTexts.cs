using System.Globalization;
using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Kratos's password policy messages (text/message_validation.go), all on the <c>password</c> node. Context keys are
/// written in alphabetical order, as Go writes its maps.
/// </summary>
internal static class PasswordPolicyTexts
{
    /// <summary>4000031: the password is too similar to an identifier.</summary>
    public static UiText TooSimilar { get; } =
        Error(4000031, "The password can not be used because it is too similar to the identifier.");

    /// <summary>4000032: fewer UTF-8 bytes than <c>min_password_length</c>.</summary>
    public static UiText TooShort(int minLength, int actualLength) =>
        Error(4000032, Format($"The password must be at least {minLength} characters long, but got {actualLength}.")) with
        {
            Context = Context(("actual_length", actualLength), ("min_length", minLength)),
        };

    /// <summary>4000033: more than 72 UTF-8 bytes while bcrypt hashes new passwords.</summary>
    public static UiText TooLong(int maxLength, int actualLength) =>
        Error(4000033, Format($"The password must be at most {maxLength} characters long, but got {actualLength}.")) with
        {
            Context = Context(("actual_length", actualLength), ("max_length", maxLength)),
        };

    /// <summary>4000034: found in more data breaches than <c>max_breaches</c>.</summary>
    public static UiText TooManyBreaches(long breaches) =>
        Error(4000034, "The password has been found in data breaches and must no longer be used.") with
        {
            Context = Context(("breaches", breaches)),
        };

    private static UiText Error(long id, string text) => new() { Id = id, Text = text, Type = "error" };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static JsonElement Context(params (string Key, long Value)[] values) =>
        JsonSerializer.SerializeToElement(
            values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
            OryIdentityJson.TypeInfo<Dictionary<string, long>>());
}
