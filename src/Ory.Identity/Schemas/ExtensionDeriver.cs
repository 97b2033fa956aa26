using System.Text.Json;

namespace Ory.Identity;

/// <summary>
/// Applies the <c>ory.sh/kratos</c> extension to each marked trait value (Kratos's identity/extension_*.go) and builds the
/// <see cref="TraitsDerivation"/>: identifiers, code addresses, verifiable and recovery addresses, or the errors.
/// </summary>
/// <remarks>
/// A <see cref="ValidationScope"/> owns one and reuses it from one validation to the next (its working lists stay
/// allocated), clearing it in between; <see cref="Finish"/> copies what it derived into arrays of exact size.
/// </remarks>
internal sealed class ExtensionDeriver
{
    private const string NoFormatMessage =
        "no format specified. A format is required if verification is enabled. If this was intentional, please set \"format\" to \"no-validate\"";

    // Most schemas mark one trait for one or two purposes: each list keeps its first value inline.
    private DistinctList<string> _password;
    private DistinctList<string> _webAuthn;
    private DistinctList<DerivedAddress> _code;
    private DistinctList<DerivedAddress> _verifiable;
    private DistinctList<DerivedAddress> _recovery;
    private List<SchemaValidationError>? _errors;

    // The last strict email normalization (a trait marked for verification and recovery is normalized once).
    private string? _emailInput;
    private bool _emailValid;
    private string _emailNormalized = string.Empty;
    private bool _hasPassword;
    private bool _hasWebAuthn;
    private bool _hasCode;

    /// <summary>Forgets everything derived so far (dropping every reference to the traits).</summary>
    public void Clear()
    {
        _password.Clear();
        _webAuthn.Clear();
        _code.Clear();
        _verifiable.Clear();
        _recovery.Clear();
        _errors = null;
        _emailInput = null;
        _emailValid = false;
        _emailNormalized = string.Empty;
        _hasPassword = false;
        _hasWebAuthn = false;
        _hasCode = false;
    }

    /// <summary>Runs the extension for one value.</summary>
    public void Apply(in ExtensionHit hit)
    {
        var spec = hit.Spec;
        var text = hit.Text ?? KratosErrorText.AsText(hit.Value);
        if (spec.PasswordIdentifier)
        {
            _hasPassword = true;
            _password.Add(IdentifierNormalizer.NormalizeGraceful(text));
        }

        if (spec.WebAuthnIdentifier)
        {
            _hasWebAuthn = true;
            _webAuthn.Add(IdentifierNormalizer.NormalizeGraceful(text));
        }

        if (spec.CodeIdentifier)
        {
            _hasCode = true;
            ApplyCode(hit, text);
        }

        if (spec.VerificationVia is { } verificationVia)
        {
            ApplyVerification(hit, text, verificationVia);
        }

        if (spec.RecoveryVia is { } recoveryVia)
        {
            ApplyRecovery(hit, text, recoveryVia);
        }
    }

    /// <summary>Builds the derivation, or throws <see cref="IdentityValidationException"/> with the collected errors.</summary>
    public TraitsDerivation Finish(JsonElement traits)
    {
        if (_errors is not null)
        {
            throw new IdentityValidationException(_errors);
        }

        // _code holds distinct addresses already; one needs no sorting.
        var code = _code.ToArray();
        if (code.Length > 1)
        {
            code = [.. code
                .OrderBy(a => a.Value, StringComparer.Ordinal)
                .ThenBy(a => a.Via == AddressVia.Email ? "email" : "sms", StringComparer.Ordinal)];
        }

        var verifiable = _verifiable.ToArray();
        return new TraitsDerivation
        {
            Traits = traits,
            PasswordIdentifiers = _password.ToArray(),
            WebAuthnIdentifiers = _webAuthn.ToArray(),
            CodeAddresses = code,
            HasCodeIdentifierTraits = _hasCode,
            HasPasswordIdentifierTraits = _hasPassword,
            HasWebAuthnIdentifierTraits = _hasWebAuthn,
            VerifiableAddresses = verifiable,

            // Usually the same single address (an email for verification and recovery): the read-only array is shared.
            RecoveryAddresses = _recovery.Count == 1 && verifiable is [var only] && only == _recovery.First ? verifiable : _recovery.ToArray(),
        };
    }

    private void ApplyCode(in ExtensionHit hit, string text) =>
        AddAddress(hit, text, hit.Spec.CodeVia, ref _code, smsError: "is not valid \"tel\"",
            unknownViaPath: "/ory.sh~1kratos/credentials/code/via",
            unknownViaMessage: static v => $"channel type {GoFormat.Quote(v ?? string.Empty)} must be one of email, sms");

    private void ApplyVerification(in ExtensionHit hit, string text, string via)
    {
        var format = hit.Spec.Format;
        if (format is null)
        {
            if (via == "sms")
            {
                Error(hit, "/format", NoFormatMessage);
                return;
            }

            // Legacy: a verification trait without format is validated as an email.
            if (!TryNormalizeEmailStrict(text, formatChecked: false, out var legacy))
            {
                Error(hit, "/format", $"{GoFormat.Quote(text)} is not valid \"email\"");
                return;
            }

            _verifiable.Add(new DerivedAddress(AddressVia.Email, legacy));
            return;
        }

        var channel = via == "sms" ? AddressVia.Sms : AddressVia.Email;
        if (format is "email" or "tel")
        {
            var ok = channel == AddressVia.Sms
                ? IdentifierNormalizer.TryNormalizePhone(text, out var normalized)
                : TryNormalizeEmailStrict(text, PassedEmailFormat(hit), out normalized);
            if (!ok)
            {
                Error(hit, "/format", $"{GoFormat.Quote(text)} can not be normalized for format {GoFormat.Quote(format)}");
                return;
            }

            _verifiable.Add(new DerivedAddress(channel, normalized));
            return;
        }

        _verifiable.Add(new DerivedAddress(channel, text.Trim()));
    }

    private void ApplyRecovery(in ExtensionHit hit, string text, string via) =>
        AddAddress(hit, text, via, ref _recovery, smsError: "is not valid \"tel\" for \"sms\"",
            unknownViaPath: "/ory.sh~1kratos/recovery/via",
            unknownViaMessage: static v => $"recovery.via has unknown value {GoFormat.Quote(v ?? string.Empty)}");

    // Code and recovery addresses: via email is strictly normalized (graceful when the trait has another format such
    // as no-validate), via sms must be a valid phone (stored as E.164), any other via is an error.
    private void AddAddress(
        in ExtensionHit hit, string text, string? via, ref DistinctList<DerivedAddress> target, string smsError, string unknownViaPath, Func<string?, string> unknownViaMessage)
    {
        var format = hit.Spec.Format;
        switch (via)
        {
            case "email" when format is null or "email":
                if (TryNormalizeEmailStrict(text, PassedEmailFormat(hit), out var email))
                {
                    target.Add(new DerivedAddress(AddressVia.Email, email));
                }
                else
                {
                    Error(hit, "/format", $"{GoFormat.Quote(text)} is not valid \"email\"");
                }

                break;
            case "email":
                target.Add(new DerivedAddress(AddressVia.Email, IdentifierNormalizer.NormalizeGraceful(text)));
                break;
            case "sms":
                if (IdentifierNormalizer.TryNormalizePhone(text, out var phone))
                {
                    target.Add(new DerivedAddress(AddressVia.Sms, phone));
                }
                else
                {
                    Error(hit, "/format", $"{GoFormat.Quote(text)} {smsError}");
                }

                break;
            default:
                Error(hit, unknownViaPath, unknownViaMessage(via)); // built only when needed
                break;
        }
    }

    // Whether the hit's value passed the email format during validation: format applies to strings only, so a number
    // under "format": "email" was never checked.
    private static bool PassedEmailFormat(in ExtensionHit hit) =>
        hit.Spec.Format == "email" && hit.Value.ValueKind == JsonValueKind.String;

    private bool TryNormalizeEmailStrict(string text, bool formatChecked, out string normalized)
    {
        if (!ReferenceEquals(text, _emailInput) && text != _emailInput)
        {
            // A trait with the email format passed it while the traits were validated (before any extension runs).
            _emailValid = IdentifierNormalizer.TryNormalizeEmailStrict(text, out _emailNormalized, valueIsValidEmail: formatChecked);
            _emailInput = text;
        }

        normalized = _emailNormalized;
        return _emailValid;
    }

    private void Error(in ExtensionHit hit, string keywordPath, string message) =>
        (_errors ??= []).Add(new SchemaValidationError("#" + hit.InstanceLocation, "#" + hit.Spec.SchemaPointer + keywordPath, message));
}
