namespace Ory.Identity;

/// <summary>
/// The configured courier templates (<c>courier.templates</c>), loaded and parsed once from <see cref="OryIdentityOptions"/>.
/// <see cref="Render"/> writes a message's subject and bodies from them; what is not configured keeps the built-in text.
/// <see cref="TryCreate"/> reports every unreadable value and malformed template, which options validation turns into a
/// start failure.
/// </summary>
internal sealed class CourierTemplates
{
    private readonly Dictionary<RecoveryTemplateType, EmailTemplate> _templates;

    private CourierTemplates(Dictionary<RecoveryTemplateType, EmailTemplate> templates) => _templates = templates;

    public static CourierTemplates Create(OryIdentityOptions options) =>
        TryCreate(options, out var templates, out var errors)
            ? templates
            : throw new InvalidOperationException(string.Join(" ", errors));

    public static bool TryCreate(OryIdentityOptions options, out CourierTemplates templates, out List<string> errors)
    {
        var found = new List<string>();
        var configured = options.Courier.Templates;
        var parsed = new Dictionary<RecoveryTemplateType, EmailTemplate>();
        foreach (var (type, key, email) in new[]
        {
            (RecoveryTemplateType.RecoveryValid, "courier.templates.recovery.valid.email", configured.Recovery.Valid.Email),
            (RecoveryTemplateType.RecoveryInvalid, "courier.templates.recovery.invalid.email", configured.Recovery.Invalid.Email),
            (RecoveryTemplateType.RecoveryCodeValid, "courier.templates.recovery_code.valid.email", configured.RecoveryCode.Valid.Email),
            (RecoveryTemplateType.RecoveryCodeInvalid, "courier.templates.recovery_code.invalid.email", configured.RecoveryCode.Invalid.Email),
            (RecoveryTemplateType.Invite, "courier.templates.invite.email", configured.Invite.Email),
        })
        {
            var template = new EmailTemplate(
                Parse(email.Subject, type, $"{key}.subject", html: false, options.FileRoot, found),
                Parse(email.Body.Plaintext, type, $"{key}.body.plaintext", html: false, options.FileRoot, found),
                Parse(email.Body.Html, type, $"{key}.body.html", html: true, options.FileRoot, found));
            if (template.Subject is not null || template.Plaintext is not null || template.Html is not null)
            {
                parsed[type] = template;
            }
        }

        errors = found;
        templates = new CourierTemplates(parsed);
        return found.Count == 0;
    }

    /// <summary>
    /// <paramref name="message"/> with <see cref="RecoveryMessage.Subject"/>, <see cref="RecoveryMessage.Body"/> and
    /// <see cref="RecoveryMessage.HtmlBody"/> rendered from the templates configured for its type; unchanged when none is.
    /// </summary>
    /// <param name="message">The message with its template data.</param>
    /// <param name="identity">The identity it is about; null for unknown addresses.</param>
    public RecoveryMessage Render(RecoveryMessage message, Identity? identity)
    {
        if (!_templates.TryGetValue(message.TemplateType, out var template))
        {
            return message;
        }

        var rendered = message;
        if (template.Subject is not null)
        {
            // A subject is one header line: line breaks (from the file or a value) become spaces.
            var subject = template.Subject.Render(message, identity).ReplaceLineEndings(" ").Trim();
            rendered = rendered with { Subject = subject };
        }

        if (template.Plaintext is not null)
        {
            rendered = rendered with { Body = template.Plaintext.Render(message, identity) };
        }

        return template.Html is null ? rendered : rendered with { HtmlBody = template.Html.Render(message, identity) };
    }

    private static CourierTemplate? Parse(string? value, RecoveryTemplateType type, string key, bool html, string? fileRoot, List<string> errors)
    {
        var text = Load(value, key, fileRoot, errors);
        if (text is null)
        {
            return null;
        }

        if (CourierTemplate.TryParse(text, type, html, out var template, out var error))
        {
            return template;
        }

        errors.Add($"{key} is not a valid template: {error}");
        return null;
    }

    // Kratos's template values are URLs; inline text is accepted as well. Remote templates are not fetched; relative
    // file:// paths resolve against the host's content root (else the working directory).
    private static string? Load(string? value, string key, string? fileRoot, List<string> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith("base64://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value["base64://".Length..]));
            }
            catch (FormatException)
            {
                errors.Add($"{key} is not valid base64 after \"base64://\".");
                return null;
            }
        }

        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            var path = value["file://".Length..];
            try
            {
                return File.ReadAllText(ContentRootFiles.FullPath(path, fileRoot));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"{key}: the file \"{path}\" cannot be read ({e.GetType().Name}).");
                return null;
            }
        }

        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{key}: remote templates are not supported; use the template text, a file:// or a base64:// URL.");
            return null;
        }

        return value;
    }

    private sealed record EmailTemplate(CourierTemplate? Subject, CourierTemplate? Plaintext, CourierTemplate? Html);
}
