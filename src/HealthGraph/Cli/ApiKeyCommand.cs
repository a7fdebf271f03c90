using System.CommandLine;
using HealthGraph.Web.Security;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph apikey --name NAME [--role editor]</c>: makes a new API key, prints it once, and prints the settings
/// that grant it (its SHA-256 only, so the key itself is never in configuration, the repository or a log).
/// </summary>
public static class ApiKeyCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "Whose key it is; changes made with it are recorded under this name", Required = true };
        var roles = new Option<string[]>("--role") { Description = $"A role of the key, such as {Roles.Editor} (repeat for several; none: a key for reads)" };
        var index = new Option<int>("--index") { Description = "Its place in Auth:ApiKeys (default 0)", DefaultValueFactory = _ => 0 };
        var command = new Command("apikey", "Make a new API key and print the settings that grant it") { name, roles, index };
        command.SetAction(parse => Print(parse.GetValue(name)!, parse.GetValue(roles) ?? [], parse.GetValue(index)));
        return command;
    }

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
