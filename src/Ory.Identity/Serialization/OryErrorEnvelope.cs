namespace Ory.Identity;

/// <summary>Kratos's error body: <c>{"error": {...}}</c>.</summary>
/// <param name="Error">The error object.</param>
public sealed partial record OryErrorEnvelope(OryError Error);
