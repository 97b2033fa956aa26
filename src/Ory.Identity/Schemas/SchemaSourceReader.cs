namespace Ory.Identity;

/// <summary>
/// Reads an identity schema body from its configured URL: <c>file://path</c> (relative to the host's content root, else
/// the working directory; or <c>file:///abs</c>), <c>base64://&lt;standard base64&gt;</c>, or inline JSON text. Network URLs are refused.
/// </summary>
internal static class SchemaSourceReader
{
    /// <summary>Kratos's cap on a schema body: 1 MiB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Returns the schema body bytes; throws <see cref="InvalidOperationException"/> naming the schema id.</summary>
    /// <param name="schemaId">The schema's id, for messages.</param>
    /// <param name="url">The configured URL.</param>
    /// <param name="fileRoot">The folder relative <c>file://</c> paths resolve against; the working directory when null.</param>
    public static byte[] Read(string schemaId, string url, string? fileRoot)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw Fail(schemaId, "has no url");
        }

        var trimmed = url.Trim();
        byte[] body;
        if (trimmed.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            var path = trimmed["file://".Length..];
            if (path.Length == 0)
            {
                throw Fail(schemaId, "has an empty file:// path");
            }

            try
            {
                var info = new FileInfo(ContentRootFiles.FullPath(path, fileRoot));
                if (info.Exists && info.Length > MaxBodyBytes)
                {
                    throw Fail(schemaId, $"is larger than {MaxBodyBytes} bytes");
                }

                body = File.ReadAllBytes(info.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw Fail(schemaId, $"could not be read from {trimmed}: {ex.Message}", ex);
            }
        }
        else if (trimmed.StartsWith("base64://", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDecodeBase64(trimmed["base64://".Length..], out body))
            {
                throw Fail(schemaId, "has a base64:// url that is not valid standard base64");
            }
        }
        else if (trimmed.StartsWith('{'))
        {
            body = System.Text.Encoding.UTF8.GetBytes(trimmed);
        }
        else if (trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                 || trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(schemaId, "uses a network url; schemas are never fetched over the network (use file://, base64:// or inline JSON)");
        }
        else
        {
            throw Fail(schemaId, "has an unsupported url scheme (use file://, base64:// or inline JSON)");
        }

        if (body.Length > MaxBodyBytes)
        {
            throw Fail(schemaId, $"is larger than {MaxBodyBytes} bytes");
        }

        return body;
    }

    /// <summary>Decodes standard base64 (padding optional).</summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        var padded = text.Trim();
        if (padded.Length % 4 != 0)
        {
            padded = padded.PadRight(padded.Length + (4 - (padded.Length % 4)), '=');
        }

        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static InvalidOperationException Fail(string schemaId, string problem, Exception? inner = null) =>
        new($"Identity schema \"{schemaId}\" {problem}.", inner);
}
