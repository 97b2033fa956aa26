using System.CommandLine;
using Ory.Identity.Cli.Targets;

namespace Ory.Identity.Cli.Commands;

/// <summary>The options that name a target: <c>--sqlite</c>, <c>--postgres</c>, <c>--endpoint</c>, <c>--config</c>, <c>--schema</c>.</summary>
internal sealed class TargetArguments
{
    private readonly Option<string> _sqlite = new("--sqlite") { Description = "The SQLite database file of the library's store (created and migrated when missing).", HelpName = "file" };
    private readonly Option<string> _postgres = new("--postgres") { Description = "The connection string of the library's PostgreSQL store (migrated on first use).", HelpName = "connection string" };
    private readonly Option<string> _endpoint = new("--endpoint") { Description = "The base URL of a Kratos-compatible admin API (e.g. http://127.0.0.1:4434/).", HelpName = "admin base URL" };
    private readonly Option<string> _config = new("--config") { Description = "Configuration with kratos.yml keys (YAML or JSON): schemas, hashers, …", HelpName = "file" };
    private readonly Option<string[]> _schemas = new("--schema") { Description = "An identity schema, <id>=<url or file>; repeatable; the first is the default.", HelpName = "id=url", AllowMultipleArgumentsPerToken = false };

    public void AddTo(Command command)
    {
        command.Options.Add(_sqlite);
        command.Options.Add(_postgres);
        command.Options.Add(_endpoint);
        command.Options.Add(_config);
        command.Options.Add(_schemas);
    }

    public TargetOptions Read(ParseResult result) => new()
    {
        Sqlite = result.GetValue(_sqlite),
        Postgres = result.GetValue(_postgres),
        Endpoint = result.GetValue(_endpoint) is { } endpoint ? ParseEndpoint(endpoint, "--endpoint") : null,
        ConfigFile = result.GetValue(_config),
        Schemas = result.GetValue(_schemas) ?? [],
    };

    /// <summary>An admin base URL given to <paramref name="option"/>.</summary>
    /// <exception cref="TargetUnavailableException">Not an absolute http or https URL.</exception>
    public static Uri ParseEndpoint(string value, string option) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new TargetUnavailableException($"{option} takes an http or https base URL, got \"{value}\".");
}
