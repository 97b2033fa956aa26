using System.Text.Json.Serialization;

// Each public wire type names its converter, so that any System.Text.Json serialization of it writes and reads Kratos's
// JSON: bare JsonSerializer.Serialize(identity) without options, JsonSerializerOptions.Web, a host's own
// source-generated context that lists the type. The converter writes OryIdentityJson's bytes, from the metadata of
// OryIdentityJsonContext, which is generated from a compilation WITHOUT this file (tools/Ory.Identity.JsonMetadata.Generator,
// checked in under Serialization/Generated/): with these attributes in view, the source generator would emit only the
// converter for each type and the converter would have no object metadata to write with. Keep this list equal to
// OryIdentityJsonConverterFactory's. The create request and its import parts refuse unknown members: their
// [JsonUnmappedMemberHandling(Disallow)] is in the generator's UnmappedMemberHandling.cs, for System.Text.Json refuses
// that attribute beside a custom converter.
namespace Ory.Identity;

[JsonConverter(typeof(OryIdentityJsonConverter<Identity>))]
public sealed partial record Identity;

[JsonConverter(typeof(OryIdentityJsonConverter<VerifiableAddress>))]
public sealed partial record VerifiableAddress;

[JsonConverter(typeof(OryIdentityJsonConverter<RecoveryAddress>))]
public sealed partial record RecoveryAddress;

[JsonConverter(typeof(OryIdentityJsonConverter<IdentityCredentials>))]
public sealed partial record IdentityCredentials;

[JsonConverter(typeof(OryIdentityJsonConverter<UpdateIdentityRequest>))]
public sealed partial record UpdateIdentityRequest;

[JsonConverter(typeof(OryIdentityJsonConverter<JsonPatchOperation>))]
public sealed partial record JsonPatchOperation;

[JsonConverter(typeof(OryIdentityJsonConverter<BatchCreateResult>))]
public sealed partial record BatchCreateResult;

[JsonConverter(typeof(OryIdentityJsonConverter<BatchCreateItemResult>))]
public sealed partial record BatchCreateItemResult;

[JsonConverter(typeof(OryIdentityJsonConverter<OryError>))]
public sealed partial record OryError;

[JsonConverter(typeof(OryIdentityJsonConverter<OryErrorEnvelope>))]
public sealed partial record OryErrorEnvelope;

[JsonConverter(typeof(OryIdentityJsonConverter<RecoveryLink>))]
public sealed partial record RecoveryLink;

[JsonConverter(typeof(OryIdentityJsonConverter<RecoveryCode>))]
public sealed partial record RecoveryCode;

[JsonConverter(typeof(OryIdentityJsonConverter<Invitation>))]
public sealed partial record Invitation;

[JsonConverter(typeof(OryIdentityJsonConverter<RecoveryFlow>))]
public sealed partial record RecoveryFlow;

[JsonConverter(typeof(OryIdentityJsonConverter<SettingsFlow>))]
public sealed partial record SettingsFlow;

[JsonConverter(typeof(OryIdentityJsonConverter<LoginFlow>))]
public sealed partial record LoginFlow;

[JsonConverter(typeof(OryIdentityJsonConverter<ContinueWith>))]
public sealed partial record ContinueWith;

[JsonConverter(typeof(OryIdentityJsonConverter<ContinueWithFlow>))]
public sealed partial record ContinueWithFlow;

[JsonConverter(typeof(OryIdentityJsonConverter<UiContainer>))]
public sealed partial record UiContainer;

[JsonConverter(typeof(OryIdentityJsonConverter<UiNode>))]
public sealed partial record UiNode;

[JsonConverter(typeof(OryIdentityJsonConverter<UiNodeInputAttributes>))]
public sealed partial record UiNodeInputAttributes;

[JsonConverter(typeof(OryIdentityJsonConverter<UiNodeMeta>))]
public sealed partial record UiNodeMeta;

[JsonConverter(typeof(OryIdentityJsonConverter<UiText>))]
public sealed partial record UiText;

[JsonConverter(typeof(OryIdentityJsonConverter<ApiKey>))]
public sealed partial record ApiKey;

[JsonConverter(typeof(OryIdentityJsonConverter<IssuedApiKey>))]
public sealed partial record IssuedApiKey;

[JsonConverter(typeof(OryIdentityJsonConverter<Session>))]
public sealed partial record Session;

[JsonConverter(typeof(OryIdentityJsonConverter<SessionAuthenticationMethod>))]
public sealed partial record SessionAuthenticationMethod;

[JsonConverter(typeof(OryIdentityJsonConverter<SessionDevice>))]
public sealed partial record SessionDevice;

[JsonConverter(typeof(OryIdentityJsonConverter<CreateIdentityRequest>))]
public sealed partial record CreateIdentityRequest;

[JsonConverter(typeof(OryIdentityJsonConverter<IdentityCredentialsImport>))]
public sealed partial record IdentityCredentialsImport;

[JsonConverter(typeof(OryIdentityJsonConverter<CredentialsImportPart>))]
public sealed partial record CredentialsImportPart;

[JsonConverter(typeof(OryIdentityJsonConverter<VerifiableAddressImport>))]
public sealed partial record VerifiableAddressImport;

[JsonConverter(typeof(OryIdentityJsonConverter<RecoveryAddressImport>))]
public sealed partial record RecoveryAddressImport;
