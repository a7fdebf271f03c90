using System.Globalization;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>What the command-line tools (seed, backup, restore) share in how they print.</summary>
internal static class CommandOutput
{
    /// <summary>Writes the message in red to standard error and returns the exit code (2: configuration or store failure).</summary>
    public static int Fail(string message, int exitCode = 2)
    {
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return exitCode;
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
