using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using Ory.Identity.Storage;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>Kratos's admin identity and admin recovery endpoints (Kratos's identity/handler.go, selfservice/strategy/link/strategy_recovery.go and code/strategy_recovery_admin.go; errors as herodot writes them), and our API key endpoints.</summary>
internal sealed class AdminApi(OryIdentityHttp http)
{
    public const int LegacyPaginationLimit = 1000;

    public void Map(IEndpointRouteBuilder group)
    {
        // Kratos registers every admin route under /admin and serves the legacy path without it the same way; the
        // OpenAPI document lists the /admin paths, as Kratos's api.json does.
        foreach (var prefix in new[] { "/admin", string.Empty })
        {
            var legacy = prefix.Length == 0;
            Document(group.MapGet($"{prefix}/identities", http.Handle(ListAsync)), legacy,
                "listIdentities", Answer<IReadOnlyList<Identity>>(), Error(400));
            Document(group.MapPost($"{prefix}/identities", http.Handle(CreateAsync)).AcceptsJson<CreateIdentityRequest>(), legacy,
                "createIdentity", Answer<Identity>(StatusCodes.Status201Created), Error(400), Error(409));
            Document(group.MapMethods($"{prefix}/identities", [HttpMethods.Patch], http.Handle(BatchAsync)).AcceptsJson<PatchIdentitiesBody>(), legacy,
                "batchPatchIdentities", Answer<BatchCreateResult>(), Error(400), Error(409));
            Document(group.MapGet($"{prefix}/identities/by/external/{{externalID?}}", http.Handle(GetByExternalIdAsync)), legacy,
                "getIdentityByExternalID", Answer<Identity>(), Error(400), Error(404));
            Document(group.MapGet($"{prefix}/identities/{{id}}", http.Handle(GetAsync)), legacy,
                "getIdentity", Answer<Identity>(), Error(404));
            Document(group.MapPut($"{prefix}/identities/{{id}}", http.Handle(UpdateAsync)).AcceptsJson<UpdateIdentityRequest>(), legacy,
                "updateIdentity", Answer<Identity>(), Error(400), Error(404), Error(409));
            Document(group.MapMethods($"{prefix}/identities/{{id}}", [HttpMethods.Patch], http.Handle(PatchAsync)).AcceptsJson<IReadOnlyList<JsonPatchOperation>>(), legacy,
                "patchIdentity", Answer<Identity>(), Error(400), Error(404), Error(409));
            Document(group.MapDelete($"{prefix}/identities/{{id}}", http.Handle(DeleteAsync)), legacy,
                "deleteIdentity", Empty(StatusCodes.Status204NoContent), Error(404));
            Document(group.MapDelete($"{prefix}/identities/{{id}}/credentials/{{type}}", http.Handle(DeleteCredentialsAsync)), legacy,
                "deleteIdentityCredentials", Empty(StatusCodes.Status204NoContent), Error(400), Error(404));
            Document(group.MapPost($"{prefix}/recovery/link", http.Handle(CreateRecoveryLinkAsync)).AcceptsJson<CreateRecoveryLinkForIdentityBody>(), legacy,
                "createRecoveryLinkForIdentity", Answer<RecoveryLink>(), Error(400), Error(404));
            Document(group.MapPost($"{prefix}/recovery/code", http.Handle(CreateRecoveryCodeAsync)).AcceptsJson<CreateRecoveryCodeForIdentityBody>(), legacy,
                "createRecoveryCodeForIdentity", Answer<RecoveryCode>(StatusCodes.Status201Created), Error(400), Error(404));
            new ApiKeysApi(http).Map(group, prefix);
        }

        new InvitationsApi(http).Map(group);
    }

    /// <summary>Describes an admin endpoint in the OpenAPI document, or leaves its legacy twin out of it.</summary>
    internal static void Document(IEndpointConventionBuilder endpoint, bool legacy, string operationId, params (int, Type?)[] answers)
    {
        if (legacy)
        {
            endpoint.ExcludeFromDescription();
        }
        else
        {
            endpoint.Describe(operationId, "identity", answers);
        }
    }

    private static IIdentityManager Manager(HttpContext context) => context.RequestServices.GetRequiredService<IIdentityManager>();

    /// <summary>Kratos's x.ParseUUID: an invalid UUID is the nil UUID, so lookups answer 404 rather than 400.</summary>
    internal static Guid PathId(HttpContext context) => GoUuid.ParseOrNil(context.Request.RouteValues["id"] as string);

    private static List<CredentialsType>? IncludeCredentials(IQueryCollection query)
    {
        if (!query.TryGetValue("include_credential", out var values) || values.Count == 0)
        {
            return null;
        }

        var types = new List<CredentialsType>(values.Count);
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value) || !CredentialsType.IncludableNames.Contains(value, StringComparer.Ordinal))
            {
                throw new InvalidRequestException($"Invalid value `{value}` for parameter `include_credential`.");
            }

            types.Add(new CredentialsType(value));
        }

        return types;
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var links = KratosQuery.Copy(query);

        List<Guid>? ids = null;
        if (query.TryGetValue("ids", out var idValues) && idValues.Count > 0)
        {
            ids = new List<Guid>(idValues.Count);
            foreach (var value in idValues)
            {
                if (!GoUuid.TryParse(value, out var id))
                {
                    throw new InvalidRequestException($"Invalid UUID value `{value}` for parameter `ids`.");
                }

                ids.Add(id);
            }

            if (ids.Count > IdentityListQuery.MaxIds)
            {
                throw new InvalidRequestException("The number of ids to filter must not exceed 500.");
            }
        }

        Guid? organizationId = null;
        var organization = KratosQuery.Get(query, "organization_id");
        if (organization.Length > 0)
        {
            organizationId = GoUuid.TryParse(organization, out var org)
                ? org
                : throw new InvalidRequestException($"Invalid UUID value `{organization}` for parameter `organization_id`.");
        }

        var credentialsIdentifier = KratosQuery.Get(query, "credentials_identifier");
        var baseQuery = new IdentityListQuery
        {
            Ids = ids,
            OrganizationId = organizationId,
            CredentialsIdentifier = NullIfEmpty(credentialsIdentifier),
            CredentialsIdentifierSimilar = NullIfEmpty(KratosQuery.Get(query, "preview_credentials_identifier_similar")),
            SchemaId = NullIfEmpty(KratosQuery.Get(query, "schema_id")),
            IncludeCredentials = IncludeCredentials(query),
        };

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        var keyset = query.ContainsKey("page_token") || query.ContainsKey("page_size");
        if (!keyset && query.ContainsKey("page"))
        {
            await ListLegacyPageAsync(context, baseQuery, links, path).ConfigureAwait(false);
            return;
        }

        var sizeText = FirstNonEmpty(query, "page_size");
        if (!keyset && query.ContainsKey("per_page"))
        {
            // Kratos treats per_page alone as page_size and rewrites the query the Link header is built from.
            sizeText = FirstNonEmpty(query, "per_page");
            links.Remove("per_page");
            links["page_size"] = [KratosQuery.Get(query, "per_page")];
        }

        int? pageSize = sizeText.Length > 0 ? KratosQuery.Atoi(sizeText) : null;
        var pageToken = FirstNonEmpty(query, "page_token");
        // The page as JSON: on a store that keeps Kratos JSON, the default view is written from the stored documents.
        var page = await Manager(context).ListJsonAsync(
            baseQuery with { PageSize = pageSize, PageToken = NullIfEmpty(pageToken) },
            context.RequestAborted).ConfigureAwait(false);

        var size = Math.Min(pageSize ?? IdentityListQuery.DefaultPageSize, IdentityListQuery.MaxPageSize);
        context.Response.Headers.Link = KratosQuery.KeysetLinks(path, links, size, Guid.Empty.ToString(), page.NextPageToken);
        await OryIdentityHttp.WriteRawJsonAsync(context, StatusCodes.Status200OK, page.Utf8Json).ConfigureAwait(false);
    }

    // Legacy page/per_page paging (x/pagination.go, pagepagination): 0-based pages, at most 1000 items deep,
    // X-Total-Count and first/next/prev/last links.
    private static async Task ListLegacyPageAsync(HttpContext context, IdentityListQuery baseQuery, Dictionary<string, List<string>> links, string path)
    {
        var query = context.Request.Query;
        var page = KratosQuery.TryParseLong(KratosQuery.Get(query, "page")) ?? 0;
        var perPage = KratosQuery.Get(query, "per_page") is { Length: > 0 } p ? KratosQuery.TryParseLong(p) ?? 250 : 250;
        perPage = Math.Clamp(perPage, 1, IdentityListQuery.MaxPageSize);
        page = Math.Max(page, 0);

        // page × per_page compared without overflow: page=9223372036854775807 must not wrap round to a small offset.
        if (page > LegacyPaginationLimit / perPage)
        {
            throw new InvalidRequestException(
                $"Legacy pagination is not supported for enumerating over {LegacyPaginationLimit} items. Please switch to using page_token and page_size.");
        }

        var items = new List<Identity>((int)perPage);
        var skip = page * perPage;
        await foreach (var identity in Manager(context).ListAllAsync(baseQuery with { PageSize = IdentityListQuery.MaxPageSize }, context.RequestAborted).ConfigureAwait(false))
        {
            if (skip-- > 0)
            {
                continue;
            }

            items.Add(identity);
            if (items.Count == perPage)
            {
                break;
            }
        }

        var total = baseQuery.CredentialsIdentifier is null
            ? await context.RequestServices.GetRequiredService<IIdentityStore>().CountAsync(context.RequestAborted).ConfigureAwait(false)
            : items.Count;
        WriteLegacyPaginationHeaders(context.Response, path, links, total, page, perPage);
        await OryIdentityHttp.WriteJsonAsync<IReadOnlyList<Identity>>(context, StatusCodes.Status200OK, items).ConfigureAwait(false);
    }

    /// <summary>ory/x pagepagination.PaginationHeader, quirks included.</summary>
    public static void WriteLegacyPaginationHeaders(HttpResponse response, string path, Dictionary<string, List<string>> links, long total, long page, long perPage)
    {
        string Entry(string rel, long limit, long offset)
        {
            links["per_page"] = [limit.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            links["page"] = [(offset / limit).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            return KratosQuery.LinkEntry(path, links, rel);
        }

        var offset = page * perPage;
        var lastOffset = total % perPage == 0 ? total - perPage : total / perPage * perPage;
        response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] entries;
        if (offset >= lastOffset)
        {
            if (total == 0)
            {
                entries = [Entry("first", perPage, 0), Entry("next", perPage, (offset / perPage + 1) * perPage), Entry("prev", perPage, (offset / perPage - 1) * perPage)];
            }
            else if (total < perPage)
            {
                entries = [Entry("first", total, 0)];
            }
            else
            {
                entries = [Entry("first", perPage, 0), Entry("prev", perPage, lastOffset - perPage)];
            }
        }
        else if (offset < perPage)
        {
            entries = [Entry("next", perPage, perPage), Entry("last", perPage, lastOffset)];
        }
        else
        {
            entries = [Entry("first", perPage, 0), Entry("next", perPage, (offset / perPage + 1) * perPage), Entry("prev", perPage, (offset / perPage - 1) * perPage), Entry("last", perPage, lastOffset)];
        }

        response.Headers.Link = string.Join(',', entries);
    }

    private async Task CreateAsync(HttpContext context)
    {
        OryIdentityHttp.EnsureContentType(context.Request, OryIdentityHttp.JsonContentType);
        var body = await http.ReadBodyAsync(context).ConfigureAwait(false);
        var request = OryIdentityJson.Deserialize<CreateIdentityRequest>(body);
        var identity = await Manager(context).CreateAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = $"{http.Ory.Serve.Admin.BaseUrl.TrimEnd('/')}/identities/{identity.Id}";
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status201Created, identity).ConfigureAwait(false);
    }

    private async Task BatchAsync(HttpContext context)
    {
        OryIdentityHttp.EnsureContentType(context.Request, OryIdentityHttp.JsonContentType);
        var body = await http.ReadBodyAsync(context).ConfigureAwait(false);
        var (creates, patchIds) = DecodeBatch(body);
        var result = await Manager(context).CreateManyAsync(creates, context.RequestAborted).ConfigureAwait(false);
        var items = new BatchCreateItemResult?[result.Identities.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = result.Identities[i];
            items[i] = item is null ? null : item with { PatchId = i < patchIds.Count ? patchIds[i] : item.PatchId };
        }

        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, new BatchCreateResult(items)).ConfigureAwait(false);
    }

    /// <summary>
    /// Decodes <c>{"identities":[{"create":…|null,"patch_id":uuid?}]}</c> strictly, with Kratos's limits: at most 1000
    /// items, at most 200 with a cleartext password (counted on the decoded items, before anything is hashed).
    /// </summary>
    internal static (List<CreateIdentityRequest?> Creates, List<Guid?> PatchIds) DecodeBatch(ReadOnlyMemory<byte> body)
    {
        using var document = OryIdentityHttp.ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.WithMessage($"json: cannot unmarshal {GoKind(root)} into Go value of type identity.BatchIdentitiesBody");
        }

        var entries = new List<JsonElement>();
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "identities")
            {
                throw OryIdentityHttp.UnknownField(property.Name);
            }

            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                entries.AddRange(property.Value.EnumerateArray());
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                throw InvalidRequestException.WithMessage($"json: cannot unmarshal {GoKind(property.Value)} into Go struct field BatchIdentitiesBody.identities of type []*identity.BatchIdentityPatch");
            }
        }

        if (entries.Count > IdentityBatchLimits.MaxItems)
        {
            throw new InvalidRequestException(IdentityBatchLimits.TooManyItems);
        }

        var creates = new List<CreateIdentityRequest?>(entries.Count);
        var patchIds = new List<Guid?>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.ValueKind == JsonValueKind.Null)
            {
                creates.Add(null);
                patchIds.Add(null);
                continue;
            }

            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw InvalidRequestException.WithMessage($"json: cannot unmarshal {GoKind(entry)} into Go value of type identity.BatchIdentityPatch");
            }

            CreateIdentityRequest? create = null;
            Guid? patchId = null;
            foreach (var property in entry.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "create":
                        create = property.Value.ValueKind == JsonValueKind.Null
                            ? null
                            : OryIdentityJson.Deserialize<CreateIdentityRequest>(property.Value.GetRawText());
                        break;
                    case "patch_id":
                        if (property.Value.ValueKind == JsonValueKind.String && GoUuid.TryParse(property.Value.GetString(), out var id))
                        {
                            patchId = id;
                        }
                        else if (property.Value.ValueKind != JsonValueKind.Null)
                        {
                            throw InvalidRequestException.WithMessage($"uuid: incorrect UUID format in string {GoFormat.Quote(property.Value.ToString())}");
                        }

                        break;
                    default:
                        throw OryIdentityHttp.UnknownField(property.Name);
                }
            }

            creates.Add(create);
            patchIds.Add(patchId);
        }

        // As Kratos (identity/handler.go, batchPatchIdentities) counts them: on the decoded body, so a malformed item is
        // refused as such first.
        if (creates.Count(IdentityBatchLimits.HasCleartextPassword) > IdentityBatchLimits.MaxCleartextPasswords)
        {
            throw new InvalidRequestException(IdentityBatchLimits.TooManyCleartextPasswords);
        }

        return (creates, patchIds);
    }

    private static string GoKind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };

    private async Task GetAsync(HttpContext context)
    {
        var include = IncludeCredentials(context.Request.Query);
        var identity = await Manager(context).GetAsync(PathId(context), new IdentityQueryOptions { IncludeCredentials = include }, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, identity).ConfigureAwait(false);
    }

    private async Task GetByExternalIdAsync(HttpContext context)
    {
        var externalId = context.Request.RouteValues["externalID"] as string;
        if (string.IsNullOrEmpty(externalId))
        {
            throw new InvalidRequestException("The external ID must not be empty.");
        }

        var include = IncludeCredentials(context.Request.Query);
        var identity = await Manager(context).GetByExternalIdAsync(externalId, new IdentityQueryOptions { IncludeCredentials = include }, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, identity).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context)
    {
        var body = await http.ReadJsonBodyAsync(context).ConfigureAwait(false);

        var request = OryIdentityJson.Deserialize<UpdateIdentityRequest>(body);
        var identity = await Manager(context).UpdateAsync(PathId(context), request, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, identity).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context)
    {
        OryIdentityHttp.EnsureContentType(context.Request, OryIdentityHttp.JsonContentType, "application/json-patch+json");
        var body = await http.ReadBodyAsync(context).ConfigureAwait(false);
        var operations = OryIdentityJson.Deserialize<IReadOnlyList<JsonPatchOperation>>(body);
        var identity = await Manager(context).PatchAsync(PathId(context), operations, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, identity).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context)
    {
        await Manager(context).DeleteAsync(PathId(context), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task DeleteCredentialsAsync(HttpContext context)
    {
        var type = context.Request.RouteValues["type"] as string ?? string.Empty;
        var identifier = NullIfEmpty(KratosQuery.Get(context.Request.Query, "identifier"));
        await Manager(context).DeleteCredentialsAsync(PathId(context), new CredentialsType(type), identifier, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task CreateRecoveryLinkAsync(HttpContext context)
    {
        if (!http.Ory.SelfService.Methods.Link.Enabled)
        {
            throw RecoveryDisabledException.Method();
        }

        var body = await ReadRecoveryBodyAsync(context).ConfigureAwait(false);
        Uri? returnTo = null;
        var returnToText = KratosQuery.Get(context.Request.Query, "return_to");
        if (returnToText.Length > 0 && !Uri.TryCreate(returnToText, UriKind.Absolute, out returnTo))
        {
            throw new InvalidRequestException($"Requested return_to URL \"{returnToText}\" is not allowed.");
        }

        var link = await context.RequestServices.GetRequiredService<IRecoveryLinkIssuer>()
            .CreateRecoveryLinkAsync(body.IdentityId, body.ExpiresIn, returnTo, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status200OK, link).ConfigureAwait(false);
    }

    private async Task CreateRecoveryCodeAsync(HttpContext context)
    {
        if (!http.Ory.SelfService.Methods.Code.Enabled)
        {
            throw RecoveryDisabledException.Method();
        }

        var body = await ReadRecoveryBodyAsync(context, allowNonPositive: true).ConfigureAwait(false);
        var flowType = body.FlowType switch
        {
            null or "" or "browser" => SelfServiceFlowType.Browser,
            "api" => SelfServiceFlowType.Api,
            _ => throw new InvalidRequestException($"Value from \"flow_type\" is not valid: {GoFormat.Quote(body.FlowType)}"),
        };

        var code = await context.RequestServices.GetRequiredService<IRecoveryLinkIssuer>()
            .CreateRecoveryCodeAsync(body.IdentityId, body.ExpiresIn, flowType, context.RequestAborted).ConfigureAwait(false);
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status201Created, code).ConfigureAwait(false);
    }

    private sealed record RecoveryBody(Guid IdentityId, Duration? ExpiresIn, string? FlowType);

    // createRecoveryLinkForIdentityBody / createRecoveryCodeForIdentityBody, decoded as Kratos's decoderx does (JSON
    // only, non-empty, unknown fields ignored), with the expires_in texts quoting the raw value.
    private async Task<RecoveryBody> ReadRecoveryBodyAsync(HttpContext context, bool allowNonPositive = false)
    {
        var bytes = await http.ReadJsonBodyAsync(context).ConfigureAwait(false);

        using var document = OryIdentityHttp.ParseJson(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.WithMessage($"json: cannot unmarshal {GoKind(root)} into Go value of type the request body");
        }

        var identityId = Guid.Empty;
        if (root.TryGetProperty("identity_id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String || !GoUuid.TryParse(idElement.GetString(), out identityId))
            {
                throw InvalidRequestException.WithMessage($"uuid: incorrect UUID format in string {GoFormat.Quote(idElement.ToString())}");
            }
        }

        Duration? expiresIn = null;
        if (root.TryGetProperty("expires_in", out var expiresElement) && expiresElement.ValueKind != JsonValueKind.Null)
        {
            if (expiresElement.ValueKind != JsonValueKind.String)
            {
                throw InvalidRequestException.WithMessage($"json: cannot unmarshal {GoKind(expiresElement)} into Go struct field .expires_in of type string");
            }

            var raw = expiresElement.GetString() ?? string.Empty;
            if (raw.Length > 0)
            {
                if (!GoDuration.TryParse(raw, out var parsed))
                {
                    throw OryIdentityHttp.UnparsableExpiresIn(raw);
                }

                if (parsed <= Duration.Zero && !allowNonPositive)
                {
                    throw new InvalidRequestException($"Value from \"expires_in\" must be result to a future time: {raw}");
                }

                expiresIn = parsed;
            }
        }

        string? flowType = null;
        if (root.TryGetProperty("flow_type", out var typeElement) && typeElement.ValueKind != JsonValueKind.Null)
        {
            flowType = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : typeElement.GetRawText();
        }

        return new RecoveryBody(identityId, expiresIn, flowType);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string FirstNonEmpty(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) ? values.FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? string.Empty : string.Empty;
}
