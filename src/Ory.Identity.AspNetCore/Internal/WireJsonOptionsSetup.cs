using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// Adds <see cref="OryIdentityJson.Converter"/> to ASP.NET Core's JSON options (minimal APIs: <c>Results.Ok</c>,
/// <c>TypedResults.Json</c>) and MVC's (<c>Ok(…)</c>), so the host's own endpoints answer Kratos's JSON for the model.
/// </summary>
internal sealed class WireJsonOptionsSetup
    : IConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>, IConfigureOptions<Microsoft.AspNetCore.Mvc.JsonOptions>
{
    public void Configure(Microsoft.AspNetCore.Http.Json.JsonOptions options) =>
        options.SerializerOptions.Converters.Add(OryIdentityJson.Converter);

    public void Configure(Microsoft.AspNetCore.Mvc.JsonOptions options) =>
        options.JsonSerializerOptions.Converters.Add(OryIdentityJson.Converter);
}
