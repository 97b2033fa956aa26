using System.Text;
using System.Text.Encodings.Web;

namespace Ory.Identity.QuickStart.SelfServiceUi;

/// <summary>A small HTML writer: every text and attribute value goes through the HTML encoder.</summary>
internal sealed class Html
{
    private readonly StringBuilder _text = new();

    /// <summary>Appends markup written by the pages themselves (never data).</summary>
    public Html Raw(string markup)
    {
        _text.Append(markup);
        return this;
    }

    /// <summary>Appends encoded text.</summary>
    public Html Text(string? text)
    {
        _text.Append(HtmlEncoder.Default.Encode(text ?? string.Empty));
        return this;
    }

    /// <summary>Appends <c> name="value"</c>, encoded; nothing when <paramref name="value"/> is null.</summary>
    public Html Attribute(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(' ').Append(name).Append("=\"").Append(HtmlEncoder.Default.Encode(value)).Append('"');
        }

        return this;
    }

    /// <summary>Appends a boolean attribute (<c> required</c>) when <paramref name="on"/>.</summary>
    public Html Flag(string name, bool on)
    {
        if (on)
        {
            _text.Append(' ').Append(name);
        }

        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
