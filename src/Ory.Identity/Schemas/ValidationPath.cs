namespace Ory.Identity;

/// <summary>Which of the two traits validations runs.</summary>
internal enum ValidationPath
{
    /// <summary>
    /// The fast path (<see cref="FastTraitsValidator"/>) when the schema has one; wherever it is not sure it falls back to
    /// the authoritative path, which then gives the verdict and the error texts. What the library runs.
    /// </summary>
    FastThenAuthoritative,

    /// <summary>JsonSchema.Net alone: the authority the fast path is compared against (differential tests, benchmarks).</summary>
    AuthoritativeOnly,
}
