namespace Ory.Identity;

/// <summary>
/// A recovery message to deliver, with the data of Kratos's courier templates. It carries a secret (the link or code):
/// deliver it, never log it. <see cref="ToString"/> prints no secret and no address.
/// </summary>
public sealed record RecoveryMessage
{
    /// <summary>Which template: valid link or code, or "account access attempted" for unknown addresses.</summary>
    public required RecoveryTemplateType TemplateType { get; init; }

    /// <summary>The channel, <see cref="AddressVia.Email"/> (recovery addresses of self-service flows are emails).</summary>
    public AddressVia Channel { get; init; } = AddressVia.Email;

    /// <summary>Where to send it: the stored address for known identities, the typed one for unknown addresses.</summary>
    public required string Recipient { get; init; }

    /// <summary>The recovery link (<c>RecoveryURL</c>) of <see cref="RecoveryTemplateType.RecoveryValid"/>.</summary>
    public string? RecoveryUrl { get; init; }

    /// <summary>The 6-digit code (<c>RecoveryCode</c>) of <see cref="RecoveryTemplateType.RecoveryCodeValid"/>.</summary>
    public string? RecoveryCode { get; init; }

    /// <summary>The configured lifespan of the link or code in whole minutes (<c>ExpiresInMinutes</c>).</summary>
    public int? ExpiresInMinutes { get; init; }

    /// <summary>The recovered identity (valid templates only).</summary>
    public Guid? IdentityId { get; init; }

    /// <summary>The flow the message belongs to.</summary>
    public required Guid FlowId { get; init; }

    /// <summary>The URL the flow was started from (<c>RequestURL</c>).</summary>
    public required string RequestUrl { get; init; }

    /// <summary>The subject of Kratos's built-in template.</summary>
    public string Subject => TemplateType switch
    {
        RecoveryTemplateType.RecoveryValid => "Recover access to your account",
        RecoveryTemplateType.RecoveryCodeValid => $"Use code {RecoveryCode} to recover access to your account",
        _ => "Account access attempted",
    };

    /// <summary>The plain-text body of Kratos's built-in template.</summary>
    public string Body => TemplateType switch
    {
        RecoveryTemplateType.RecoveryValid =>
            $"Hi,\n\nplease recover access to your account by clicking the following link:\n\n{RecoveryUrl}\n\nThis link expires in {ExpiresInMinutes} minutes.\n",
        RecoveryTemplateType.RecoveryCodeValid =>
            $"Hi,\n\nplease recover access to your account by entering the following code:\n\n{RecoveryCode}\n\nThis code expires in {ExpiresInMinutes} minutes.\n",
        _ =>
            "Hi,\n\nyou (or someone else) entered this email address when trying to recover access to an account.\n\nHowever, this email address is not on our database of registered users and therefore the attempt has failed.\n\nIf this was you, check if you signed up using a different address.\n\nIf this was not you, please ignore this email.\n",
    };

    /// <summary>Prints the template and flow only: no recipient, link or code.</summary>
    public override string ToString() => $"RecoveryMessage {{ TemplateType = {TemplateType}, FlowId = {FlowId} }}";
}
