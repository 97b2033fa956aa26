using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ory.Identity.Serialization;

// The types and options of OryIdentityJsonContext (src/Ory.Identity/Serialization). The source generator runs on them
// here, in a compilation of Ory.Identity's sources without Serialization/WireTypeConverters.cs, and its output is
// checked in under src/Ory.Identity/Serialization/Generated/ (tools/regenerate-json-metadata.sh). Add a wire type here,
// then rerun the script.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(InstantJsonConverter)])]
[JsonSerializable(typeof(Identity))]
[JsonSerializable(typeof(IReadOnlyList<Identity>))]
[JsonSerializable(typeof(CreateIdentityRequest))]
[JsonSerializable(typeof(UpdateIdentityRequest))]
[JsonSerializable(typeof(IReadOnlyList<JsonPatchOperation>))]
[JsonSerializable(typeof(OryError))]
[JsonSerializable(typeof(OryErrorEnvelope))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(BatchCreateResult))]
[JsonSerializable(typeof(RecoveryLink))]
[JsonSerializable(typeof(Invitation))]
[JsonSerializable(typeof(RecoveryCode))]
[JsonSerializable(typeof(RecoveryFlow))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(NodaTime.Instant))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(SettingsFlow))]
[JsonSerializable(typeof(LoginFlow))]
[JsonSerializable(typeof(IReadOnlyList<ContinueWith>))]
[JsonSerializable(typeof(SelfServiceFlowDocument))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(IReadOnlyList<ApiKey>))]
[JsonSerializable(typeof(IssuedApiKey))]
[JsonSerializable(typeof(ApiKeyCredentialConfig))]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(IReadOnlyList<Session>))]
[JsonSerializable(typeof(IReadOnlyList<SessionAuthenticationMethod>))]
[JsonSerializable(typeof(IReadOnlyList<SessionDevice>))]
internal sealed partial class OryIdentityJsonContext;
