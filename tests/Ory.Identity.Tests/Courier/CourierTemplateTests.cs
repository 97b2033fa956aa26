using NodaTime;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Courier;

/// <summary>Parsing and rendering of courier templates: the fields, HTML escaping, trims, and malformed templates.</summary>
public sealed class CourierTemplateTests
{
    private static readonly Identity Ada = new()
    {
        Id = Guid.Parse("0193a0c4-0000-7000-8000-0000000000aa"),
        SchemaId = "default",
        Traits = TestHost.Json("""{"email":"ada@example.com","name":{"first":"Ada <b>&","last":"L"},"age":36,"tags":["a"]}"""),
        MetadataPublic = TestHost.Json("""{"plan":"pro"}"""),
        ExternalId = "ext-1",
        CreatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
        UpdatedAt = Instant.FromUtc(2026, 1, 1, 0, 0),
    };

    private static RecoveryMessage Message(RecoveryTemplateType type) => new()
    {
        TemplateType = type,
        Recipient = "ada@example.com",
        RecoveryUrl = "http://127.0.0.1:4455/self-service/recovery?flow=f&token=t",
        RecoveryCode = "123456",
        ExpiresInMinutes = 60,
        FlowId = Guid.Parse("0193a0c4-0000-7000-8000-000000000001"),
        RequestUrl = "http://127.0.0.1:4434/admin/invitations",
    };

    private static CourierTemplate Parse(string text, RecoveryTemplateType type = RecoveryTemplateType.Invite, bool html = false)
    {
        CourierTemplate.TryParse(text, type, html, out var template, out var error).Should().BeTrue(error);
        return template!;
    }

    private static string Error(string text, RecoveryTemplateType type = RecoveryTemplateType.Invite)
    {
        CourierTemplate.TryParse(text, type, html: false, out var template, out var error).Should().BeFalse();
        template.Should().BeNull();
        return error!;
    }

    [Fact]
    public void Every_field_of_an_invite_renders_its_value()
    {
        var template = Parse(
            "To {{ .To }}: {{.RecoveryURL}} ({{ .ExpiresInMinutes }} min) from {{ .RequestURL }}; " +
            "{{ .Identity.id }} {{ .Identity.schema_id }} {{ .Identity.state }} {{ .Identity.external_id }} " +
            "{{ .Identity.traits.name.first }} {{ .Identity.traits.age }} {{ .Identity.traits.tags }} {{ .Identity.metadata_public.plan }}");

        template.Render(Message(RecoveryTemplateType.Invite), Ada).Should().Be(
            "To ada@example.com: http://127.0.0.1:4455/self-service/recovery?flow=f&token=t (60 min) from http://127.0.0.1:4434/admin/invitations; " +
            "0193a0c4-0000-7000-8000-0000000000aa default active ext-1 Ada <b>& 36 [\"a\"] pro");
    }

    [Fact]
    public void A_code_template_renders_the_code()
    {
        Parse("Your code: {{ .RecoveryCode }}", RecoveryTemplateType.RecoveryCodeValid)
            .Render(Message(RecoveryTemplateType.RecoveryCodeValid), Ada).Should().Be("Your code: 123456");
    }

    [Fact]
    public void Missing_traits_and_an_absent_identity_render_empty()
    {
        var template = Parse("[{{ .Identity.traits.nickname }}][{{ .Identity.traits.name.first.x }}][{{ .Identity.id }}]");

        template.Render(Message(RecoveryTemplateType.Invite), Ada).Should().Be("[][][0193a0c4-0000-7000-8000-0000000000aa]");
        template.Render(Message(RecoveryTemplateType.Invite), null).Should().Be("[][][]");
    }

    [Fact]
    public void An_html_template_escapes_every_inserted_value_but_not_its_own_markup()
    {
        var template = Parse("<p>Hi {{ .Identity.traits.name.first }}, <a href=\"{{ .RecoveryURL }}\">set up</a></p>", html: true);

        template.Render(Message(RecoveryTemplateType.Invite), Ada).Should().Be(
            "<p>Hi Ada &lt;b&gt;&amp;, <a href=\"http://127.0.0.1:4455/self-service/recovery?flow=f&amp;token=t\">set up</a></p>");
    }

    [Fact]
    public void A_plain_text_template_inserts_values_unescaped()
    {
        Parse("{{ .Identity.traits.name.first }}").Render(Message(RecoveryTemplateType.Invite), Ada).Should().Be("Ada <b>&");
    }

    [Fact]
    public void Trim_markers_remove_the_whitespace_beside_an_action_as_in_go()
    {
        Parse("Hi   \n{{- .To -}}  \n!").Render(Message(RecoveryTemplateType.Invite), Ada).Should().Be("Hiada@example.com!");
    }

    [Fact]
    public void Text_without_actions_renders_as_it_is()
    {
        Parse("Welcome } { }} aboard").Render(Message(RecoveryTemplateType.Invite), null).Should().Be("Welcome } { }} aboard");
    }

    [Theory]
    [InlineData("Hi {{ .Name }}", "line 1: unknown field \".Name\": this template has .To, .RecoveryURL, .ExpiresInMinutes, .RequestURL, .Identity.")]
    [InlineData("a\nb\nHi {{ .To ", "line 3: unclosed action (a \"{{\" without \"}}\").")]
    [InlineData("{{ if .To }}x{{ end }}", "line 1: unsupported action \"{{ if .To }}\": only field actions such as {{ .To }} are supported.")]
    [InlineData("{{ .To | upper }}", "line 1: unsupported action \"{{ .To | upper }}\": only field actions such as {{ .To }} are supported.")]
    [InlineData("{{ }}", "line 1: unsupported action \"{{ }}\": only field actions such as {{ .To }} are supported.")]
    [InlineData("{{ .Identity }}", "line 1: \".Identity\": use one of .Identity.id, .Identity.schema_id, .Identity.state, .Identity.external_id, .Identity.traits, .Identity.metadata_public.")]
    [InlineData("{{ .Identity.credentials }}", "line 1: \".Identity.credentials\": use one of .Identity.id, .Identity.schema_id, .Identity.state, .Identity.external_id, .Identity.traits, .Identity.metadata_public.")]
    [InlineData("{{ .Identity.id.x }}", "line 1: \".Identity.id.x\": .Identity.id has no fields.")]
    [InlineData("{{ .To.x }}", "line 1: \".To.x\": .To has no fields.")]
    [InlineData("{{ .Identity.traits.2fa }}", "line 1: unsupported action \"{{ .Identity.traits.2fa }}\": only field actions such as {{ .To }} are supported.")]
    public void A_malformed_template_or_an_unknown_field_is_refused_with_its_line(string text, string expected)
    {
        Error(text).Should().Be(expected);
    }

    [Fact]
    public void A_field_of_another_template_type_is_unknown()
    {
        Error("{{ .RecoveryCode }}").Should().StartWith("line 1: unknown field \".RecoveryCode\"");
        Error("{{ .RecoveryURL }}", RecoveryTemplateType.RecoveryCodeValid).Should().StartWith("line 1: unknown field \".RecoveryURL\"");
        Error("{{ .Identity.id }}", RecoveryTemplateType.RecoveryInvalid).Should().Be("line 1: unknown field \".Identity\": this template has .To, .RequestURL.");
    }
}
