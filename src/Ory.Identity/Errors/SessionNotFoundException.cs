namespace Ory.Identity;

/// <summary>A 404: no session has the given id.</summary>
public sealed class SessionNotFoundException : OryIdentityException
{
    /// <summary>Creates the exception with Kratos's texts.</summary>
    public SessionNotFoundException()
        : base(CreateError(404, "Unable to locate the resource", null), "The session does not exist.")
    {
    }
}
