using System.Text.Json;

namespace Ory.Identity;

/// <summary>A trait value validated by a schema node that carries an <c>ory.sh/kratos</c> block.</summary>
/// <param name="InstanceLocation">The JSON pointer of the value in <c>{"traits": …}</c>, e.g. <c>/traits/email</c>.</param>
/// <param name="Spec">The block.</param>
/// <param name="Value">The value.</param>
internal readonly record struct ExtensionHit(string InstanceLocation, KratosExtensionSpec Spec, JsonElement Value)
{
    /// <summary>The value as text when already decoded (string values), so it is decoded once.</summary>
    public string? Text { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"ExtensionHit {{ InstanceLocation = {InstanceLocation} }}";
}
