using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HealthGraph.Graph;

namespace HealthGraph.Benchmarks;

/// <summary>
/// End to end over HTTP on loopback: each operation, then its raw twin, at each number of clients; one table with
/// throughput, p50/p99 latency, the ratio to the raw endpoint, the process's CPU time per request (beside the raw
/// twin's) and the store round trips per request.
/// </summary>
public static class HttpBenchmark
{
    public static async Task<int> RunAsync(
        string? storePath, TimeSpan duration, IReadOnlyList<int> clients, TextWriter output, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        await using var host = await BenchmarkHost.StartAsync(storePath, cancellationToken: cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue, // one connection per client
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(1) };

        var statistics = await host.Counter.GetStatisticsAsync(cancellationToken);
        output.WriteLine($"store: {host.Source}: {statistics.NodeCount:N0} nodes ({Count(statistics, NodeLabels.Deliverable):N0} deliverables), {statistics.RelationshipCount:N0} relationships");
        output.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {duration.TotalSeconds:0.###} s per cell after a {WarmUp(duration).TotalSeconds:0.###} s warm-up");
        output.WriteLine();

        IReadOnlyList<Operation> operations = only is null or { Count: 0 }
            ? Operations.All
            : [.. Operations.All.Where(o => only.Contains(o.Name, StringComparer.OrdinalIgnoreCase))];
        var bodies = operations.Select(BenchmarkHost.Bodies).ToArray();
        for (var i = 0; i < operations.Count; i++)
        {
            if (await CaptureAsync(client, host, operations[i], i, bodies[i][0], cancellationToken) is { } problem)
            {
                await Console.Error.WriteLineAsync($"{operations[i].Name}: {problem}");
                return 1;
            }
        }

        var driver = new LoadDriver(client);
        var rows = new List<string[]>();
        long failures = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var (operation, index, variants) = (operations[i], i, bodies[i]);
            foreach (var count in clients)
            {
                var real = await driver.RunAsync(n => BenchmarkHost.Request(operation, index, variants[n % variants.Length], raw: false), count, WarmUp(duration), duration, host.Counter.Reset);
                var roundTrips = (double)host.Counter.Calls / Math.Max(1, real.Requests);
                var raw = await driver.RunAsync(n => BenchmarkHost.Request(operation, index, variants[n % variants.Length], raw: true), count, WarmUp(duration), duration);
                failures += real.Failures + raw.Failures;
                rows.Add([operation.Name, Format(count), Format(real.RequestsPerSecond), Format(real.P50, "0.00"), Format(real.P99, "0.00"),
                    Format(raw.RequestsPerSecond), Format(100 * real.RequestsPerSecond / raw.RequestsPerSecond),
                    Format(real.CpuMicrosecondsPerRequest), Format(raw.CpuMicrosecondsPerRequest), Format(roundTrips, "0.##"), Format(real.Failures)]);
            }
        }

        WriteTable(output, ["operation", "clients", "req/s", "p50 ms", "p99 ms", "raw req/s", "% of raw", "CPU µs/req", "raw CPU µs/req", "store calls/req", "failed"], rows);
        output.WriteLine();
        output.WriteLine($"API process memory after the run: resident {ProcessMemory("VmRSS")}, peak resident {ProcessMemory("VmHWM")}");
        if (failures > 0)
        {
            await Console.Error.WriteLineAsync($"{failures} requests failed (not 2xx, or no answer within the client's minute).");
            return 1;
        }

        return 0;
    }

    public static TimeSpan WarmUp(TimeSpan duration) => TimeSpan.FromTicks(Math.Min(duration.Ticks / 5, TimeSpan.TicksPerSecond));

    /// <summary>Sends the operation once, checks it answered 200 without GraphQL errors, and gives its bytes to the raw twin.</summary>
    private static async Task<string?> CaptureAsync(HttpClient client, BenchmarkHost host, Operation operation, int index, byte[] body, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(BenchmarkHost.Request(operation, index, body, raw: false), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var json = JsonNode.Parse(bytes);
        if (response.StatusCode != HttpStatusCode.OK || json?["errors"] is not null || json?["data"] is not JsonObject data || data.Any(field => field.Value is null))
        {
            return $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}";
        }

        host.SetRaw(index, bytes, response.Content.Headers.ContentType!.ToString());
        using var twin = await client.SendAsync(BenchmarkHost.Request(operation, index, body, raw: true), cancellationToken);
        var twinBytes = await twin.Content.ReadAsByteArrayAsync(cancellationToken);
        return twinBytes.AsSpan().SequenceEqual(bytes) && twin.Content.Headers.ContentType?.ToString() == response.Content.Headers.ContentType.ToString()
            ? null
            : "the raw endpoint does not answer with the same bytes and content type";
    }

    private static long Count(Store.GraphStatistics statistics, string label) => statistics.NodesByLabel.GetValueOrDefault(label);

    private static string Format(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A Markdown table with aligned columns, so it reads in a terminal and pastes into BENCHMARKS.md.</summary>
    public static void WriteTable(TextWriter output, string[] header, IReadOnlyList<string[]> rows)
    {
        var widths = header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }

    /// <summary>A figure of /proc/self/status (Linux), such as VmRSS, in MB.</summary>
    public static string ProcessMemory(string field)
    {
        const string Status = "/proc/self/status";
        var line = File.Exists(Status) ? File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal)) : null;
        return line is null
            ? "n/a"
            : $"{long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0:0.0} MB";
    }
}
