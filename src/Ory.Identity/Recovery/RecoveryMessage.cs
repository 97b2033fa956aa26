namespace Ory.Identity;

/// <summary>
/// A recovery message to deliver, with the data of Kratos's courier templates. It carries a secret (the link or code):
/// deliver it, never log it. <see cref="ToString"/> prints no secret and no address.
/// </summary>
public sealed record RecoveryMessage
{
    private readonly string? _subject;
    private readonly string? _body;

    /// <summary>The message's id (a UUIDv7), which delivery records and <see cref="Invitation.MessageId"/> refer to.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Which template: valid link or code, or "account access attempted" for unknown addresses.</summary>
    public required RecoveryTemplateType TemplateType { get; init; }

    /// <summary>The channel, <see cref="AddressVia.Email"/> (recovery addresses of self-service flows are emails).</summary>
    public AddressVia Channel { get; init; } = AddressVia.Email;

    /// <summary>Where to send it: the stored address for known identities, the typed one for unknown addresses.</summary>
    public required string Recipient { get; init; }

    /// <summary>The recovery link (<c>RecoveryURL</c>) of <see cref="RecoveryTemplateType.RecoveryValid"/> and <see cref="RecoveryTemplateType.Invite"/>.</summary>
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

    /// <summary>The subject: the configured template's, rendered, else the built-in template's.</summary>
    public string Subject
    {
        get => _subject ?? DefaultSubject;
        init => _subject = value;
    }

    /// <summary>The plain-text body: the configured template's, rendered, else the built-in template's.</summary>
    public string Body
    {
        get => _body ?? DefaultBody;
        init => _body = value;
    }

    /// <summary>The HTML body of a configured template (<c>body.html</c>), rendered; null when only plain text is configured.</summary>
    public string? HtmlBody { get; init; }

    private string DefaultSubject => TemplateType switch
    {
        RecoveryTemplateType.RecoveryValid => "Recover access to your account",
        RecoveryTemplateType.Invite => "You are invited: set up your account",
        RecoveryTemplateType.RecoveryCodeValid => $"Use code {RecoveryCode} to recover access to your account",
        _ => "Account access attempted",
    };

    private string DefaultBody => TemplateType switch
    {
        RecoveryTemplateType.RecoveryValid =>
            $"Hi,\n\nplease recover access to your account by clicking the following link:\n\n{RecoveryUrl}\n\nThis link expires in {ExpiresInMinutes} minutes.\n",
        RecoveryTemplateType.Invite =>
            $"Hi,\n\nan account has been created for you. Set your password and sign in by clicking the following link:\n\n{RecoveryUrl}\n\nThis link expires in {ExpiresInMinutes} minutes.\n",
        RecoveryTemplateType.RecoveryCodeValid =>
            $"Hi,\n\nplease recover access to your account by entering the following code:\n\n{RecoveryCode}\n\nThis code expires in {ExpiresInMinutes} minutes.\n",
        _ =>
            "Hi,\n\nyou (or someone else) entered this email address when trying to recover access to an account.\n\nHowever, this email address is not on our database of registered users and therefore the attempt has failed.\n\nIf this was you, check if you signed up using a different address.\n\nIf this was not you, please ignore this email.\n",
    };

    /// <summary>Prints the template and flow only: no recipient, link or code.</summary>
    public override string ToString() => $"RecoveryMessage {{ Id = {Id}, TemplateType = {TemplateType}, FlowId = {FlowId} }}";
}
