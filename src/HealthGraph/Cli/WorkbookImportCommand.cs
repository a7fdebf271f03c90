using System.CommandLine;
using System.Globalization;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Store;
using Spectre.Console;

namespace HealthGraph.Cli;

/// <summary>
/// <c>healthgraph seed import-workbook FILE [--sheet S] [--map "Header=key"]... [--create-missing] [--remove-missing]
/// [--skip-invalid] [--report FILE.csv]</c>: import a council's who-what-where-when workbook, XLSX or CSV (see <see cref="WorkbookImporter"/>).
/// Every problem is printed (and written to the report file when asked); exit code 1 when the workbook has errors
/// (nothing written) or cannot be read, 2 when the store or configuration fails.
/// </summary>
public static class WorkbookImportCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The workbook: the template or a 3W/4W file (XLSX or CSV)" };
        var sheet = new Option<string?>("--sheet") { Description = "The sheet to read (by default the first visible one)" };
        var map = new Option<string[]>("--map")
        {
            Description = "A column the file names in its own way: \"header or column letter=key\" (keys: " + string.Join(", ", WorkbookColumns.All.Select(c => c.Key)) + ")",
            AllowMultipleArgumentsPerToken = false,
        };
        var createMissing = new Option<bool>("--create-missing") { Description = "Create the organisations, themes and places the store does not know (stated by the workbook) instead of reporting them" };
        var removeMissing = new Option<bool>("--remove-missing") { Description = "Remove the work an earlier import of this workbook wrote and it no longer has (otherwise only reported)" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Leave out the rows with errors (they are reported) and import the rest; without it, any error means nothing is written" };
        var report = new Option<string?>("--report") { Description = "Write every problem to this CSV file (sheet, row, column, severity, message)" };
        var command = new Command("import-workbook", "Import a who-what-where-when workbook (XLSX or CSV): a piece of work per row, with its organisations, themes, SDG targets, places, dates and budget")
        {
            file, sheet, map, createMissing, removeMissing, skipInvalid, report,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = parse.UnmatchedTokens.Where(t => t.StartsWith("--", StringComparison.Ordinal)).ToList();
            var options = new WorkbookImportOptions
            {
                Sheet = parse.GetValue(sheet),
                CreateMissing = parse.GetValue(createMissing),
                RemoveMissing = parse.GetValue(removeMissing),
                SkipInvalid = parse.GetValue(skipInvalid),
                Mapping = (parse.GetValue(map) ?? []).Select(m => m.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim()),
            };
            var bad = (parse.GetValue(map) ?? []).FirstOrDefault(m => !m.Contains('=', StringComparison.Ordinal));
            return bad is not null
                ? Task.FromResult(CommandOutput.Fail($"--map '{bad}' needs the form \"header or column letter=key\".", 1))
                : RunAsync(parse.GetValue(file)!, options, parse.GetValue(report), settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string path, WorkbookImportOptions options, string? reportPath, List<string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return CommandOutput.Fail($"There is no file {path} (looked for {Path.GetFullPath(path)}; relative paths start from {Environment.CurrentDirectory}).", 1);
        }

        WorkbookSheet sheet;
        try
        {
            sheet = WorkbookReader.Read(path, options.Sheet);
        }
        catch (WorkbookFileException e)
        {
            return CommandOutput.Fail(e.Message, 1);
        }

        return await CommandHost.RunAsync(
            settings,
            "The store could not be reached or refused the import; batches written before the failure stay (a re-run completes the import).",
            async services =>
            {
                var store = services.GetRequiredService<IGraphStore>();
                await store.InitializeAsync(cancellationToken);
                var started = System.Diagnostics.Stopwatch.StartNew();
                WorkbookImportReport result;
                try
                {
                    result = await new WorkbookImporter(store).ImportAsync(sheet, options, cancellationToken);
                }
                catch (WorkbookFileException e)
                {
                    return CommandOutput.Fail(e.Message, 1);
                }

                return Print(result, reportPath, started.Elapsed, await store.GetStatisticsAsync(cancellationToken));
            });
    }

    private static int Print(WorkbookImportReport result, string? reportPath, TimeSpan elapsed, GraphStatistics after)
    {
        var console = AnsiConsole.Console;
        console.WriteLine($"Sheet '{result.Sheet}': {result.Rows:N0} rows; columns found:");
        foreach (var note in result.Layout)
        {
            console.WriteLine($"  {note}");
        }

        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        foreach (var problem in result.Problems.Take(200))
        {
            error.WriteLine($"  {problem}");
        }

        if (result.Problems.Count > 200)
        {
            error.WriteLine($"  … and {result.Problems.Count - 200:N0} more{(reportPath is null ? " (--report FILE.csv writes them all)" : "")}.");
        }

        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, result.ToCsv());
            console.WriteLine($"The report ({result.Problems.Count:N0} problem(s)) is in {Path.GetFullPath(reportPath)}.");
        }

        if (!result.Written)
        {
            error.MarkupLine($"[red]{result.Errors:N0} error(s) in the workbook: nothing was written (--skip-invalid imports the rows without errors).[/]");
            return 1;
        }

        console.Write(SeedCommandTables.Counts("Nodes by label", result.Nodes, after.NodesByLabel));
        console.Write(SeedCommandTables.Counts("Relationships by type", result.Relationships, after.RelationshipsByType));
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.ChangedAnything ? "[green]Imported[/]" : "[green]Already up to date[/]")} as document {result.DocumentId}: {result.Work:N0} piece(s) of work from {result.Rows:N0} rows, {result.Errors:N0} row error(s) left out, {result.Warnings:N0} warning(s), {result.Created.Count:N0} organisation(s), theme(s) and place(s) created, {result.Removed:N0} piece(s) of work removed; {elapsed.TotalSeconds:F1} s."));
        return 0;
    }
}
