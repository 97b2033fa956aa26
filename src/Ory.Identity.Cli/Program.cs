// ory-identity: the command-line tool of Ory.Identity (see README.md and docs/import-users.md).
using Ory.Identity.Cli;

return await OryIdentityCommandLine.RunAsync(args, CliConsole.System).ConfigureAwait(false);
