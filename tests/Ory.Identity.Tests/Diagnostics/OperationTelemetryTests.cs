using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ory.Identity.Tests.ApiKeys;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Diagnostics;

/// <summary>
/// Every public operation is a span and a <c>ory.identity.operation.duration</c> measurement, tagged with the operation
/// and, on failure, <c>error.type</c>. Listeners are process-wide and tests run in parallel: only what happens under this
/// test's own root activity is kept.
/// </summary>
public sealed class OperationTelemetryTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("Ory.Identity.Tests.Telemetry");

    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(double Seconds, Dictionary<string, object?> Tags)> _durations = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly Activity _root;

    public OperationTelemetryTests()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OryIdentityDiagnostics.Name or "Ory.Identity.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == OryIdentityDiagnostics.Name && activity.TraceId == _root!.TraceId)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OryIdentityDiagnostics.Name && instrument.Name == "ory.identity.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (Activity.Current?.TraceId == _root!.TraceId)
            {
                var copy = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                _durations.Enqueue((value, copy));
            }
        });
        _meters.Start();
        _root = TestSource.StartActivity("test")!;
    }

    [Fact]
    public async Task A_create_is_one_span_and_one_duration_named_for_the_operation()
    {
        using var host = new TestHost();

        await host.Manager.CreateAsync(TestHost.Create("""{"email":"ada@example.org"}"""));

        var span = _spans.Should().ContainSingle(s => s.OperationName == "identity.create").Subject;
        span.GetTagItem("ory.identity.operation").Should().Be("identity.create");
        span.GetTagItem("error.type").Should().BeNull();
        span.Status.Should().Be(ActivityStatusCode.Unset);
        var duration = _durations.Should().ContainSingle(d => Equals(d.Tags["ory.identity.operation"], "identity.create")).Subject;
        duration.Tags.Keys.Should().Equal("ory.identity.operation");
        duration.Seconds.Should().BePositive();
    }

    [Fact]
    public async Task A_lookup_by_credentials_identifier_is_one_span_and_one_duration_without_the_identifier()
    {
        using var host = new TestHost();
        await host.Manager.CreateAsync(TestHost.Create("""{"email":"lookup-trait@example.org"}"""));

        (await host.Manager.FindByCredentialsIdentifierAsync("lookup-trait@example.org")).Should().NotBeNull();

        var span = _spans.Should().ContainSingle(s => s.OperationName == "identity.find_by_credentials_identifier").Subject;
        span.TagObjects.Select(t => t.Key).Should().Equal("ory.identity.operation");
        _durations.Should().ContainSingle(d => Equals(d.Tags["ory.identity.operation"], "identity.find_by_credentials_identifier"))
            .Which.Tags.Keys.Should().Equal("ory.identity.operation");
    }

    [Fact]
    public async Task A_refused_create_records_the_error_type_on_the_span_and_the_duration()
    {
        using var host = new TestHost();
        await host.Manager.CreateAsync(TestHost.Create("""{"email":"ada@example.org"}"""));

        var again = () => host.Manager.CreateAsync(TestHost.Create("""{"email":"ada@example.org"}"""));

        await again.Should().ThrowAsync<IdentityConflictException>();
        var failed = _spans.Where(s => s.OperationName == "identity.create").Should().HaveCount(2).And.ContainSingle(s => s.Status == ActivityStatusCode.Error).Subject;
        failed.GetTagItem("error.type").Should().Be("Ory.Identity.IdentityConflictException");
        var durations = _durations.Where(d => Equals(d.Tags["ory.identity.operation"], "identity.create")).ToList();
        durations.Should().HaveCount(2);
        durations.Should().ContainSingle(d => d.Tags.ContainsKey("error.type"))
            .Which.Tags["error.type"].Should().Be("Ory.Identity.IdentityConflictException");
    }

    [Fact]
    public async Task Identity_and_session_operations_are_one_span_each_and_refusals_are_counted_only_by_the_duration()
    {
        using var host = new TestHost();
        var person = await host.Manager.CreateAsync(TestHost.Create("""{"email":"ada@example.org"}"""));
        var sessions = host.Get<ISessionManager>();
        var issued = await sessions.IssueAsync(person.Id, "password");
        await sessions.RevokeAsync(issued.Session.Id);
        var again = () => host.Manager.CreateAsync(TestHost.Create("""{"email":"ada@example.org"}"""));
        await again.Should().ThrowAsync<IdentityConflictException>();

        _spans.Should().NotBeEmpty();
        _spans.Should().OnlyContain(s => Equals(s.GetTagItem("ory.identity.operation"), s.OperationName));
        _spans.Where(s => s.OperationName == "identity.create").Should().HaveCount(2);
        _spans.Should().ContainSingle(s => s.OperationName == "session.issue");
        var published = new ConcurrentQueue<string>();
        using var instruments = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == OryIdentityDiagnostics.Name)
                {
                    published.Enqueue(instrument.Name);
                }
            },
        };
        instruments.Start();
        published.Should().Contain("ory.identity.operation.duration").And.NotContain("ory.identity.operations.failed");
    }

    [Fact]
    public async Task Operations_of_sessions_api_keys_and_recovery_are_each_recorded_under_their_name()
    {
        using var host = MachineTestHost.Create(
            o =>
            {
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.Flows.Recovery.Enabled = true;
            },
            b => b.UseInMemoryRecoveryOutbox());
        var person = await host.Manager.CreateAsync(TestHost.Create("""{"email":"ada@example.org"}"""));
        var machine = await host.CreateServiceAccountAsync();
        var sessions = host.Get<ISessionManager>();
        var keys = host.Get<IApiKeyManager>();

        var issued = await sessions.IssueAsync(person.Id, "password");
        await sessions.AuthenticateAsync(issued.Token);
        var key = await keys.IssueAsync(machine.Id, "deploy");
        await keys.AuthenticateAsync(key.Secret);
        await host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(person.Id);
        await host.Get<ISelfServiceRecovery>().CreateFlowAsync();
        await foreach (var _ in host.Manager.ListAllAsync())
        {
        }

        var missing = () => host.Manager.GetAsync(Guid.NewGuid());
        await missing.Should().ThrowAsync<IdentityNotFoundException>();

        string[] expected =
        [
            "identity.create", "session.issue", "session.authenticate", "api_key.issue", "api_key.authenticate",
            "recovery.link.create", "recovery.flow.create", "identity.list_all", "identity.get",
        ];
        var recorded = _durations.Select(d => (string)d.Tags["ory.identity.operation"]!).ToList();
        recorded.Should().Contain(expected);
        _spans.Select(s => s.OperationName).Should().Contain(expected);
        _durations.Should().Contain(d => Equals(d.Tags["ory.identity.operation"], "identity.get")
            && d.Tags.ContainsKey("error.type") && Equals(d.Tags["error.type"], "Ory.Identity.IdentityNotFoundException"));
    }

    [Fact]
    public async Task No_tag_carries_a_trait_or_a_secret()
    {
        using var host = new TestHost(configure: b => b.Configure(o => o.SelfService.Methods.Link.Enabled = true).UseInMemoryRecoveryOutbox());
        var person = await host.Manager.CreateAsync(TestHost.Create("""{"email":"secret-trait@example.org"}"""));
        var session = await host.Get<ISessionManager>().IssueAsync(person.Id, "password");
        var link = await host.Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(person.Id);
        await host.Get<ISessionManager>().AuthenticateAsync(session.Token);

        var values = _spans.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty)
            .Concat(_durations.SelectMany(d => d.Tags.Values).Select(v => v?.ToString() ?? string.Empty))
            .ToList();
        values.Should().NotBeEmpty();
        values.Should().NotContain(v => v.Contains("secret-trait", StringComparison.Ordinal)
            || v.Contains(session.Token, StringComparison.Ordinal)
            || v.Contains(link.Link, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_public_service_is_the_instrumented_one()
    {
        using var host = new TestHost(configure: b => b.UseInMemoryRecoveryOutbox());

        host.Get<IIdentityManager>().Should().BeOfType<InstrumentedIdentityManager>();
        host.Get<ISessionManager>().Should().BeOfType<InstrumentedSessionManager>();
        host.Get<IApiKeyManager>().Should().BeOfType<InstrumentedApiKeyManager>();
        host.Get<IRecoveryLinkIssuer>().Should().BeOfType<InstrumentedRecoveryLinkIssuer>();
        host.Get<IRecoveryRedeemer>().Should().BeOfType<InstrumentedRecoveryRedeemer>();
        host.Get<ISelfServiceRecovery>().Should().BeOfType<InstrumentedSelfServiceRecovery>();
    }

    public void Dispose()
    {
        _root.Dispose();
        _meters.Dispose();
        _activities.Dispose();
    }
}
