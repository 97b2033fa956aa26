namespace Ory.Identity.Courier.Smtp.Tests.Support;

/// <summary>A fact that needs the aiosmtpd test server: skipped with a clear reason when it is missing (never when <c>CI=true</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SmtpFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when aiosmtpd is not installed.</summary>
    public SmtpFactAttribute()
    {
        if (AiosmtpdServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
