namespace Ory.Identity;

/// <summary>
/// A 400: the traits (or the extension's derived values) failed the identity schema. <see cref="OryError.Reason"/>
/// holds Kratos's validator text; <see cref="Errors"/> lists each violation. The exception message names only the
/// pointers, never the values.
/// </summary>
public sealed class IdentityValidationException : InvalidRequestException
{
    /// <summary>Creates the exception from the violations found.</summary>
    /// <param name="errors">At least one violation.</param>
    public IdentityValidationException(IReadOnlyList<SchemaValidationError> errors)
        : base(BuildError(errors), BuildSafeMessage(errors))
    {
        Errors = errors;
    }

    /// <summary>Each violation.</summary>
    public IReadOnlyList<SchemaValidationError> Errors { get; }

    private static OryError BuildError(IReadOnlyList<SchemaValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is required.", nameof(errors));
        }

        // Kratos: one cause is printed on its own; several are listed under "validation failed".
        var reason = errors.Count == 1
            ? errors[0].ToKratosText()
            : "I[#] S[#] validation failed\n" + string.Join("\n", errors.Select(e => "  " + e.ToKratosText()));
        return CreateError(400, OryErrorTexts.BadRequest, reason);
    }

    private static string BuildSafeMessage(IReadOnlyList<SchemaValidationError> errors) =>
        "The identity failed schema validation at " + string.Join(", ", errors.Select(e => e.ToString())) + ".";
}
