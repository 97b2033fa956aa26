namespace Ory.Identity;

/// <summary>
/// Kratos's error texts for <c>PATCH /admin/identities/{id}</c> (Kratos's identity/handler.go, patchIdentity). Messages name operations and paths,
/// never values: a patch value may hold traits or secrets.
/// </summary>
internal static class JsonPatchErrors
{
    /// <summary>The reason of every error raised while checking or applying a decoded patch.</summary>
    public const string ApplyFailedReason = "failed to apply JSON patch";

    /// <summary>The reason of every error raised while decoding the request body.</summary>
    public const string UnmarshalFailedReason = "failed to unmarshal JSON patch";

    /// <summary>Go's <c>encoding/json</c> text for an empty or truncated body.</summary>
    public const string UnexpectedEndOfInput = "unexpected end of JSON input";

    /// <summary>A string member holding invalid UTF-8 or an unpaired surrogate escape (Go would read U+FFFD instead).</summary>
    public const string InvalidUnicode = "invalid UTF-8 or unpaired surrogate in a string";

    /// <summary>An operation other than add, remove or replace. Kratos leaves the reason empty.</summary>
    public static InvalidRequestException UnsupportedOperation(string op) =>
        InvalidRequestException.WithMessage($"unsupported operation: {op}");

    /// <summary>A path (or from) that matches Kratos's deny-list.</summary>
    public static InvalidRequestException DeniedPath(string path) =>
        InvalidRequestException.WithMessage($"patch includes denied path: {path}", ApplyFailedReason);

    /// <summary>An operation without a string <c>path</c>.</summary>
    public static InvalidRequestException MissingPath() =>
        InvalidRequestException.WithMessage(
            "error parsing patch operations: operation missing path field: missing value", ApplyFailedReason);

    /// <summary>An add or replace without a <c>value</c>.</summary>
    public static InvalidRequestException MissingValue(string op, string path) =>
        InvalidRequestException.WithMessage($"{op} operation missing value: \"{path}\"", ApplyFailedReason);

    /// <summary>A path that is not an RFC 6901 JSON Pointer.</summary>
    public static InvalidRequestException InvalidPointer(string path, string problem) =>
        InvalidRequestException.WithMessage($"invalid JSON pointer \"{path}\": {problem}", ApplyFailedReason);

    /// <summary>An operation whose target (or one of its parents) does not exist or cannot hold it.</summary>
    public static InvalidRequestException MissingTarget(string op, string path) =>
        InvalidRequestException.WithMessage(
            $"{op} operation does not apply: doc is missing path: \"{path}\"", ApplyFailedReason);

    /// <summary>An array index that is not a valid index of its array.</summary>
    public static InvalidRequestException InvalidIndex(string op, string path) =>
        InvalidRequestException.WithMessage(
            $"{op} operation does not apply: invalid array index in path: \"{path}\"", ApplyFailedReason);

    /// <summary>A body that could not be decoded into a patch; <paramref name="message"/> holds no body content.</summary>
    public static InvalidRequestException Unmarshal(string message) =>
        InvalidRequestException.WithMessage(message, UnmarshalFailedReason);
}
