using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ory.Identity;

/// <summary>
/// The default <see cref="IBreachedPasswordChecker"/>: asks the k-anonymity range API at
/// <c>https://&lt;haveibeenpwned_host&gt;/range/&lt;first five hex digits of the SHA-1&gt;</c>, as Kratos does
/// (selfservice/strategy/password/validator.go), so only those five digits leave the process. Every answered line is
/// cached for an hour, and so is the password's own count (0 when absent), so a second check of the same password or
/// a neighbour asks nothing.
/// </summary>
internal sealed class PwnedPasswordsRangeClient(
    IHttpClientFactory httpClients,
    IOptions<OryIdentityOptions> options,
    BreachCountCache cache) : IBreachedPasswordChecker
{
    /// <summary>The name of the <see cref="HttpClient"/> it uses; configure it with <c>AddHttpClient(HttpClientName)</c>.</summary>
    public const string HttpClientName = "Ory.Identity.BreachedPasswords";

    /// <summary>How long one range request may take in all (Kratos allows one second to connect).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long connecting may take, as in Kratos.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The largest answer read; real answers are about 40 KB.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private const int PrefixLength = 5;

    private readonly string _host = options.Value.SelfService.Methods.Password.Config.HaveIBeenPwnedHost;

    public async ValueTask<long> CountBreachesAsync(string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5350 // The range API's k-anonymity scheme is defined over SHA-1; nothing is stored or trusted on it.
        var hash = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var prefix = hash[..PrefixLength];
        var body = await FetchRangeAsync(prefix, cancellationToken).ConfigureAwait(false);
        // Parsed whole before anything is cached: a bad line rejects the answer, and no line of it may be remembered.
        var lines = PwnedPasswordsRange.Parse(body).ToList();
        var breaches = 0L;
        foreach (var (suffix, count) in lines)
        {
            var key = prefix + suffix;
            cache.Set(key, count);
            if (key == hash)
            {
                breaches = count;
            }
        }

        cache.Set(hash, breaches);
        return breaches;
    }

    private async Task<string> FetchRangeAsync(string prefix, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var uri = new Uri($"https://{_host}/range/{prefix}", UriKind.Absolute);
        try
        {
            using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BreachedPasswordCheckException(
                    $"The breached-password range API answered status {(int)response.StatusCode} instead of 200.");
            }

            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new BreachedPasswordCheckException("The breached-password range API could not be reached.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BreachedPasswordCheckException("The breached-password range API did not answer in time.", e);
        }
    }
}
