using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Ory.Identity.AspNetCore.Internal.OpenApi;
using static Ory.Identity.AspNetCore.Internal.OpenApi.KratosOperation;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// <c>POST /admin/invitations</c> (our extension; Kratos has no server-sent invites, ory/kratos#595): issues a recovery
/// link and sends it in an invite message through <see cref="IInvitationSender"/>; 201 with the <see cref="Invitation"/>.
/// Kratos's own endpoints are unchanged.
/// </summary>
internal sealed class InvitationsApi(OryIdentityHttp http)
{
    public void Map(IEndpointRouteBuilder group) =>
        group.MapPost("/admin/invitations", http.Handle(SendAsync)).AcceptsJson<JsonElement>()
            .Describe("createInvitation", "identity", Answer<Invitation>(StatusCodes.Status201Created), Error(400), Error(404));

    private async Task SendAsync(HttpContext context)
    {
        var bytes = await http.ReadJsonBodyAsync(context).ConfigureAwait(false);

        var (identityId, expiresIn, returnTo) = DecodeBody(bytes);
        var invitation = await context.RequestServices.GetRequiredService<IInvitationSender>()
            .SendInvitationAsync(identityId, expiresIn, returnTo, context.RequestAborted).ConfigureAwait(false);

        // The link is a secret and is in this response only: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        await OryIdentityHttp.WriteJsonAsync(context, StatusCodes.Status201Created, invitation).ConfigureAwait(false);
    }

    /// <summary>
    /// Decodes <c>{"identity_id": uuid, "expires_in": Go duration?, "return_to": absolute URL?}</c> strictly (unknown
    /// fields refused, as the other extension endpoints do).
    /// </summary>
    internal static (Guid IdentityId, Duration? ExpiresIn, Uri? ReturnTo) DecodeBody(ReadOnlyMemory<byte> body)
    {
        using var document = OryIdentityHttp.ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidRequestException.WithMessage("json: cannot unmarshal a non-object into the invitation request body");
        }

        Guid? identityId = null;
        Duration? expiresIn = null;
        Uri? returnTo = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "identity_id":
                    identityId = value.ValueKind == JsonValueKind.String && GoUuid.TryParse(value.GetString(), out var id)
                        ? id
                        : throw new InvalidRequestException("\"identity_id\" must be a UUID string.");
                    break;

                case "expires_in" or "return_to" when value.ValueKind == JsonValueKind.Null:
                    break;

                case "expires_in":
                    var raw = value.ValueKind == JsonValueKind.String
                        ? value.GetString() ?? string.Empty
                        : throw new InvalidRequestException("\"expires_in\" must be a duration string such as \"12h\".");
                    expiresIn = raw.Length == 0 ? null : GoDuration.TryParse(raw, out var parsed) ? parsed : throw OryIdentityHttp.UnparsableExpiresIn(raw);
                    break;

                case "return_to":
                    var text = value.ValueKind == JsonValueKind.String
                        ? value.GetString() ?? string.Empty
                        : throw new InvalidRequestException("\"return_to\" must be a URL string.");
                    returnTo = text.Length == 0 ? null : Uri.TryCreate(text, UriKind.Absolute, out var url)
                        ? url
                        : throw new InvalidRequestException($"Requested return_to URL \"{text}\" is not allowed.");
                    break;

                default:
                    throw OryIdentityHttp.UnknownField(property.Name);
            }
        }

        return (identityId ?? throw new InvalidRequestException("\"identity_id\" is required."), expiresIn, returnTo);
    }
}
