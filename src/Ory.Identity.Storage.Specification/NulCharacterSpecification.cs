using Microsoft.Extensions.DependencyInjection;

namespace Ory.Identity.Storage.Specification;

/// <summary>
/// The NUL rule through the managers over the stores under test: no stored string may hold the NUL character (U+0000),
/// which PostgreSQL's <c>text</c> and <c>jsonb</c> cannot hold. Every store answers alike because the core refuses it
/// before the store sees it: a 400 naming the field (never quoting the value) for a create, batch item, update or
/// patch, a 400 naming the parameter for a lookup or list filter, a failed check for a password login, and stored data
/// stays unchanged. Derive a sealed class and register the storage under test in <see cref="UseStorageAsync"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreNulCharacterTests : NulCharacterSpecification
/// {
///     [Theory]
///     [MemberData(nameof(Cases))]
///     public Task Conforms(string @case) => RunCaseAsync(@case);
///
///     protected override Task UseStorageAsync(OryIdentityBuilder builder)
///     {
///         builder.UseMyStorage(...);
///         return Task.CompletedTask;
///     }
/// }
/// </code>
/// </example>
public abstract class NulCharacterSpecification : ConformanceKit
{
    private const string PersonSchema =
        """
        {"type":"object","properties":{"traits":{"type":"object","properties":{
          "email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},"verification":{"via":"email"},"recovery":{"via":"email"}}},
          "name":{"type":"object","properties":{"first":{"type":"string"}}}},
          "required":["email"],"additionalProperties":false}}}
        """;

    private const string MachineSchema =
        """{"type":"object","properties":{"traits":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}""";

    private const string ReturnBase = "https://app.example.org/welcome";
    private const string SeedEmail = "seed@example.org";
    private const string SeedPassword = "a seed password 1234";

    private ServiceProvider? _services;
    private Identity _seed = null!;

    /// <summary>The 400 reason for a value of <paramref name="field"/> holding a NUL.</summary>
    protected static string ReasonFor(string field) => $"{field} must not contain the NUL character (U+0000).";

    /// <summary>The 400 reason for traits holding a NUL at <paramref name="location"/> (e.g. <c>#/traits/email</c>).</summary>
    protected static string TraitsReasonAt(string location) => $"I[{location}] S[#/properties/traits] must not contain the NUL character (U+0000)";

    /// <summary>The identity manager over the store under test.</summary>
    protected IIdentityManager Manager => Get<IIdentityManager>();

    /// <summary>Registers the storage under test (identity and recovery stores) on a fresh, empty database.</summary>
    protected abstract Task UseStorageAsync(OryIdentityBuilder builder);

    /// <summary>Every case of this kit by name, for a data-driven test (<see cref="ConformanceKit"/>).</summary>
    public static IEnumerable<object[]> Cases => CasesOf<NulCharacterSpecification>();

    /// <summary>Builds the services over the storage under test and creates the seed identity.</summary>
    protected override async Task SetUpAsync()
    {
        var services = new ServiceCollection();
        var builder = services
            .AddOryIdentity(o =>
            {
                o.Secrets.Default = ["a-nul-character-spec-secret-0001"];
                o.SelfService.Flows.Recovery.Enabled = true;
                o.SelfService.Methods.Link.Enabled = true;
                o.SelfService.AllowedReturnUrls = [ReturnBase];
            })
            .AddSchemaJson("default", PersonSchema)
            .AddMachineSchema("service", MachineSchema);
        services.AddSingleton<IRecoveryMessageSender, NoMessages>();
        await UseStorageAsync(builder);
        _services = services.BuildServiceProvider();
        _seed = await Manager.CreateAsync(Request(
            """{"traits":{"email":"seed@example.org"},"credentials":{"password":{"config":{"password":"a seed password 1234"}}},"metadata_public":{"a":1},"external_id":"seed-1"}"""));
    }

    /// <summary>Disposes the services.</summary>
    protected override async Task TearDownAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>Bodies of <c>POST /admin/identities</c> with a NUL in one place, and the reason each gets.</summary>
    public static IEnumerable<object?[]> CreateBodies => new ConformanceCaseRows<string, string>
    {
        { """{"traits":{"email":"nul\u0000@example.org"}}""", TraitsReasonAt("#/traits/email") },
        { """{"traits":{"email":"n@example.org","name":{"first":"a\u0000b"}}}""", TraitsReasonAt("#/traits/name/first") },
        { """{"traits":{"email":"n@example.org","a\u0000b":"x"}}""", TraitsReasonAt("#/traits") },
        { """{"traits":{"email":"n@example.org"},"metadata_public":{"k":["\u0000"]}}""", ReasonFor("metadata_public") },
        { """{"traits":{"email":"n@example.org"},"metadata_public":{"k\u0000":1}}""", ReasonFor("metadata_public") },
        { """{"traits":{"email":"n@example.org"},"metadata_admin":"\u0000"}""", ReasonFor("metadata_admin") },
        { """{"traits":{"email":"n@example.org"},"metadata_admin":{"\u0000":{}}}""", ReasonFor("metadata_admin") },
        { """{"traits":{"email":"n@example.org"},"external_id":"ext\u0000"}""", ReasonFor("external_id") },
        {
            """{"traits":{"email":"n@example.org"},"credentials":{"oidc":{"config":{"providers":[{"provider":"google","subject":"s\u0000"}]}}}}""",
            ReasonFor("credentials.oidc.identifiers")
        },
        {
            """{"traits":{"email":"n@example.org"},"credentials":{"oidc":{"config":{"providers":[{"provider":"g\u0000","subject":"s"}]}}}}""",
            ReasonFor("credentials.oidc.identifiers")
        },
        { """{"schema_id":"service","traits":{"name":"exporter\u0000"}}""", TraitsReasonAt("#/traits/name") },
    };

    /// <summary>A create with a NUL anywhere it would be stored is a 400 naming the field; nothing is stored.</summary>
    [ConformanceCaseSource(nameof(CreateBodies))]
    public async Task Create_refuses_a_NUL_with_a_400_naming_the_field_and_stores_nothing(string body, string reason)
    {
        var before = await SnapshotAsync();

        var refused = await Actions.Awaiting(() => Manager.CreateAsync(Request(body))).Should().ThrowAsync<InvalidRequestException>();

        refused.Which.StatusCode.Should().Be(400);
        refused.Which.Error.Reason.Should().Be(reason);
        refused.Which.Message.Should().NotContain("\0");
        (await SnapshotAsync()).Should().Equal(before);
    }

    /// <summary>A NUL in traits is an <see cref="IdentityValidationException"/> whose one violation points at the string.</summary>
    [ConformanceCase]
    public async Task A_NUL_in_traits_is_a_schema_violation_at_its_pointer()
    {
        var refused = await Actions.Awaiting(() => Manager.CreateAsync(Request("""{"traits":{"email":"n@example.org","name":{"first":"\u0000"}}}""")))
            .Should().ThrowAsync<IdentityValidationException>();

        refused.Which.Errors.Should().ContainSingle().Which.InstancePointer.Should().Be("#/traits/name/first");
    }

    /// <summary>The JSON text <c>\\u0000</c> is a backslash and <c>u0000</c>, not a NUL: it is stored as given.</summary>
    [ConformanceCase]
    public async Task An_escaped_backslash_before_u0000_is_text_and_is_stored()
    {
        var created = await Manager.CreateAsync(Request("""{"traits":{"email":"n@example.org","name":{"first":"\\u0000"}}}"""));

        var stored = await Manager.GetAsync(created.Id);
        stored.Traits.GetProperty("name").GetProperty("first").GetString().Should().Be("\\u0000");
    }

    /// <summary>In a batch, each item with a NUL is an error item (400 naming the field) and the others are created.</summary>
    [ConformanceCase]
    public async Task A_batch_refuses_each_item_with_a_NUL_and_creates_the_others()
    {
        var before = await Manager.ListAsync(new IdentityListQuery());

        var result = await Manager.CreateManyAsync(
        [
            Request("""{"traits":{"email":"first@example.org"}}"""),
            Request("""{"traits":{"email":"second\u0000@example.org"}}"""),
            Request("""{"traits":{"email":"third@example.org"},"metadata_admin":{"note":"\u0000"}}"""),
            Request("""{"traits":{"email":"fourth@example.org"},"credentials":{"oidc":{"config":{"providers":[{"provider":"google","subject":"\u0000"}]}}}}"""),
            Request("""{"traits":{"email":"fifth@example.org"}}"""),
        ]);

        result.Identities.Select(i => i!.Action).Should().Equal("create", "error", "error", "error", "create");
        result.Identities[1]!.Error!.Reason.Should().Be(TraitsReasonAt("#/traits/email"));
        result.Identities[2]!.Error!.Reason.Should().Be(ReasonFor("metadata_admin"));
        result.Identities[3]!.Error!.Reason.Should().Be(ReasonFor("credentials.oidc.identifiers"));
        result.Identities.Where(i => i!.Error is not null).Should().OnlyContain(i => i!.Error!.Code == 400);
        var after = await Manager.ListAsync(new IdentityListQuery());
        after.Items.Should().HaveCount(before.Items.Count + 2);
        after.Items.Select(i => i.Traits.GetProperty("email").GetString()).Should().Contain(["first@example.org", "fifth@example.org"]);
    }

    /// <summary>Bodies of <c>PUT /admin/identities/{id}</c> for the seed identity with a NUL in one place, and the reason each gets.</summary>
    public static IEnumerable<object?[]> UpdateBodies => new ConformanceCaseRows<string, string>
    {
        { """{"traits":{"email":"seed@example.org","name":{"first":"\u0000"}}}""", TraitsReasonAt("#/traits/name/first") },
        { """{"traits":{"email":"seed@example.org"},"metadata_public":{"\u0000":true}}""", ReasonFor("metadata_public") },
        { """{"traits":{"email":"seed@example.org"},"metadata_admin":["\u0000"]}""", ReasonFor("metadata_admin") },
        { """{"traits":{"email":"seed@example.org"},"external_id":"\u0000"}""", ReasonFor("external_id") },
        {
            """{"traits":{"email":"seed@example.org"},"credentials":{"oidc":{"config":{"providers":[{"provider":"google","subject":"a\u0000"}]}}}}""",
            ReasonFor("credentials.oidc.identifiers")
        },
    };

    /// <summary>A PUT with a NUL anywhere it would be stored is a 400 naming the field; the identity is unchanged.</summary>
    [ConformanceCaseSource(nameof(UpdateBodies))]
    public async Task Update_refuses_a_NUL_with_a_400_naming_the_field_and_changes_nothing(string body, string reason)
    {
        var before = await SnapshotAsync();

        var refused = await Actions.Awaiting(() => Manager.UpdateAsync(_seed.Id, OryIdentityJson.Deserialize<UpdateIdentityRequest>(body)))
            .Should().ThrowAsync<InvalidRequestException>();

        refused.Which.StatusCode.Should().Be(400);
        refused.Which.Error.Reason.Should().Be(reason);
        (await SnapshotAsync()).Should().Equal(before);
    }

    /// <summary>JSON Patch documents for the seed identity with a NUL in one place, and the reason each gets.</summary>
    public static IEnumerable<object?[]> Patches => new ConformanceCaseRows<string, string>
    {
        { """[{"op":"add","path":"/traits/name","value":{"first":"\u0000"}}]""", TraitsReasonAt("#/traits/name/first") },
        { """[{"op":"add","path":"/metadata_public/k\u0000","value":1}]""", ReasonFor("metadata_public") },
        { """[{"op":"replace","path":"/metadata_admin","value":{"k":"\u0000"}}]""", ReasonFor("metadata_admin") },
        { """[{"op":"replace","path":"/external_id","value":"x\u0000"}]""", ReasonFor("external_id") },
        { """[{"op":"replace","path":"/credentials/password/config/hashed_password","value":"$2a$04$\u0000"}]""", ReasonFor("credentials.password.config") },
        {
            """[{"op":"add","path":"/credentials/x\u0000","value":{"type":"x\u0000","identifiers":[],"config":{},"version":0,"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"}}]""",
            ReasonFor("credentials")
        },
    };

    /// <summary>A JSON Patch that would store a NUL is a 400 naming the field; the identity is unchanged.</summary>
    [ConformanceCaseSource(nameof(Patches))]
    public async Task A_JSON_Patch_refuses_a_NUL_with_a_400_naming_the_field_and_changes_nothing(string patch, string reason)
    {
        var before = await SnapshotAsync();

        var refused = await Actions.Awaiting(() => Manager.PatchAsync(_seed.Id, OryIdentityJson.Deserialize<IReadOnlyList<JsonPatchOperation>>(patch)))
            .Should().ThrowAsync<InvalidRequestException>();

        refused.Which.StatusCode.Should().Be(400);
        refused.Which.Error.Reason.Should().Be(reason);
        (await SnapshotAsync()).Should().Equal(before);
    }

    /// <summary>List filters holding a NUL are a 400 naming the query parameter, before the store is asked.</summary>
    [ConformanceCase]
    public async Task List_filters_holding_a_NUL_are_a_400_naming_the_parameter()
    {
        (await RefusedAsync(() => Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = "\0" }))).Should().Be(ReasonFor("credentials_identifier"));
        (await RefusedAsync(() => Manager.ListAsync(new IdentityListQuery { CredentialsIdentifier = SeedEmail + "\0" }))).Should().Be(ReasonFor("credentials_identifier"));
        (await RefusedAsync(() => Manager.ListAsync(new IdentityListQuery { CredentialsIdentifierSimilar = "se\0" })))
            .Should().Be(ReasonFor("preview_credentials_identifier_similar"));
        (await RefusedAsync(() => Manager.ListAsync(new IdentityListQuery { SchemaId = "\0" }))).Should().Be(ReasonFor("schema_id"));
    }

    /// <summary>A lookup by an external id holding a NUL is a 400 naming <c>external_id</c>.</summary>
    [ConformanceCase]
    public async Task A_lookup_by_an_external_id_holding_a_NUL_is_a_400_naming_it()
    {
        (await RefusedAsync(() => Manager.GetByExternalIdAsync("seed-1\0"))).Should().Be(ReasonFor("external_id"));
        (await Manager.GetByExternalIdAsync("seed-1")).Id.Should().Be(_seed.Id);
    }

    /// <summary>A lookup by a credentials identifier holding a NUL is a 400 naming <c>credentials_identifier</c>.</summary>
    [ConformanceCase]
    public async Task A_lookup_by_a_credentials_identifier_holding_a_NUL_is_a_400_naming_it()
    {
        (await RefusedAsync(() => Manager.FindByCredentialsIdentifierAsync(SeedEmail + "\0").AsTask())).Should().Be(ReasonFor("credentials_identifier"));
        (await RefusedAsync(() => Manager.FindByCredentialsIdentifierAsync("\0", CredentialsType.Password).AsTask())).Should().Be(ReasonFor("credentials_identifier"));
        (await Manager.FindByCredentialsIdentifierAsync(SeedEmail))!.Id.Should().Be(_seed.Id);
    }

    /// <summary>A password check for an identifier holding a NUL is a failed check, not an exception.</summary>
    [ConformanceCase]
    public async Task A_password_check_for_an_identifier_holding_a_NUL_fails()
    {
        (await Manager.VerifyPasswordAsync(SeedEmail + "\0", SeedPassword)).Succeeded.Should().BeFalse();
        (await Manager.VerifyPasswordAsync("\0", SeedPassword)).Succeeded.Should().BeFalse();
        (await Manager.VerifyPasswordAsync(SeedEmail, SeedPassword + "\0")).Succeeded.Should().BeFalse();
        (await Manager.VerifyPasswordAsync(SeedEmail, SeedPassword)).Succeeded.Should().BeTrue();
    }

    /// <summary>A cleartext password is hashed, never stored, so a NUL in it is accepted and checks later.</summary>
    [ConformanceCase]
    public async Task A_cleartext_password_holding_a_NUL_is_hashed_not_stored()
    {
        var created = await Manager.CreateAsync(Request("""{"traits":{"email":"pw@example.org"},"credentials":{"password":{"config":{"password":"pass\u0000word 1234"}}}}"""));

        created.Id.Should().NotBeEmpty();
        (await Manager.VerifyPasswordAsync("pw@example.org", "pass\0word 1234")).Succeeded.Should().BeTrue();
    }

    /// <summary>Recovery: an address with a NUL is a validation error of the flow; a return_to holding a raw one is a 400 naming it.</summary>
    [ConformanceCase]
    public async Task Recovery_with_a_NUL_in_the_address_or_return_to_is_refused()
    {
        var before = await SnapshotAsync();
        var recovery = Get<ISelfServiceRecovery>();
        var flow = await recovery.CreateFlowAsync();

        await Actions.Awaiting(() => recovery.SubmitAddressAsync(flow.Id, SeedEmail + "\0")).Should().ThrowAsync<RecoveryFlowValidationException>();
        await Actions.Awaiting(() => recovery.SubmitAddressAsync(flow.Id, "se\0ed@example.org")).Should().ThrowAsync<RecoveryFlowValidationException>();

        // A NUL kept percent-encoded stays so in the stored URL; a raw one (what return_to=…%00… in a query string
        // decodes to, and Uri keeps as it is) is refused.
        var encoded = await recovery.CreateFlowAsync(returnTo: new Uri(ReturnBase + "/a%00b"));
        encoded.ReturnTo.Should().Contain("%00").And.NotContain("\0");
        var raw = new Uri(ReturnBase + "/a\0b");
        (await RefusedAsync(() => Get<IRecoveryLinkIssuer>().CreateRecoveryLinkAsync(_seed.Id, returnTo: raw))).Should().Be(ReasonFor("return_to"));
        (await RefusedAsync(() => recovery.CreateFlowAsync(returnTo: raw))).Should().Be(ReasonFor("return_to"));
        (await SnapshotAsync()).Should().Equal(before);
    }

    /// <summary>API keys: a name with a NUL is a 400, an id with one is unknown, a token with one is malformed.</summary>
    [ConformanceCase]
    public async Task API_key_names_and_ids_holding_a_NUL_are_refused()
    {
        var machine = await Manager.CreateAsync(Request("""{"schema_id":"service","traits":{"name":"exporter"}}"""));
        var keys = Get<IApiKeyManager>();

        await Actions.Awaiting(() => keys.IssueAsync(machine.Id, "key\0")).Should().ThrowAsync<InvalidRequestException>();
        await Actions.Awaiting(() => keys.RevokeAsync(machine.Id, "\0")).Should().ThrowAsync<ApiKeyNotFoundException>();
        (await keys.AuthenticateAsync("ory_ak_\0")).Succeeded.Should().BeFalse();
        (await keys.ListAsync(machine.Id)).Should().BeEmpty();
    }

    private T Get<T>()
        where T : notnull => _services!.GetRequiredService<T>();

    private static CreateIdentityRequest Request(string json) => OryIdentityJson.Deserialize<CreateIdentityRequest>(json);

    private static async Task<string?> RefusedAsync<T>(Func<Task<T>> action)
    {
        var refused = await Actions.Awaiting(action).Should().ThrowAsync<InvalidRequestException>();
        refused.Which.StatusCode.Should().Be(400);
        return refused.Which.Error.Reason;
    }

    // The kit's recovery submissions never reach a sender: their addresses are refused first.
    private sealed class NoMessages : IRecoveryMessageSender
    {
        public Task SendAsync(RecoveryMessage message, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("No recovery message was expected.");
    }

    // Every stored identity, with credentials, as Kratos's JSON, in id order.
    private async Task<List<string>> SnapshotAsync()
    {
        var store = Get<IIdentityStore>();
        var stored = await store.ListAsync(new IdentityStoreQuery { Limit = 1000 });
        return stored.Select(OryIdentityJson.Serialize).ToList();
    }
}
