using System.Text.Json.Serialization;

namespace Ory.Identity;

/// <summary>The outcome of one batch item (Kratos's <c>identityPatchResponse</c>).</summary>
public sealed partial record BatchCreateItemResult
{
    /// <summary><c>create</c> when the identity was created, <c>error</c> when it was refused.</summary>
    public required string Action { get; init; }

    /// <summary>The created identity's id; null for errors.</summary>
    public Guid? Identity { get; init; }

    /// <summary>The caller's correlation id of the item, echoed back.</summary>
    public Guid? PatchId { get; init; }

    /// <summary>Why the item was refused (Kratos's error object); null when created.</summary>
    public OryError? Error { get; init; }

    /// <summary>Whether the item was created.</summary>
    [JsonIgnore]
    public bool Succeeded => Action == CreateAction;

    /// <summary>The action of a created item.</summary>
    public const string CreateAction = "create";

    /// <summary>The action of a refused item.</summary>
    public const string ErrorAction = "error";
}
