using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ory.Identity.Serialization;

/// <summary>
/// <see cref="OryIdentityJson.Converter"/>: one <see cref="OryIdentityJsonConverter{T}"/> per public wire type, listed
/// here (no reflection, so trimming and AOT safe). <see cref="OryIdentityJson.Options"/> never holds it, so the
/// converters' own serialization cannot come back to them. The create request and its import parts refuse unknown
/// members through the generated metadata (their <see cref="JsonUnmappedMemberHandlingAttribute"/> is compiled only
/// into tools/Ory.Identity.JsonMetadata.Generator), so their converters refuse them too.
/// </summary>
internal sealed class OryIdentityJsonConverterFactory : JsonConverterFactory
{
    private static readonly FrozenDictionary<Type, JsonConverter> Converters = new JsonConverter[]
    {
        new OryIdentityJsonConverter<Identity>(),
        new OryIdentityJsonConverter<VerifiableAddress>(),
        new OryIdentityJsonConverter<RecoveryAddress>(),
        new OryIdentityJsonConverter<IdentityCredentials>(),
        new OryIdentityJsonConverter<UpdateIdentityRequest>(),
        new OryIdentityJsonConverter<JsonPatchOperation>(),
        new OryIdentityJsonConverter<BatchCreateResult>(),
        new OryIdentityJsonConverter<BatchCreateItemResult>(),
        new OryIdentityJsonConverter<OryError>(),
        new OryIdentityJsonConverter<OryErrorEnvelope>(),
        new OryIdentityJsonConverter<RecoveryLink>(),
        new OryIdentityJsonConverter<RecoveryCode>(),
        new OryIdentityJsonConverter<Invitation>(),
        new OryIdentityJsonConverter<RecoveryFlow>(),
        new OryIdentityJsonConverter<SettingsFlow>(),
        new OryIdentityJsonConverter<LoginFlow>(),
        new OryIdentityJsonConverter<ContinueWith>(),
        new OryIdentityJsonConverter<ContinueWithFlow>(),
        new OryIdentityJsonConverter<UiContainer>(),
        new OryIdentityJsonConverter<UiNode>(),
        new OryIdentityJsonConverter<UiNodeInputAttributes>(),
        new OryIdentityJsonConverter<UiNodeMeta>(),
        new OryIdentityJsonConverter<UiText>(),
        new OryIdentityJsonConverter<ApiKey>(),
        new OryIdentityJsonConverter<IssuedApiKey>(),
        new OryIdentityJsonConverter<Session>(),
        new OryIdentityJsonConverter<SessionAuthenticationMethod>(),
        new OryIdentityJsonConverter<SessionDevice>(),
        new OryIdentityJsonConverter<CreateIdentityRequest>(),
        new OryIdentityJsonConverter<IdentityCredentialsImport>(),
        new OryIdentityJsonConverter<CredentialsImportPart>(),
        new OryIdentityJsonConverter<VerifiableAddressImport>(),
        new OryIdentityJsonConverter<RecoveryAddressImport>(),
    }.ToFrozenDictionary(c => c.Type!);

    /// <summary>The public wire types it converts.</summary>
    public static IEnumerable<Type> Types => Converters.Keys;

    public override bool CanConvert(Type typeToConvert) => Converters.ContainsKey(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.GetValueOrDefault(typeToConvert);
}
