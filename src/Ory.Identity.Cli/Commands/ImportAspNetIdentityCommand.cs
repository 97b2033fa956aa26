using System.CommandLine;
using Microsoft.Data.Sqlite;
using Npgsql;
using Ory.Identity.Cli.Sources;
using Ory.Identity.Cli.Sources.AspNetIdentity;

namespace Ory.Identity.Cli.Commands;

/// <summary>
/// <c>ory-identity import aspnet-identity --source-sqlite &lt;file&gt; | --source-postgres "&lt;conn&gt;"</c>: the users of an
/// ASP.NET Core Identity database (the tables EF Core creates), mapped by <see cref="AspNetIdentityUserMapper"/>.
/// <c>--dry-run</c> prints the first users' mapping (secrets redacted) and validates every user in a throwaway
/// in-memory store.
/// </summary>
internal static class ImportAspNetIdentityCommand
{
    private const int PreviewCount = 5;

    public static Command Create(CliConsole console)
    {
        var sourceSqlite = new Option<string>("--source-sqlite") { Description = "The ASP.NET Core Identity SQLite database file (read only).", HelpName = "file" };
        var sourcePostgres = new Option<string>("--source-postgres") { Description = "The connection string of the ASP.NET Core Identity PostgreSQL database (read only).", HelpName = "connection string" };
        var schemaId = new Option<string>("--schema-id") { Description = "The identity schema the users get.", DefaultValueFactory = _ => "default" };
        var traits = new Option<string[]>("--trait") { Description = "A trait, <JSON pointer>=<AspNetUsers column or claim type>; repeatable. /email=Email unless given.", HelpName = "pointer=column" };
        var totpIssuer = new Option<string>("--totp-issuer") { Description = "The issuer in the imported TOTP URLs (what authenticator apps show).", DefaultValueFactory = _ => "ory-identity" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Prints the first users' mapping (secrets redacted) and validates every user without writing." };
        var arguments = new ImportArguments();
        var command = new Command("aspnet-identity", "Imports the users of an ASP.NET Core Identity database (AspNetUsers, logins, tokens, claims).")
        {
            sourceSqlite, sourcePostgres, schemaId, traits, totpIssuer, dryRun,
        };
        arguments.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var preview = result.GetValue(dryRun);
            return ImportExecution.RunAsync(
                () =>
                {
                    var settings = arguments.Read(result);
                    return preview ? settings with { Target = settings.Target with { InMemory = true, Sqlite = null, Postgres = null, Endpoint = null } } : settings;
                },
                console,
                () =>
                {
                    var sqlite = result.GetValue(sourceSqlite);
                    var postgres = result.GetValue(sourcePostgres);
                    if ((sqlite is null) == (postgres is null))
                    {
                        throw new SourceFormatException("Name exactly one source: --source-sqlite <file> or --source-postgres \"<connection string>\".");
                    }

                    if (sqlite is not null && !File.Exists(sqlite))
                    {
                        throw new SourceFormatException($"The file {sqlite} does not exist.");
                    }

                    var reader = sqlite is not null
                        ? new AspNetIdentityReader(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlite, Mode = SqliteOpenMode.ReadOnly }.ToString()), postgres: false)
                        : new AspNetIdentityReader(() => new NpgsqlConnection(postgres), postgres: true);
                    var mapping = AspNetIdentityMapping.Create(result.GetValue(schemaId)!, result.GetValue(traits) ?? [], result.GetValue(totpIssuer)!);
                    IImportSource source = new AspNetIdentitySource(reader, mapping);
                    return preview ? new PreviewingSource(source, PreviewCount, console.Out) : source;
                },
                cancellationToken);
        });
        return command;
    }
}
