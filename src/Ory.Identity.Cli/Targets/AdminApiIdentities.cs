using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// Reads and deletes identities through a Kratos-compatible admin API: <c>GET /admin/identities</c> page by page
/// (keyset paging: the next page's <c>page_token</c> from the <c>Link</c> header's <c>rel="next"</c>),
/// <c>GET</c> and <c>DELETE /admin/identities/{id}</c>. Identities come back as the server wrote them.
/// </summary>
internal sealed class AdminApiIdentities(AdminApiClient client) : IIdentityCatalog
{
    /// <summary>The page size asked for: the largest Kratos allows on every version we follow.</summary>
    public const int PageSize = IdentityListQuery.MaxPageSize;

    public async IAsyncEnumerable<byte[]> ListAsync(bool withCredentials, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var include = withCredentials ? string.Concat(CredentialsType.IncludableNames.Select(t => "&include_credential=" + t)) : string.Empty;
        string? token = null;
        do
        {
            var path = $"admin/identities?page_size={PageSize}{include}" + (token is null ? string.Empty : "&page_token=" + Uri.EscapeDataString(token));
            using var response = await client.SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var body = await ReadOkAsync(response, "GET /admin/identities", cancellationToken).ConfigureAwait(false);
            using (var page = JsonDocument.Parse(body))
            {
                foreach (var identity in page.RootElement.EnumerateArray())
                {
                    yield return System.Text.Encoding.UTF8.GetBytes(identity.GetRawText());
                }
            }

            token = NextPageToken(response);
        }
        while (token is not null);
    }

    public async Task<byte[]?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Get, $"admin/identities/{id:D}", null, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await ReadOkAsync(response, "GET /admin/identities/{id}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(HttpMethod.Delete, $"admin/identities/{id:D}", null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await ReadOkAsync(response, "DELETE /admin/identities/{id}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The <c>page_token</c> of the <c>Link</c> header's <c>rel="next"</c> entry; null on the last page.</summary>
    internal static string? NextPageToken(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var entry in values.SelectMany(v => v.Split(',')))
        {
            var open = entry.IndexOf('<', StringComparison.Ordinal);
            var close = entry.IndexOf('>', StringComparison.Ordinal);
            if (open < 0 || close < open || !entry[(close + 1)..].Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                continue;
            }

            var target = entry[(open + 1)..close];
            var query = target.IndexOf('?', StringComparison.Ordinal);
            foreach (var pair in query < 0 ? [] : target[(query + 1)..].Split('&'))
            {
                if (pair.StartsWith("page_token=", StringComparison.Ordinal))
                {
                    return Uri.UnescapeDataString(pair["page_token=".Length..].Replace('+', ' '));
                }
            }
        }

        return null;
    }

    private static async Task<byte[]> ReadOkAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = AdminApiClient.ReadError(body, response.StatusCode);
            throw new TargetUnavailableException($"{operation} answered {(int)response.StatusCode}: {error.Message}");
        }

        return body;
    }
}
