using System.CommandLine;
using System.Globalization;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph seed import-iati FILE... [--skip-invalid]</c>: import IATI Activity Standard files (2.01 to 2.03) into
/// the configured store (see <see cref="IatiImporter"/>). Exit code 1 when activities are invalid (nothing written
/// unless --skip-invalid) or a file cannot be read, 2 when the store or configuration fails.
/// </summary>
public static class IatiImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "IATI activity files (XML, IATI Activity Standard 2.01 to 2.03)",
            Arity = ArgumentArity.OneOrMore,
        };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Skip invalid activities (they are reported) and load the rest; without it, any problem means nothing is written",
        };
        var command = new Command("import-iati", "Import IATI activity files: activities as deliverables, with their organisations, SDG alignments, themes, results and amounts")
        {
            files,
            skipInvalid,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            // Store settings (--Key=value) pass through like the seed command's; everything else is a file.
            var tokens = (parse.GetValue(files) ?? []).Concat(parse.UnmatchedTokens).ToList();
            var settings = tokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)).ToList();
            var paths = tokens.Where(t => !t.StartsWith("--", StringComparison.Ordinal)).ToList();
            return RunAsync(paths, parse.GetValue(skipInvalid), settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(List<string> paths, bool skipInvalid, List<string> settings, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            return CommandOutput.Fail("Name at least one IATI activity file.", 1);
        }

        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            // `dotnet run` starts in the project's folder, so a relative path may not be where the user thinks.
            return CommandOutput.Fail($"There is no file {missing} (looked for {Path.GetFullPath(missing)}; relative paths start from {Environment.CurrentDirectory}).", 1);
        }

        return await CommandHost.RunAsync(
            settings,
            "The store could not be reached or refused the import; batches written before the failure stay (a re-run completes the import).",
            async services =>
            {
                try
                {
                    return await ImportAsync(services, paths, skipInvalid, cancellationToken);
                }
                catch (NoSdgFrameworkException e)
                {
                    return CommandOutput.Fail(e.Message);
                }
            });
    }

    private static async Task<int> ImportAsync(IServiceProvider services, List<string> paths, bool skipInvalid, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IGraphStore>();
        await store.InitializeAsync(cancellationToken);
        var console = AnsiConsole.Console;
        var started = System.Diagnostics.Stopwatch.StartNew();

        IatiImportResult result = null!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var check = context.AddTask("Checking activities", maxValue: 1).IsIndeterminate();
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Progress<IatiProgress>(p =>
                {
                    if (p.Phase == "checked")
                    {
                        check.Description = string.Create(CultureInfo.InvariantCulture, $"Checked {p.Done:N0} activities");
                        if (p.Total is not null)
                        {
                            check.IsIndeterminate(false).Value(1);
                        }

                        return;
                    }

                    if (!tasks.TryGetValue(p.Phase, out var task))
                    {
                        tasks[p.Phase] = task = context.AddTask(p.Phase, maxValue: Math.Max(1, p.Total ?? 1));
                    }

                    task.Value = p.Done;
                    task.Description = p.Phase == "loaded"
                        ? string.Create(CultureInfo.InvariantCulture, $"Mapped and written {p.Done:N0} of {p.Total:N0} activities")
                        : string.Create(CultureInfo.InvariantCulture, $"Loading {p.Phase["store ".Length..]} {p.Done:N0} of {p.Total:N0}");
                });
                result = await new IatiImporter(store).ImportAsync(paths, skipInvalid, progress, cancellationToken);
            });

        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (result.Problems.Count > 0)
        {
            error.MarkupLine(result.Written
                ? $"[yellow]{result.Invalid:N0} invalid activit(ies) skipped ({result.Problems.Count:N0} problem(s)):[/]"
                : result.Invalid > 0
                    ? $"[red]{result.Invalid:N0} of {result.ActivitiesRead:N0} activities are invalid ({result.Problems.Count:N0} problem(s)); nothing was written (--skip-invalid loads the valid ones):[/]"
                    : "[red]The import stopped; nothing was written:[/]");
            foreach (var problem in result.Problems)
            {
                error.WriteLine($"  {problem}");
            }
        }

        foreach (var message in result.Messages)
        {
            console.WriteLine(message);
        }

        if (!result.Written)
        {
            return 1;
        }

        console.Write(SeedCommandTables.Counts("Nodes by label", result.Nodes, result.After!.NodesByLabel));
        console.Write(SeedCommandTables.Counts("Relationships by type", result.Relationships, result.After.RelationshipsByType));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.ChangedAnything ? "[green]Imported[/]" : "[green]Already up to date[/]")}: {result.ActivitiesRead:N0} activities read from {result.Files} file(s), {result.Invalid:N0} invalid skipped, {result.Loaded:N0} loaded ({result.New:N0} new, {result.Replaced:N0} replacing a stored version), {result.SkippedOlder:N0} older than the stored version skipped, {result.Superseded:N0} repeated in the files; {result.Removed:N0} relationship(s) removed; {started.Elapsed.TotalSeconds:F1} s."));
        return 0;
    }
}
