using System.CommandLine;
using System.Globalization;
using HealthGraph.Api.Features.ApiKeys;
using HealthGraph.Store;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph apikey issue|list|revoke</c>: the keys an administrator issues, kept in the configured store (their
/// SHA-256 only), as the explorer's Keys page and the API's issueApiKey do. <c>healthgraph apikey --name NAME [--role
/// editor]</c> makes a key for the server's configuration instead (the first administrator's, say) and prints the settings
/// that grant it (its SHA-256 only, so the key itself is never in configuration, the repository or a log).
/// </summary>
public static class ApiKeyCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Whose key it is; changes made with it are recorded under this name", Required = true };
        var roles = new Option<string[]>("--role") { Description = $"A role of the key, such as {Roles.Editor} (repeat for several; none: a key for reads)" };
        var index = new Option<int>("--index") { Description = "Its place in Auth:ApiKeys (default 0)", DefaultValueFactory = _ => 0 };
        var command = new Command("apikey", "Make a new API key and print the settings that grant it; or issue, list and revoke keys kept in the store")
        {
            name, roles, index, Issue(), List(), Revoke(),
        };
        command.SetAction(parse => Print(parse.GetValue(name)!, parse.GetValue(roles) ?? [], parse.GetValue(index)));
        return command;
    }

    /// <summary>Who issues and revokes keys from the command line: the account that ran the command, on the server.</summary>
    private static string Operator => $"command:{Environment.UserName}";

    private static Command Issue()
    {
        var name = new Option<string>("--name") { Description = "Whose key it is; changes made with it are recorded as key:<name>", Required = true };
        var role = new Option<string>("--role") { Description = $"{Roles.Editor} (changes its organisations' work) or {Roles.Administrator}", DefaultValueFactory = _ => Roles.Editor };
        var organisations = new Option<string[]>("--organisation") { Description = "An organisation whose work an editor's key changes (repeat for several)" };
        var command = new Command("issue", "Issue a key kept in the store (its hash only) and print it once") { name, role, organisations };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "Issuing the key failed:", async (services, keys) =>
        {
            var input = new IssueApiKeyInput { Name = parse.GetValue(name)!, Role = parse.GetValue(role)!, OrganizationIds = parse.GetValue(organisations) };
            var validator = new IssueApiKeyInputValidator(services.GetRequiredService<IGraphStore>(), services.GetRequiredService<IOptionsMonitor<AccessOptions>>());
            var problems = await validator.ValidateAsync(input, cancellationToken);
            if (!problems.IsValid)
            {
                return CommandOutput.Fail(string.Join(Environment.NewLine, problems.Errors.Select(e => e.ErrorMessage)), exitCode: 1);
            }

            var (key, stored, error) = await ApiKeyIssuing.IssueAsync(keys, input, Operator, TimeProvider.System.GetUtcNow(), cancellationToken);
            if (error is not null)
            {
                return CommandOutput.Fail(error.Message, exitCode: 1);
            }

            AnsiConsole.MarkupLine($"[bold]The key[/] (shown once; give it to {Markup.Escape(stored!.Name)} and keep it secret):");
            Console.Out.WriteLine(key);
            AnsiConsole.MarkupLine($"Kept in the store as its hash, with the role {Markup.Escape(string.Join(", ", stored.Roles))}" +
                (stored.Organisations.Count > 0 ? $" for the work of {Markup.Escape(string.Join(", ", stored.Organisations))}" : "") +
                $". Callers send it in the [bold]{ApiKeyAuthenticationHandler.Header}[/] header; `healthgraph apikey revoke --name {Markup.Escape(stored.Name)}` stops it.");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the keys kept in the store, revoked ones included (never the keys themselves)");
        command.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "Listing the keys failed:", async (_, keys) =>
        {
            // One line per key, tab-separated, so that a script can read it and a long name is never wrapped.
            Console.Out.WriteLine("name\troles\torganisations\tissued\tissued by\trevoked\trevoked by");
            string? after = null;
            while (await keys.GetApiKeysAsync(100, after, cancellationToken) is { Count: > 0 } page)
            {
                foreach (var key in page)
                {
                    Console.Out.WriteLine(string.Join('\t',
                        key.Name, string.Join(',', key.Roles), string.Join(',', key.Organisations), key.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                        key.CreatedBy, key.RevokedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "", key.RevokedBy ?? ""));
                }

                after = page[^1].Name;
            }

            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var name = new Option<string>("--name") { Description = "The key's name", Required = true };
        var command = new Command("revoke", "Revoke a key kept in the store: it is refused from its next request on") { name };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "Revoking the key failed:", async (_, keys) =>
        {
            var revoked = await keys.RevokeApiKeyAsync(parse.GetValue(name)!, Operator, TimeProvider.System.GetUtcNow(), cancellationToken);
            if (revoked is null)
            {
                return CommandOutput.Fail($"There is no key named '{parse.GetValue(name)}' in the store (a key in the configuration is revoked by removing it there).", exitCode: 1);
            }

            AnsiConsole.MarkupLine($"[green]Revoked[/] {Markup.Escape(revoked.Name)} at {revoked.RevokedAt:O} (by {Markup.Escape(revoked.RevokedBy ?? "")}).");
            return 0;
        }));
        return command;
    }

    private static Task<int> RunAsync(IReadOnlyList<string> settings, string failed, Func<IServiceProvider, IApiKeyStore, Task<int>> run) =>
        CommandHost.RunAsync(
            settings, failed, services => run(services, services.GetRequiredService<IApiKeyStore>()),
            services => services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section));

    private static int Print(string name, string[] roles, int index)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return CommandOutput.Fail("--name must name the key's owner.", exitCode: 1);
        }

        var key = ApiKeys.Create();
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]The key[/] (shown once; give it to {Markup.Escape(name)} and keep it secret):");
        Console.Out.WriteLine(key); // plain writes: Spectre would wrap a long line where it is redirected
        Console.Out.WriteLine();
        console.MarkupLine("[bold]The settings that grant it[/] (environment variables; the hash is not a secret):");
        Console.Out.WriteLine($"Auth__ApiKeys__{index}__Name={name}");
        Console.Out.WriteLine($"Auth__ApiKeys__{index}__Hash={ApiKeys.Hash(key)}");
        for (var i = 0; i < roles.Length; i++)
        {
            Console.Out.WriteLine($"Auth__ApiKeys__{index}__Roles__{i}={roles[i]}");
        }

        console.MarkupLine($"Callers send it in the [bold]{ApiKeyAuthenticationHandler.Header}[/] header.");
        return 0;
    }
}
