using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>
/// OpenAPI metadata of one endpoint, read by ApiExplorer and <c>Microsoft.AspNetCore.OpenApi</c>: its operation id
/// (Kratos's api.json operationId where Kratos has the route), tag, request body and answers. Errors are Kratos's
/// <see cref="OryErrorEnvelope"/>. Metadata only: nothing here is evaluated per request.
/// </summary>
internal static class KratosOperation
{
    private static readonly string[] Json = [OryIdentityHttp.JsonContentType];

    // ApiExplorer describes only endpoints with a MethodInfo; the handlers are RequestDelegates built by OryIdentityHttp,
    // so each described endpoint carries this one, whose only parameter (HttpContext) it leaves out.
    private static readonly System.Reflection.MethodInfo Handler = ((Func<HttpContext, Task>)DescribedHandler).Method;

    /// <summary>Names and tags the endpoint and lists its answers: (status, body type or null for an empty body).</summary>
    public static IEndpointConventionBuilder Describe(this IEndpointConventionBuilder endpoint, string operationId, string tag, params (int Status, Type? Body)[] answers)
    {
        endpoint.WithName(operationId).WithTags(tag).WithMetadata(Handler);
        foreach (var (status, body) in answers)
        {
            endpoint.WithMetadata(body is null
                ? new ProducesResponseTypeMetadata(status, typeof(void))
                : new ProducesResponseTypeMetadata(status, body, Json));
        }

        return endpoint;
    }

    /// <summary>The endpoint reads a JSON body of <typeparamref name="TBody"/>.</summary>
    public static IEndpointConventionBuilder AcceptsJson<TBody>(this IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new DocumentedBody(typeof(TBody)));

    /// <summary>A self-service submission: a JSON object or a form, query values merged in.</summary>
    public static IEndpointConventionBuilder AcceptsSubmission(this IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new DocumentedBody(typeof(JsonElement)));

    private static Task DescribedHandler(HttpContext context) => Task.CompletedTask;

    /// <summary>A Kratos error answer.</summary>
    public static (int, Type?) Error(int status) => (status, typeof(OryErrorEnvelope));

    /// <summary>A success answer with <typeparamref name="TBody"/>.</summary>
    public static (int, Type?) Answer<TBody>(int status = StatusCodes.Status200OK) => (status, typeof(TBody));

    /// <summary>A success answer with an empty body (204, or a redirect).</summary>
    public static (int, Type?) Empty(int status) => (status, null);

    /// <summary>
    /// The request body's type for the document, with no content types: routing's content-type check (which answers
    /// 415) applies only to endpoints naming content types, and the endpoints answer a wrong one with Kratos's 400.
    /// </summary>
    private sealed class DocumentedBody(Type requestType) : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes => [];

        public Type? RequestType => requestType;

        public bool IsOptional => false;
    }
}
