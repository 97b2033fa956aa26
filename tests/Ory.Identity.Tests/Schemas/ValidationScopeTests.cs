using System.Text;
using System.Text.Json;

namespace Ory.Identity.Tests.Schemas;

/// <summary>
/// The buffers a traits validation reuses on its thread (<see cref="ValidationScope"/>): whatever one validation left in
/// them, even one that threw half-way, is gone before the next validation on the thread starts.
/// </summary>
public class ValidationScopeTests
{
    /// <summary>
    /// A marked email, a backup address checked only by the extension (no format: validated as an email), and any other
    /// trait an integer (the fast path defers on 1.0 and refuses arrays).
    /// </summary>
    private static readonly string Schema = SchemaTestData.TraitsSchema(
        SchemaTestData.MarkedEmailProperty + """, "backup": { "type": "string", "ory.sh/kratos": { "verification": { "via": "email" } } }""",
        additionalProperties: """{ "type": "integer" }""");

    [Fact]
    public void A_validation_that_throws_while_writing_the_traits_leaves_none_of_them_in_the_thread_s_buffers()
    {
        var schema = SchemaTestData.FromText(Schema).Schemas[0];
        schema.Plan.Fast.Should().NotBeNull();

        // The fast path derives the email, walks "first-extra" and defers on 1.0; the authoritative path then writes
        // {"traits": …} and its writer throws deep inside "deep", with the email and "first-extra" already written.
        var deep = new string('[', 1100) + new string(']', 1100);
        using var first = JsonDocument.Parse(
            $$"""{"email":"first-secret@ory.sh","first-extra":1.0,"deep":{{deep}}}""", new JsonDocumentOptions { MaxDepth = 2000 });
        FluentActions.Invoking(() => TraitsValidator.Validate(schema, first.RootElement))
            .Should().Throw<InvalidOperationException>().Which.Should().NotBeOfType<IdentityValidationException>();

        using (var scope = ValidationScope.Enter())
        {
            scope.EmptyJsonWriter(out var buffer);
            buffer.Capacity.Should().BeGreaterThan(2200, "the scope has the buffer the first validation wrote into");
            buffer.GetSpan().IndexOfAnyExcept((byte)0).Should().Be(-1, "every byte of the first traits is zeroed");
            Encoding.UTF8.GetString(buffer.GetSpan()).Should().NotContain("first-secret");
            scope.PathStack(0).Should().AllSatisfy(segment => segment.Should().Be(default(FastTraitsValidator.PathSegment)));
            scope.EmptyHits().Should().BeEmpty();
        }

        var next = SchemaTestData.Validate(SchemaTestData.FromText(Schema), """{"email":"second@ory.sh","n":2}""");
        next.PasswordIdentifiers.Should().Equal("second@ory.sh");
        next.VerifiableAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "second@ory.sh"));
        next.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "second@ory.sh"));
    }

    [Theory]
    [InlineData(nameof(ValidationPath.FastThenAuthoritative))]
    [InlineData(nameof(ValidationPath.AuthoritativeOnly))]
    public void A_refused_validation_leaves_none_of_its_derivation_to_the_next_on_the_thread(string pathName)
    {
        var path = Enum.Parse<ValidationPath>(pathName);
        var schema = SchemaTestData.FromText(Schema).Schemas[0];
        schema.Plan.Fast.Should().NotBeNull();
        schema.Plan.HasSmsMarks.Should().BeFalse("without sms marks the fast path hands each hit to the deriver at once");

        // The email is derived before the backup is refused by the extension.
        using var first = JsonDocument.Parse("""{"email":"first-secret@ory.sh","backup":"first-backup"}""");
        var refusal = FluentActions.Invoking(() => TraitsValidator.Validate(schema, first.RootElement, path))
            .Should().Throw<IdentityValidationException>().Which;
        refusal.Errors.Select(e => e.ToKratosText()).Should().ContainSingle().Which.Should().Contain("first-backup");

        using var second = JsonDocument.Parse("""{"email":"second@ory.sh","backup":"Second-Backup@ory.sh"}""");
        var derivation = TraitsValidator.Validate(schema, second.RootElement, path);
        derivation.PasswordIdentifiers.Should().Equal("second@ory.sh");
        derivation.VerifiableAddresses.Should().Equal(
            new DerivedAddress(AddressVia.Email, "second@ory.sh"), new DerivedAddress(AddressVia.Email, "second-backup@ory.sh"));
        derivation.RecoveryAddresses.Should().Equal(new DerivedAddress(AddressVia.Email, "second@ory.sh"));

        using var third = JsonDocument.Parse("""{"email":"third@ory.sh","backup":"third-backup"}""");
        var errors = FluentActions.Invoking(() => TraitsValidator.Validate(schema, third.RootElement, path))
            .Should().Throw<IdentityValidationException>().Which.Errors.Select(e => e.ToKratosText()).ToList();
        errors.Should().ContainSingle().Which.Should().Contain("third-backup");
        string.Join("\n", errors).Should().NotContain("first").And.NotContain("second");
    }

    [Fact]
    public void A_json_buffer_grown_by_a_large_document_is_not_kept_for_the_thread_s_next_validation()
    {
        var schema = SchemaTestData.FromText(Schema).Schemas[0];
        using var large = JsonDocument.Parse($$"""{"email":"ada@example.org","backup":"{{new string('x', 100_000)}}"}""");
        FluentActions.Invoking(() => TraitsValidator.Validate(schema, large.RootElement, ValidationPath.AuthoritativeOnly))
            .Should().Throw<IdentityValidationException>();

        using var scope = ValidationScope.Enter();
        scope.EmptyJsonWriter(out var buffer);
        buffer.Capacity.Should().BeLessThanOrEqualTo(ValidationScope.MaxKeptJsonCapacity);
        buffer.GetSpan().IndexOfAnyExcept((byte)0).Should().Be(-1);
    }

    [Fact]
    public void Each_buffer_is_handed_out_empty_within_a_scope()
    {
        var schema = SchemaTestData.FromText(Schema).Schemas[0];
        using var traits = JsonDocument.Parse("""{"email":"first-secret@ory.sh","n":1}""");
        using var scope = ValidationScope.Enter();

        var deriver = scope.EmptyDeriver();
        schema.Plan.Fast!.TryValidate(traits.RootElement, scope, deriver).Should().BeTrue();
        scope.EmptyDeriver().Finish(traits.RootElement).PasswordIdentifiers.Should().BeEmpty();

        schema.Plan.Fast!.TryValidate(traits.RootElement, scope, out var hits).Should().BeTrue();
        hits.Should().ContainSingle();
        scope.EmptyHits().Should().BeEmpty();
    }

    [Fact]
    public void A_scope_entered_inside_another_gets_buffers_of_its_own()
    {
        using var outer = ValidationScope.Enter();
        var outerHits = outer.EmptyHits();
        using var inner = ValidationScope.Enter();

        inner.EmptyHits().Should().NotBeSameAs(outerHits);
        inner.EmptyDeriver().Should().NotBeSameAs(outer.EmptyDeriver());
    }
}
