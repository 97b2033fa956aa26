namespace Ory.Identity.QuickStart;

/// <summary>
/// The QuickStart's courier: the in-memory outbox by default, the SMTP courier when <c>Ory:courier:smtp:connection_uri</c>
/// is set (e.g. <c>--Ory:courier:smtp:connection_uri "smtp://127.0.0.1:1025/?disable_starttls=true"</c>).
/// </summary>
internal static class QuickStartCourier
{
    public static OryIdentityBuilder UseQuickStartCourier(this OryIdentityBuilder builder, IConfiguration configuration)
    {
        var ory = configuration.GetSection(OryIdentityOptions.SectionName);
        return string.IsNullOrWhiteSpace(ory["courier:smtp:connection_uri"])
            ? builder.UseInMemoryRecoveryOutbox()
            : builder.UseSmtpCourier(ory);
    }
}
