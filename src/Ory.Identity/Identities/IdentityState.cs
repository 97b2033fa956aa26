using System.Text.Json.Serialization;
using Ory.Identity.Serialization;

namespace Ory.Identity;

/// <summary>
/// The state of an identity: <see cref="Active"/> or <see cref="Inactive"/> (Kratos's <c>state</c> field).
/// Any string round-trips through JSON so that a bad value can be reported with Kratos's error text.
/// </summary>
[JsonConverter(typeof(IdentityStateJsonConverter))]
public readonly record struct IdentityState
{
    /// <summary>The identity may sign in and recover its account.</summary>
    public static readonly IdentityState Active = new("active");

    /// <summary>The identity is disabled: sign-in, recovery and API keys are refused.</summary>
    public static readonly IdentityState Inactive = new("inactive");

    /// <summary>Creates a state from its wire value; use <see cref="IsValid"/> to check it.</summary>
    /// <param name="value">The wire value, e.g. <c>"active"</c>.</param>
    public IdentityState(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    private readonly string? _value;

    /// <summary>The wire value; <c>default(IdentityState)</c> is <c>active</c>, Kratos's default.</summary>
    public string Value => _value ?? "active";

    /// <summary>Whether the value is one Kratos accepts (<c>active</c> or <c>inactive</c>).</summary>
    public bool IsValid => Value is "active" or "inactive";

    /// <summary>Compares wire values, so <c>default(IdentityState)</c> equals <see cref="Active"/>.</summary>
    /// <param name="other">The other state.</param>
    public bool Equals(IdentityState other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
