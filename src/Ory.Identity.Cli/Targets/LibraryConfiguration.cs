using Microsoft.Extensions.Configuration;

namespace Ory.Identity.Cli.Targets;

/// <summary>
/// The library's configuration for a store target, with kratos.yml key names: <c>--config</c> (YAML or JSON) first, then
/// each <c>--schema id=url</c> as <c>identity.schemas[i]</c> (the first is the default schema unless the file names
/// one). Relative <c>file://</c> URLs and bare paths are resolved against the config file's folder or the working
/// directory.
/// </summary>
internal static class LibraryConfiguration
{
    public static IConfiguration Build(TargetOptions options)
    {
        var builder = new ConfigurationBuilder();
        var baseDirectory = Directory.GetCurrentDirectory();
        if (options.ConfigFile is { } file)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new TargetUnavailableException($"The configuration file {file} does not exist.");
            }

            baseDirectory = Path.GetDirectoryName(path)!;
            if (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                builder.AddYamlFile(path, optional: false);
            }
            else
            {
                builder.AddJsonFile(path, optional: false);
            }
        }

        var fromFile = builder.Build();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var schemas = fromFile.GetSection("identity:schemas").GetChildren().ToList();
        foreach (var schema in schemas)
        {
            if (schema["url"] is { } url)
            {
                values[$"identity:schemas:{schema.Key}:url"] = ResolveUrl(url, baseDirectory);
            }
        }

        var index = schemas.Count;
        foreach (var pair in options.Schemas)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new TargetUnavailableException($"--schema takes <id>=<url>, got \"{pair}\".");
            }

            values[$"identity:schemas:{index}:id"] = pair[..equals];
            values[$"identity:schemas:{index}:url"] = ResolveUrl(pair[(equals + 1)..], Directory.GetCurrentDirectory());
            if (index == 0 && fromFile["identity:default_schema_id"] is null)
            {
                values["identity:default_schema_id"] = pair[..equals];
            }

            index++;
        }

        if (index == 0)
        {
            throw new TargetUnavailableException("A store target needs identity schemas: --config <kratos.yml> or --schema <id>=<url>.");
        }

        builder.AddInMemoryCollection(values);
        return builder.Build();
    }

    private static string ResolveUrl(string url, string baseDirectory)
    {
        if (url.StartsWith("file://", StringComparison.Ordinal))
        {
            var path = url["file://".Length..];
            return Path.IsPathRooted(path) ? url : "file://" + Path.GetFullPath(Path.Combine(baseDirectory, path));
        }

        return url.Contains("://", StringComparison.Ordinal) || url.StartsWith("base64://", StringComparison.Ordinal)
            ? url
            : "file://" + Path.GetFullPath(Path.Combine(baseDirectory, url));
    }
}
