using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="IPasswordPolicy"/>, Kratos's password validator (selfservice/strategy/password/validator.go)
/// configured by <c>selfservice.methods.password.config</c>. Per identifier, stopping at the first failure: the minimum
/// length in UTF-8 bytes (4000032); at most 72 bytes when bcrypt hashes new passwords (4000033); similarity to the
/// identifier (4000031); the breached-password count (4000034). Wrap it to add rules of your own.
/// </summary>
public sealed class PasswordPolicy : IPasswordPolicy
{
    private readonly PasswordMethodConfig _config;
    private readonly bool _bcrypt;
    private readonly IBreachedPasswordChecker _breachedPasswords;
    private readonly ILogger _logger;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">Ory.Identity's options: the password method's config and the hasher.</param>
    /// <param name="breachedPasswords">Counts breaches when <c>haveibeenpwned_enabled</c> is on.</param>
    /// <param name="logger">Receives a warning when a breached-password check failure is ignored.</param>
    public PasswordPolicy(IOptions<OryIdentityOptions> options, IBreachedPasswordChecker breachedPasswords, ILogger<PasswordPolicy>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _config = options.Value.SelfService.Methods.Password.Config;
        _bcrypt = options.Value.Hashers.Algorithm == HashersOptions.BcryptAlgorithm;
        _breachedPasswords = breachedPasswords ?? throw new ArgumentNullException(nameof(breachedPasswords));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <exception cref="BreachedPasswordCheckException">
    /// The breached-password check failed and <c>ignore_network_errors</c> is off, or the range API answered nonsense.
    /// </exception>
    public async ValueTask<UiText?> ValidateAsync(string password, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(identifiers);
        var length = Encoding.UTF8.GetByteCount(password);
        if (length < _config.MinPasswordLength)
        {
            return PasswordPolicyTexts.TooShort(_config.MinPasswordLength, length);
        }

        if (_bcrypt && length > BcryptHash.MaxPasswordBytes)
        {
            return PasswordPolicyTexts.TooLong(BcryptHash.MaxPasswordBytes, length);
        }

        // Kratos validates once per identifier; the breach count is the same for each, so it is asked once.
        long? breaches = null;
        foreach (var identifier in identifiers.Count == 0 ? [string.Empty] : identifiers)
        {
            if (_config.IdentifierSimilarityCheckEnabled && IdentifierSimilarity.IsTooSimilar(identifier ?? string.Empty, password))
            {
                return PasswordPolicyTexts.TooSimilar;
            }

            if (_config.HaveIBeenPwnedEnabled)
            {
                breaches ??= await CountBreachesAsync(password, cancellationToken).ConfigureAwait(false);
                if (breaches > _config.MaxBreaches)
                {
                    return PasswordPolicyTexts.TooManyBreaches(breaches.Value);
                }
            }
        }

        return null;
    }

    private async ValueTask<long> CountBreachesAsync(string password, CancellationToken cancellationToken)
    {
        try
        {
            return await _breachedPasswords.CountBreachesAsync(password, cancellationToken).ConfigureAwait(false);
        }
        catch (BreachedPasswordCheckException e) when (e.IsNetworkError && _config.IgnoreNetworkErrors)
        {
            Log.BreachedPasswordCheckSkipped(_logger, e.Message, e.InnerException?.GetType().Name ?? e.GetType().Name);
            return 0;
        }
    }
}
