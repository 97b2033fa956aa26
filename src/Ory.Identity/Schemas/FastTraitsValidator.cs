using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ory.Identity;

/// <summary>
/// A specialized validator for identity schemas that use only a plain subset of draft-07 (<c>type</c>,
/// <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, single-schema <c>items</c>, string, number and array
/// bounds, <c>enum</c>/<c>const</c> of scalars, <c>pattern</c>, <c>format</c>, internal non-recursive <c>$ref</c> and
/// annotation keywords). It walks the traits directly (no <c>{"traits": …}</c> wrapper) and collects the
/// <c>ory.sh/kratos</c> hits, or hands them to an <see cref="ExtensionDeriver"/> as it goes, in the order JsonSchema.Net
/// reports them.
/// </summary>
/// <remarks>
/// JsonSchema.Net stays the authority: <c>TryValidate</c> returning <c>true</c> promises that JsonSchema.Net
/// accepts the traits too (checked by a differential test); <c>false</c> only means "not sure", and the caller re-runs
/// JsonSchema.Net. Whenever a check could differ from JsonSchema.Net's (non-integer literals for <c>integer</c>,
/// numbers outside decimal range, duplicate property names, items that might be equal, …) it answers <c>false</c>.
/// Instances are immutable and thread-safe.
/// </remarks>
internal sealed partial class FastTraitsValidator
{
    /// <summary>The deepest instance location the walk follows; deeper traits are left to JsonSchema.Net.</summary>
    internal const int MaxDepth = 64;

    private const string ExtensionKeyword = "ory.sh/kratos";
    private const string TraitsLocation = "/traits";

    private readonly Node _traits;
    private readonly IReadOnlyList<KratosExtensionSpec> _extensions;

    // How many path segments a walk of this schema can write (each is cleared when the validation's scope ends).
    private readonly int _pathDepth;

    private FastTraitsValidator(Node traits, IReadOnlyList<KratosExtensionSpec> extensions)
    {
        _traits = traits;
        _extensions = extensions;
        _pathDepth = PathDepth(traits, new Dictionary<Node, int>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>
    /// Compiles the prepared main schema document (extension blocks replaced by their index, as the compiled schema
    /// sees it), or returns null when it uses anything outside the supported subset.
    /// </summary>
    public static FastTraitsValidator? TryCreate(JsonElement document, IReadOnlyList<KratosExtensionSpec> extensions)
    {
        var compiler = new Compiler(document, extensions.Count);
        var root = compiler.Compile(document, string.Empty, isDocumentRoot: true);
        if (root is null || !compiler.ReferencesAreSound || document.TryGetProperty("$ref"u8, out _) || root.AlwaysFalse || root.ExtensionIndex >= 0
            || (root.Types & JsonTypes.Object) == 0 || root.Enum is not null || root.Const is not null || root.Format is not null)
        {
            return null;
        }

        // The root validates the virtual object {"traits": …}: only "traits" may be required.
        foreach (var name in root.Required)
        {
            if (name != "traits")
            {
                return null;
            }
        }

        Node? traits = null;
        for (var i = 0; i < root.Properties.Length; i++)
        {
            if (root.Properties[i].Name == "traits")
            {
                traits = root.Properties[i].Schema;
            }
        }

        traits ??= root.AdditionalProperties ?? Node.True;
        return new FastTraitsValidator(traits, extensions);
    }

    /// <summary>
    /// Validates <paramref name="traits"/>; on success <paramref name="hits"/> holds the <c>ory.sh/kratos</c> hits
    /// (null when there are none). <c>false</c> means the traits may be invalid: ask JsonSchema.Net.
    /// </summary>
    /// <remarks><paramref name="hits"/> is the list of <paramref name="scope"/>, valid until the scope ends.</remarks>
    public bool TryValidate(JsonElement traits, ValidationScope scope, out List<ExtensionHit>? hits)
    {
        var found = scope.EmptyHits();
        var valid = new Walker(this, scope.PathStack(_pathDepth), found, deriver: null).Validate(_traits, traits, depth: 0);
        hits = valid && found.Count > 0 ? found : null;
        return valid;
    }

    /// <summary>
    /// Validates <paramref name="traits"/> and hands each <c>ory.sh/kratos</c> hit to <paramref name="deriver"/> as it
    /// is found, in the order <see cref="TryValidate(JsonElement, ValidationScope, out List{ExtensionHit}?)"/> lists
    /// them. <c>false</c> means the traits may be invalid (ask JsonSchema.Net); the deriver may then hold part of a
    /// derivation, which the caller discards.
    /// </summary>
    public bool TryValidate(JsonElement traits, ValidationScope scope, ExtensionDeriver deriver) =>
        new Walker(this, scope.PathStack(_pathDepth), hits: null, deriver).Validate(_traits, traits, depth: 0);

    // The most path segments a walk from node writes: one per level of properties, additionalProperties or items.
    private static int PathDepth(Node node, Dictionary<Node, int> known)
    {
        if (known.TryGetValue(node, out var depth))
        {
            return depth;
        }

        foreach (var property in node.Properties)
        {
            depth = Math.Max(depth, 1 + PathDepth(property.Schema, known));
        }

        if (node.AdditionalProperties is { } additional)
        {
            depth = Math.Max(depth, 1 + PathDepth(additional, known));
        }

        if (node.Items is { } items)
        {
            depth = Math.Max(depth, 1 + PathDepth(items, known));
        }

        depth = Math.Min(depth, MaxDepth);
        known[node] = depth;
        return depth;
    }

    /// <summary>The regex options JsonSchema.Net uses for <c>pattern</c>.</summary>
    internal static RegexOptions PatternOptions => RegexOptions.ECMAScript;
}
