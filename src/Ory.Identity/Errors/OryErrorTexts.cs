namespace Ory.Identity;

/// <summary>Kratos's texts for error classes (herodot's DefaultError and ory/x sqlcon/error.go, as Kratos answers).</summary>
internal static class OryErrorTexts
{
    public const string BadRequest = "The request was malformed or contained invalid parameters";
    public const string Forbidden = "The requested action was forbidden";
    public const string NotFound = "The requested resource could not be found";
    public const string Conflict = "The resource could not be created due to a conflict";
    public const string InternalServerError = "An internal server error occurred, please contact the system administrator";

    public static string StatusOf(int code) => code switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        410 => "Gone",
        413 => "Request Entity Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Error",
    };
}
