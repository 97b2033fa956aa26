namespace Ory.Identity;

/// <summary>One page of identities as the JSON array Kratos answers (<see cref="IIdentityManager.ListJsonAsync"/>).</summary>
/// <param name="Utf8Json">The page as a UTF-8 JSON array: the bytes <see cref="OryIdentityJson.SerializeToUtf8Bytes{T}(T)"/> writes for <see cref="IdentityPage.Items"/>.</param>
/// <param name="NextPageToken">The token of the next page; null on the last page.</param>
public sealed record IdentityJsonPage(ReadOnlyMemory<byte> Utf8Json, string? NextPageToken)
{
    /// <summary>The model path: <paramref name="page"/>'s items serialized as <see cref="OryIdentityJson"/> writes them.</summary>
    internal static IdentityJsonPage Of(IdentityPage page) => new(OryIdentityJson.SerializeToUtf8Bytes(page.Items), page.NextPageToken);
}
