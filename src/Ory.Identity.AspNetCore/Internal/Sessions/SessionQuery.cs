using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>The query parameters and path ids of the session endpoints, parsed as Kratos parses them (session/handler.go).</summary>
internal static class SessionQuery
{
    /// <summary><c>?active=</c> as Go's <c>strconv.ParseBool</c>; null when absent or empty.</summary>
    /// <exception cref="InvalidRequestException">Not a Go boolean: message "could not parse parameter active".</exception>
    public static bool? Active(IQueryCollection query) => KratosQuery.Get(query, "active") switch
    {
        "" => null,
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw InvalidRequestException.WithMessage("could not parse parameter active"),
    };

    /// <summary><c>?expand=identity</c> and/or <c>?expand=devices</c> (repeatable).</summary>
    /// <exception cref="InvalidRequestException">Another value: reason "Could not parse expand option: …".</exception>
    public static SessionExpand Expand(IQueryCollection query)
    {
        var expand = SessionExpand.None;
        foreach (var value in query["expand"])
        {
            expand |= value switch
            {
                "identity" => SessionExpand.Identity,
                "devices" => SessionExpand.Devices,
                _ => throw new InvalidRequestException($"Could not parse expand option: {value}"),
            };
        }

        return expand;
    }

    /// <summary>The <c>{id}</c> route value as a UUID.</summary>
    /// <exception cref="InvalidRequestException">Not a UUID: the message of Go's UUID parser.</exception>
    public static Guid Id(HttpContext context, string name = "id")
    {
        var text = context.Request.RouteValues[name] as string ?? string.Empty;
        if (GoUuid.TryParse(text, out var id))
        {
            return id;
        }

        var message = text.Length is 32 or 36 or 38 or 41
            ? $"uuid: incorrect UUID format in string \"{text}\""
            : $"uuid: incorrect UUID length {text.Length} in string \"{text}\"";
        throw InvalidRequestException.WithMessage(message);
    }
}
