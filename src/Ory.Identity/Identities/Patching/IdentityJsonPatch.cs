using System.Text.Json.Nodes;

namespace Ory.Identity;

// Placeholder replaced by the patch engine branch.
internal static class IdentityJsonPatch
{
    public static JsonNode? Apply(JsonNode? document, IReadOnlyList<JsonPatchOperation> operations) => throw new NotImplementedException();
}
