namespace Ory.Identity;

/// <summary>A 404: the identity holds no API key with the given id.</summary>
public sealed class ApiKeyNotFoundException : OryIdentityException
{
    /// <summary>Creates the exception.</summary>
    public ApiKeyNotFoundException()
        : base(CreateError(404, OryErrorTexts.NotFound, "The requested API key does not exist."), "The API key does not exist.")
    {
    }
}
