using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Ory.Identity.Storage;
using Ory.Identity.Storage.InMemory;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Identities;

/// <summary>
/// The typed find's fast path (<see cref="IIdentityManager.FindByCredentialsIdentifierAsync"/> with a type, an identifier
/// already in its stored form, a store answering synchronously) against the authoritative paths: the same call on a
/// store whose lookups complete asynchronously, and <see cref="IIdentityManager.ListAsync"/> with
/// <see cref="IdentityListQuery.CredentialsIdentifier"/> (every identity here holds only a password credential, so the
/// typed find and the list's first item are the same identity in the same view). Same input, same bytes.
/// </summary>
public sealed class FindByCredentialsIdentifierFastPathTests : IDisposable
{
    private const string Hash = "$2a$04$ZJUKsvTS3rn/Wmq3JWOYKugdB4tdHStVGfEaYW5UdW9NiY0rMQ9Ca";

    private static readonly string[] Probes =
    [
        "ada@example.org", "grace@example.org", "ADA@EXAMPLE.ORG", "  Grace@Example.org\t", "\uFF41da@example.org",
        "nobody@example.org", "Legacy@Example.org", "legacy@example.org", "+4915112345678", "ada@example.org ",
    ];

    private static readonly IdentityQueryOptions?[] Views =
    [
        null, new() { IncludeCredentials = [CredentialsType.Password] }, new() { IncludeCredentials = [CredentialsType.Oidc] },
    ];

    private readonly TestHost _sync = new();
    private readonly TestHost _async;
    private readonly RecordingStoreProxy<IIdentityStore> _recorded;

    public FindByCredentialsIdentifierFastPathTests()
    {
        RecordingStoreProxy<IIdentityStore>? recorded = null;
        _async = new TestHost(configure: builder =>
        {
            recorded = (RecordingStoreProxy<IIdentityStore>)(object)DispatchProxy.Create<IIdentityStore, AsynchronousLookups>();
            builder.Services.AddSingleton(sp => recorded.Wrapping(sp.GetRequiredService<InMemoryIdentityStore>()));
        });
        _ = _async.Store;
        _recorded = recorded!;
    }

    public void Dispose()
    {
        _sync.Dispose();
        _async.Dispose();
    }

    [Fact]
    public async Task The_fast_path_answers_what_the_asynchronous_store_and_the_list_answer_byte_for_byte()
    {
        foreach (var id in await SeedAsync(_sync))
        {
            await _async.Store.InsertAsync((await _sync.Store.GetAsync(id))!); // the same identities, byte for byte
        }

        foreach (var probe in Probes)
        {
            foreach (var view in Views)
            {
                var fast = Json(await _sync.Manager.FindByCredentialsIdentifierAsync(probe, CredentialsType.Password, view));
                var slow = Json(await _async.Manager.FindByCredentialsIdentifierAsync(probe, CredentialsType.Password, view));
                var page = await _sync.Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = probe, IncludeCredentials = view?.IncludeCredentials });
                var listed = Json(page.Items.Count > 0 ? page.Items[0] : null);

                fast.Should().Be(slow, "probe {0}", probe);
                fast.Should().Be(listed, "probe {0}", probe);
            }
        }

        (await _sync.Manager.FindByCredentialsIdentifierAsync("ada@example.org", CredentialsType.Password)).Should().NotBeNull();
        (await _sync.Manager.FindByCredentialsIdentifierAsync("Legacy@Example.org", CredentialsType.Password)).Should().NotBeNull();
    }

    [Fact]
    public async Task An_identifier_in_its_stored_form_is_one_store_lookup()
    {
        await SeedAsync(_async);
        _recorded.Calls.Clear();

        var found = await _async.Manager.FindByCredentialsIdentifierAsync("ada@example.org", CredentialsType.Password);

        found!.Traits.GetProperty("email").GetString().Should().Be("ada@example.org");
        _recorded.Calls.Should().Equal(nameof(IIdentityStore.FindByCredentialsIdentifierAsync));
    }

    private static async Task<Guid[]> SeedAsync(TestHost host)
    {
        var ids = new List<Guid>();
        foreach (var email in new[] { "ada@example.org", "grace@example.org" })
        {
            ids.Add((await host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
                "{\"traits\":{\"email\":\"" + email + "\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"" + Hash + "\"}}}}"))).Id);
        }

        // A row stored before normalization: its identifier kept as typed, which Kratos's lookup still finds.
        var legacy = await host.Manager.CreateAsync(OryIdentityJson.Deserialize<CreateIdentityRequest>(
            "{\"traits\":{\"email\":\"legacy@example.org\"},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":\"" + Hash + "\"}}}}"));
        await host.Store.UpdateAsync(legacy.Id, stored => stored with
        {
            Credentials = new Dictionary<CredentialsType, IdentityCredentials>
            {
                [CredentialsType.Password] = stored.Credentials[CredentialsType.Password] with { Identifiers = ["Legacy@Example.org"] },
            },
        });
        ids.Add(legacy.Id);
        return [.. ids];
    }

    private static string Json(Identity? identity) => identity is null ? "null" : OryIdentityJson.Serialize(identity);

    /// <summary>Forwards every call; lookups by credentials identifier complete asynchronously.</summary>
    public class AsynchronousLookups : RecordingStoreProxy<IIdentityStore>
    {
        /// <inheritdoc />
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = base.Invoke(targetMethod, args);
            return targetMethod?.Name == nameof(IIdentityStore.FindByCredentialsIdentifierAsync)
                ? new ValueTask<Identity?>(LaterAsync((ValueTask<Identity?>)result!))
                : result;
        }

        private static async Task<Identity?> LaterAsync(ValueTask<Identity?> found)
        {
            await Task.Yield();
            return await found;
        }
    }
}
