namespace Ory.Identity;

/// <summary>The outcome of fully parsing a stored or imported hash.</summary>
internal enum HashCheck
{
    /// <summary>Well-formed and within Ory's cost bounds.</summary>
    Valid,

    /// <summary>The layout, a parameter or an encoding is wrong ("could not be parsed").</summary>
    Malformed,

    /// <summary>Well-formed, but a cost parameter exceeds Ory's bounds.</summary>
    OutOfBounds,
}
