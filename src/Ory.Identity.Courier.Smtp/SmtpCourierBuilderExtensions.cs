using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ory.Identity.Courier.Smtp;

namespace Ory.Identity;

/// <summary>Registers the SMTP courier on an <see cref="OryIdentityBuilder"/>.</summary>
public static class SmtpCourierBuilderExtensions
{
    /// <summary>
    /// Sends recovery and invite messages over SMTP, configured by the <c>courier</c> keys of the given section
    /// (<c>courier:smtp:connection_uri</c>, <c>courier:smtp:from_address</c>, <c>courier:message_retries</c>, …; see
    /// <see cref="SmtpCourierOptions"/>). See <see cref="UseSmtpCourier(OryIdentityBuilder, Action{SmtpCourierOptions})"/>.
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="configuration">The section holding the kratos.yml keys, e.g. <c>Configuration.GetSection("Ory")</c>.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UseSmtpCourier(this OryIdentityBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<SmtpCourierOptions>().Bind(configuration.GetSection(SmtpCourierOptions.SectionName));
        return builder.UseSmtpCourier(_ => { });
    }

    /// <summary>
    /// Sends recovery and invite messages over SMTP: replaces any <see cref="IRecoveryMessageSender"/> (e.g. the
    /// in-memory outbox) with one that queues each message and returns at once, and registers the hosted worker that
    /// delivers them, retries and records each delivery (<see cref="ICourierDeliveries"/>). The options are validated
    /// when the host starts: a missing or malformed <c>courier.smtp.connection_uri</c> stops it with the key's name.
    /// Needs a host that runs <see cref="IHostedService"/>s (ASP.NET Core, the generic host).
    /// </summary>
    /// <param name="builder">The Ory.Identity builder.</param>
    /// <param name="configure">Sets or changes the options (after configuration binding).</param>
    /// <returns>The same builder, for chaining.</returns>
    public static OryIdentityBuilder UseSmtpCourier(this OryIdentityBuilder builder, Action<SmtpCourierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SmtpCourierOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpCourierOptions>, SmtpCourierOptionsValidator>());
        services.TryAddSingleton(sp => SmtpCourierSettings.Create(sp.GetRequiredService<IOptions<SmtpCourierOptions>>().Value));
        services.TryAddSingleton(sp => new CourierQueue(sp.GetRequiredService<SmtpCourierSettings>()));
        services.TryAddSingleton(sp => new CourierDeliveryLog(sp.GetRequiredService<OryIdentityClock>()));
        services.TryAddSingleton<ICourierDeliveries>(sp => sp.GetRequiredService<CourierDeliveryLog>());
        services.TryAddSingleton(sp => new SmtpMessageDelivery(sp.GetRequiredService<SmtpCourierSettings>()));
        services.TryAddSingleton(sp => new SmtpCourierWorker(
            sp.GetRequiredService<CourierQueue>(),
            sp.GetRequiredService<CourierDeliveryLog>(),
            sp.GetRequiredService<SmtpMessageDelivery>(),
            sp.GetRequiredService<SmtpCourierSettings>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<SmtpCourierWorker>>() ?? NullLogger<SmtpCourierWorker>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SmtpCourierWorker>(sp => sp.GetRequiredService<SmtpCourierWorker>()));
        services.RemoveAll<IRecoveryMessageSender>();
        services.AddSingleton<IRecoveryMessageSender>(sp => new SmtpRecoveryMessageSender(
            sp.GetRequiredService<CourierQueue>(), sp.GetRequiredService<CourierDeliveryLog>()));
        return builder;
    }
}
