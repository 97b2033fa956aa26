using System.Text.Json.Serialization;

// The create request and its import parts are decoded strictly: an unknown member is refused, as Kratos refuses it
// (identity/handler.go: `json: unknown field "schema_url"`). The attribute lives here, compiled
// only into this generator, so that OryIdentityJsonContext's generated metadata sets UnmappedMemberHandling to Disallow
// for them. It cannot sit on the types in Ory.Identity: System.Text.Json refuses it on a type whose converter is custom,
// and Serialization/WireTypeConverters.cs names OryIdentityJsonConverter<T> for each of them.
namespace Ory.Identity;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record CreateIdentityRequest;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record IdentityCredentialsImport;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record CredentialsImportPart;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record VerifiableAddressImport;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record RecoveryAddressImport;
