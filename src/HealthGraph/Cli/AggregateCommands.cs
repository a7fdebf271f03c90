using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HealthGraph.Store;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph aggregates rebuild</c> and <c>healthgraph aggregates check</c>: the aggregates the coordination answers
/// read (docs/aggregates.md), rebuilt from the graph or compared with a recomputation, in the configured store (the same
/// registration as the API).
/// </summary>
public static class AggregateCommands
{
    /// <summary>Exit code of a check that found differences.</summary>
    public const int Inexact = 3;

    public static Command Create()
    {
        var rebuild = new Command("rebuild", "Rebuild the aggregates from the graph (after an outage, or writes made around HealthGraph); the API may keep serving");
        rebuild.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "rebuild", async (store, console) =>
        {
            var timer = Stopwatch.StartNew();
            await store.RebuildAggregatesAsync(cancellationToken);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[green]Rebuilt[/] the aggregates in {timer.Elapsed.TotalSeconds:F1} s; checking them."));
            try
            {
                return Report(console, await store.CheckAggregatesAsync(cancellationToken: cancellationToken));
            }
            catch (StoreException e)
            {
                return CommandOutput.Fail($"The aggregates are rebuilt, but the check after it failed: {e.Message}");
            }
        }));
        var check = new Command("check", "Compare the partner-overlap aggregate with a recomputation from the graph; exit code 3 if they differ");
        check.SetAction((parse, cancellationToken) => RunAsync(parse.UnmatchedTokens, "check", async (store, console) =>
            Report(console, await store.CheckAggregatesAsync(cancellationToken: cancellationToken))));
        return new Command("aggregates", "The aggregates behind the coordination answers: rebuild or check them") { rebuild, check };
    }

    private static int Report(IAnsiConsole console, AggregateCheck check)
    {
        if (check.IsExact)
        {
            console.MarkupLine($"[green]Exact:[/] {CommandOutput.Number(check.Rows)} partner-overlap rows, each equal to its recomputation.");
            return 0;
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[red]{check.DifferenceCount} keys differ[/] from their recomputation (of {CommandOutput.Number(check.Rows)} rows); `healthgraph aggregates rebuild` repairs them. The first:"));
        foreach (var difference in check.Differences)
        {
            console.MarkupLine("  " + Markup.Escape(difference));
        }

        return Inexact;
    }

    private static Task<int> RunAsync(IReadOnlyList<string> settings, string verb, Func<IAggregateStore, IAnsiConsole, Task<int>> run) =>
        CommandHost.RunAsync(settings, $"The aggregates {verb} failed:", services =>
            run(services.GetRequiredService<IGraphStore>() as IAggregateStore
                ?? throw new InvalidOperationException("The configured store keeps no aggregates."), AnsiConsole.Console));
}
