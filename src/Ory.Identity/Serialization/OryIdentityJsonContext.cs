using System.Text.Json.Serialization;

namespace Ory.Identity.Serialization;

/// <summary>
/// The one source-generated System.Text.Json context for every wire type (Kratos's snake_case JSON). Its metadata is
/// generated from a compilation that does not see the wire types' <see cref="JsonConverterAttribute"/>s
/// (Serialization/WireTypeConverters.cs): the types and options are listed in
/// tools/Ory.Identity.JsonMetadata.Generator/OryIdentityJsonContext.WireTypes.cs, the generated files are checked in
/// under Serialization/Generated/ (tools/regenerate-json-metadata.sh), and a test fails when they are stale.
/// </summary>
internal sealed partial class OryIdentityJsonContext : JsonSerializerContext;
