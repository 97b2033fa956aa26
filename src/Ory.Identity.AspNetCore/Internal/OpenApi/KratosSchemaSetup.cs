using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;

namespace Ory.Identity.AspNetCore.Internal.OpenApi;

/// <summary>Adds <see cref="KratosSchemaTransformer"/> to every OpenAPI document the host adds (<c>AddOpenApi()</c>).</summary>
internal sealed class KratosSchemaSetup : IConfigureNamedOptions<OpenApiOptions>
{
    public void Configure(string? name, OpenApiOptions options) => options.AddSchemaTransformer(new KratosSchemaTransformer());

    public void Configure(OpenApiOptions options) => Configure(Options.DefaultName, options);
}
