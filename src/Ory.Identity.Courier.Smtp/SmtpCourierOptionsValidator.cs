using Microsoft.Extensions.Options;

namespace Ory.Identity.Courier.Smtp;

/// <summary>Checks <see cref="SmtpCourierOptions"/> at start, so a malformed connection URI stops the host with the key's name.</summary>
internal sealed class SmtpCourierOptionsValidator : IValidateOptions<SmtpCourierOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpCourierOptions options) =>
        SmtpCourierSettings.TryCreate(options, out _, out var errors) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
