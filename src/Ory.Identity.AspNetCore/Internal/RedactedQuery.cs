using System.Text;
using Microsoft.AspNetCore.Http;

namespace Ory.Identity.AspNetCore.Internal;

/// <summary>
/// A query string fit for a log line: each parameter keeps its name and loses its value (<c>?flow=[redacted]&amp;token=[redacted]</c>),
/// since values carry recovery tokens, codes and identifiers. Kratos goes further and replaces the whole query with a
/// "value is sensitive" text (ory/x <c>logrusx/helper.go</c>, <c>WithRequest</c>); the names are kept here because they tell
/// which flow a request belonged to and carry nothing secret. A segment without <c>=</c> has no name to keep and is
/// redacted whole.
/// </summary>
internal static class RedactedQuery
{
    /// <summary>What stands in for a value.</summary>
    public const string Placeholder = "[redacted]";

    /// <summary>The redacted form of <paramref name="query"/>; empty when there is no query.</summary>
    public static string Of(QueryString query)
    {
        var text = query.Value;
        if (string.IsNullOrEmpty(text) || text == "?")
        {
            return text ?? string.Empty;
        }

        var redacted = new StringBuilder(text.Length);
        var first = true;
        foreach (var segment in text.AsSpan(1).Split('&'))
        {
            redacted.Append(first ? '?' : '&');
            first = false;
            var pair = text.AsSpan(1)[segment];
            var equals = pair.IndexOf('=');
            if (equals >= 0)
            {
                redacted.Append(pair[..(equals + 1)]);
                if (equals + 1 < pair.Length)
                {
                    redacted.Append(Placeholder);
                }
            }
            else if (!pair.IsEmpty)
            {
                redacted.Append(Placeholder);
            }
        }

        return redacted.ToString();
    }
}
