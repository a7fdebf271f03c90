using System.Diagnostics;
using System.Globalization;
using HealthGraph.Ingest.Seed;
using HealthGraph.Ingest.Workbook;
using MiniExcelLibs;

namespace HealthGraph.Benchmarks;

/// <summary>
/// The council workbook import at scale: writes a deterministic template workbook (XLSX) of N rows naming the seed's
/// agencies, partners, themes, regions, districts and SDG targets, with dates and budgets, then runs
/// <c>healthgraph seed import-workbook</c> on it into a freshly seeded SQLite store (a process of its own, so its peak
/// resident memory is the import's) and prints the time and the peak, then the time of a re-import (nothing changes).
/// </summary>
public static class WorkbookBenchmark
{
    private static readonly string[] s_agencies = ["WHO", "ILO", "IOM", "UNICEF", "European Union", "World Bank"];

    private static readonly string[] s_words = ["health", "workforce", "primary care", "maternal", "nutrition", "immunization", "social protection", "training", "survey", "financing", "migration", "youth employment"];

    public static async Task<int> RunAsync(int rows, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("healthgraph-workbook-benchmark-").FullName;
        try
        {
            var path = Path.Combine(folder, $"council-{rows}.xlsx");
            await WriteAsync(rows, path, 7);
            output.WriteLine($"Workbook: {rows:N0} rows, {new FileInfo(path).Length / 1024.0 / 1024:F1} MB ({path})");
            var store = $"--Sqlite:Path={Path.Combine(folder, "graph.db")}";
            var (seedStatus, _, _) = await RunAsync(["seed", store], cancellationToken);
            if (seedStatus != 0)
            {
                output.WriteLine("The seed failed.");
                return 1;
            }

            foreach (var run in new[] { "import", "re-import (nothing changes)" })
            {
                var (status, time, peak) = await RunAsync(["seed", "import-workbook", path, store], cancellationToken);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}: exit {status}, {time.TotalSeconds:F1} s, peak resident memory {peak / 1024.0 / 1024:F0} MB"));
                if (status != 0)
                {
                    return 1;
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the workbook: the same rows and random seed give the same rows.</summary>
    public static async Task WriteAsync(int rows, string path, int randomSeed)
    {
        var random = new Random(randomSeed);
        var regions = new[] { "TJ-DU", "TJ-SU", "TJ-KT", "TJ-RA", "TJ-GB" };
        var gazetteer = File.ReadLines(Path.Combine(Seeder.DefaultDirectory, SeedSet.Files.Gazetteer)).Skip(1).Select(l => l.Split(',')).Where(f => f[1] == "2").Select(f => f[2]).ToArray();
        var targets = File.ReadLines(Path.Combine(Seeder.DefaultDirectory, SeedSet.Files.SdgFramework)).Skip(1).Select(l => l.Split(',', 3)).Where(f => f[0] == "target").Select(f => f[1]).ToArray();
        var themes = new[] { "health-workforce", "universal-health-coverage", "primary-health-care", "social-protection", "capacity-building", "evidence-to-policy" };
        var columns = WorkbookColumns.All.Where(c => c.InTemplate).ToList();
        IEnumerable<Dictionary<string, object?>> Rows()
        {
            yield return columns.ToDictionary(c => c.Header, c => (object?)c.Hxl);
            for (var i = 1; i <= rows; i++)
            {
                var start = new DateOnly(2020 + random.Next(6), 1 + random.Next(12), 1);
                var district = random.Next(3) == 0 ? gazetteer[random.Next(gazetteer.Length)] : "";
                var cells = new Dictionary<string, object?>
                {
                    [WorkbookColumns.Id] = $"council-{i:D6}",
                    [WorkbookColumns.Implementer] = s_agencies[random.Next(4)],
                    [WorkbookColumns.Funder] = random.Next(2) == 0 ? s_agencies[4 + random.Next(2)] : "",
                    [WorkbookColumns.Title] = $"{s_words[random.Next(s_words.Length)]} {s_words[random.Next(s_words.Length)]} programme {i}",
                    [WorkbookColumns.Description] = "",
                    [WorkbookColumns.Themes] = string.Join("; ", themes.OrderBy(_ => random.Next()).Take(1 + random.Next(2))),
                    [WorkbookColumns.Targets] = string.Join("; ", targets.OrderBy(_ => random.Next()).Take(random.Next(3))),
                    [WorkbookColumns.Region] = district.Length > 0 ? "" : regions[random.Next(regions.Length)],
                    [WorkbookColumns.District] = district,
                    [WorkbookColumns.Start] = start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    [WorkbookColumns.End] = start.AddYears(1 + random.Next(3)).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    [WorkbookColumns.Status] = random.Next(4) == 0 ? "pipeline" : "implementation",
                    [WorkbookColumns.Budget] = random.Next(3) == 0 ? "" : (10_000 * (1 + random.Next(500))).ToString(CultureInfo.InvariantCulture),
                    [WorkbookColumns.Currency] = "",
                    [WorkbookColumns.Counterparts] = random.Next(2) == 0 ? "mohsp" : "",
                    [WorkbookColumns.Source] = "Council matrix 2025",
                    [WorkbookColumns.Excerpt] = "",
                };
                cells[WorkbookColumns.Currency] = (string)cells[WorkbookColumns.Budget]! == "" ? "" : random.Next(2) == 0 ? "USD" : "EUR";
                yield return columns.ToDictionary(c => c.Header, c => cells[c.Key]);
            }
        }

        await MiniExcel.SaveAsAsync(path, Rows(), sheetName: WorkbookTemplate.WorkSheet, overwriteFile: true);
    }

    private static async Task<(int Status, TimeSpan Time, long PeakBytes)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(HealthGraph.Api.HealthGraphSchema).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var timer = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        while (!process.HasExited)
        {
            try
            {
                peak = ApiProcess.PeakResidentBytesOf(process.Id); // a high-water mark: the last read before the end is the peak
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // The process ended between the check and the read (its status file is gone, or has no VmHWM any more).
            }

            await Task.Delay(20, cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, timer.Elapsed, peak);
    }
}
