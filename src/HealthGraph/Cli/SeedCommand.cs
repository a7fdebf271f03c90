using System.CommandLine;
using System.Globalization;
using HealthGraph.Ingest.Seed;
using HealthGraph.Ingest.Synthetic;
using HealthGraph.Store;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph seed [--dir DIR] [--check] [--synthetic N [--random-seed S]]</c>: validate the seed files (plus, with
/// --synthetic, a generated portfolio of N deliverables) and load them into the configured store.
/// </summary>
public static class SeedCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir")
        {
            Description = "The seed folder (default: the seed data shipped with HealthGraph)",
            DefaultValueFactory = _ => new DirectoryInfo(Seeder.DefaultDirectory),
        };
        var checkOnly = new Option<bool>("--check") { Description = "Validate the seed files and load nothing" };
        var synthetic = new Option<int?>("--synthetic")
        {
            Description = "Add a synthetic benchmark portfolio of N deliverables (all INFERRED, ids starting 'syn-') to the seed files",
        };
        synthetic.Validators.Add(result =>
        {
            if (result.GetValue(synthetic) is < 0)
            {
                result.AddError("--synthetic must be a number of deliverables, 0 or more");
            }
        });
        var randomSeed = new Option<int>("--random-seed")
        {
            Description = "The random seed of the synthetic portfolio: the same N and seed give the same graph",
            DefaultValueFactory = _ => SyntheticSeed.DefaultRandomSeed,
        };
        var command = new Command("seed", "Validate the curated seed files and load them into the configured store")
        {
            directory,
            checkOnly,
            synthetic,
            randomSeed,
            IatiImportCommand.Create(),
            WorkbookImportCommand.Create(),
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var generate = parse.GetValue(synthetic) is int n ? (n, parse.GetValue(randomSeed)) : ((int, int)?)null;
            return RunAsync(parse.GetValue(directory)!, generate, parse.GetValue(checkOnly), parse.UnmatchedTokens, cancellationToken);
        });
        return command;
    }

    private static Task<int> RunAsync(
        DirectoryInfo directory, (int, int)? synthetic, bool checkOnly, IReadOnlyList<string> settings, CancellationToken cancellationToken) =>
        CommandHost.RunAsync(
            settings,
            "The store could not be reached or refused the load; nothing more was written.",
            services => SeedAsync(services, directory, synthetic, checkOnly, cancellationToken),
            services => services.AddSingleton<Seeder>());

    private static async Task<int> SeedAsync(
        IServiceProvider services, DirectoryInfo directory, (int, int)? synthetic, bool checkOnly, CancellationToken cancellationToken)
    {
        var seeder = services.GetRequiredService<Seeder>();
        var store = services.GetRequiredService<IGraphStore>();
        var console = AnsiConsole.Console;

        if (!checkOnly)
        {
            console.MarkupLine($"Store: {Markup.Escape(store.Description)}");
        }

        SeedResult result = null!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Progress<LoadProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Phase, out var task))
                    {
                        tasks[p.Phase] = task = context.AddTask($"Loading {p.Phase}", maxValue: p.Total);
                    }

                    task.Value = p.Done;
                });
                result = await seeder.SeedAsync(directory.FullName, synthetic, checkOnly, progress, cancellationToken);
            });

        if (!result.IsValid)
        {
            var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            error.MarkupLine($"[red]The seed files have {result.Problems.Count} problem(s); nothing was loaded:[/]");
            foreach (var problem in result.Problems)
            {
                error.WriteLine($"  {problem}");
            }

            return 1;
        }

        var steps = string.Join(", ", result.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step} {s.Elapsed.TotalMilliseconds:F0} ms")));
        if (result.Report is null)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]The seed files are valid:[/] {result.NodeCount} nodes and {result.RelationshipCount} relationships ({result.Elapsed.TotalMilliseconds:F0} ms: {steps})."));
            return 0;
        }

        console.Write(SeedCommandTables.Counts("Nodes by label", result.Report.Nodes, result.Report.After.NodesByLabel));
        console.Write(SeedCommandTables.Counts("Relationships by type", result.Report.Relationships, result.Report.After.RelationshipsByType));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.Report.ChangedAnything ? "[green]Loaded[/]" : "[green]Already up to date[/]")}: {result.Report.After.NodeCount} nodes and {result.Report.After.RelationshipCount} relationships in the store; seed took {result.Elapsed.TotalMilliseconds:F0} ms ({steps})."));
        if (result.Report.Phases.Count > 0)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Load phases: {string.Join(", ", result.Report.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Phase} {p.Elapsed.TotalMilliseconds:F0} ms")))}.")));
        }

        return 0;
    }
}
