using System.Globalization;
using System.Net;
using HealthGraph.Web.Transport;

namespace HealthGraph.Benchmarks;

/// <summary>
/// How much of a request's cost is HealthGraph's own, at 16 clients with the result cache off: <c>{ __typename }</c>
/// against the floor (graphql-dotnet alone, <see cref="BenchmarkHost"/>'s <c>/floor</c>), and a one-row lookup against
/// <c>{ __typename }</c>, beside the raw endpoint answering the lookup's bytes. The VM's speed drifts, so the four run
/// back to back in each of several rounds (after one unmeasured round), and each ratio is taken within a round.
/// </summary>
public static class PipelineBenchmark
{
    /// <summary>The targets of the fast-reads issue: the lookup at 0.6 of <c>{ __typename }</c>, that at 0.85 of the floor.</summary>
    private const double LookupTarget = 0.6;
    private const double TypenameTarget = 0.85;

    public static async Task<int> RunAsync(string? storePath, TimeSpan duration, int clients, int rounds, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await BenchmarkHost.StartAsync(
            storePath, new Dictionary<string, string?> { [$"{ResultCacheOptions.Section}:Enabled"] = "false" }, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(1) };

        var (typename, lookup) = (Operations.Typename, Operations.OneRowLookup);
        var (typenameBody, lookupBody) = (BenchmarkHost.Bodies(typename)[0], BenchmarkHost.Bodies(lookup)[0]);
        using (var answer = await client.SendAsync(BenchmarkHost.Request(lookup, lookupBody, "/graphql"), cancellationToken))
        {
            var bytes = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
            if (answer.StatusCode != HttpStatusCode.OK || !System.Text.Encoding.UTF8.GetString(bytes).Contains("\"8.3\"", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync($"the one-row lookup did not answer: {(int)answer.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
                return 1;
            }

            host.SetRaw(0, bytes, answer.Content.Headers.ContentType!.ToString());
        }

        output.WriteLine($"store: {host.Source}; result cache off; {clients} clients; {duration.TotalSeconds:0.###} s per cell after a {HttpBenchmark.WarmUp(duration).TotalSeconds:0.###} s warm-up; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        output.WriteLine($"lookup: {lookup.Query}");
        output.WriteLine();

        var driver = new LoadDriver(client);
        var rows = new List<string[]>();
        var ratios = new List<(double Lookup, double Typename)>();
        long failures = 0;
        for (var round = 0; round <= rounds; round++)
        {
            if (round == 0)
            {
                // Every endpoint once, unmeasured: the JIT's tiers settle, and the first round is not the odd one out.
                foreach (var (operation, body, path) in new[] { (typename, typenameBody, "/floor"), (typename, typenameBody, "/graphql"), (lookup, lookupBody, "/graphql"), (lookup, lookupBody, "/raw/0") })
                {
                    await driver.RunAsync(_ => BenchmarkHost.Request(operation, body, path), clients, TimeSpan.Zero, duration);
                }

                continue;
            }

            var floor = await driver.RunAsync(_ => BenchmarkHost.Request(typename, typenameBody, "/floor"), clients, HttpBenchmark.WarmUp(duration), duration);
            var own = await driver.RunAsync(_ => BenchmarkHost.Request(typename, typenameBody, "/graphql"), clients, HttpBenchmark.WarmUp(duration), duration);
            var row = await driver.RunAsync(_ => BenchmarkHost.Request(lookup, lookupBody, "/graphql"), clients, HttpBenchmark.WarmUp(duration), duration, host.Counter.Reset);
            var calls = (double)host.Counter.Calls / Math.Max(1, row.Requests);
            var raw = await driver.RunAsync(_ => BenchmarkHost.Request(lookup, lookupBody, "/raw/0"), clients, HttpBenchmark.WarmUp(duration), duration);
            failures += floor.Failures + own.Failures + row.Failures + raw.Failures;
            ratios.Add((row.RequestsPerSecond / own.RequestsPerSecond, own.RequestsPerSecond / floor.RequestsPerSecond));
            rows.Add([
                Format(round), Format(floor.RequestsPerSecond), Format(own.RequestsPerSecond), Format(row.RequestsPerSecond), Format(raw.RequestsPerSecond),
                Format(ratios[^1].Typename, "0.00"), Format(ratios[^1].Lookup, "0.00"), Format(row.RequestsPerSecond / raw.RequestsPerSecond, "0.00"),
                Format(own.P99, "0.00"), Format(row.P99, "0.00"),
                Format(floor.CpuMicrosecondsPerRequest), Format(own.CpuMicrosecondsPerRequest), Format(row.CpuMicrosecondsPerRequest), Format(calls, "0.##"),
            ]);
        }

        HttpBenchmark.WriteTable(output, [
            "round", "floor req/s", "__typename req/s", "lookup req/s", "raw req/s", "__typename / floor", "lookup / __typename", "lookup / raw",
            "__typename p99 ms", "lookup p99 ms", "floor CPU µs", "__typename CPU µs", "lookup CPU µs", "store calls/lookup"], rows);
        var best = (Lookup: ratios.Max(r => r.Lookup), Typename: ratios.Max(r => r.Typename));
        var median = (Lookup: Median(ratios.Select(r => r.Lookup)), Typename: Median(ratios.Select(r => r.Typename)));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lookup / __typename: best {best.Lookup:0.00}, median {median.Lookup:0.00} (target {LookupTarget}: {(median.Lookup >= LookupTarget ? "met" : best.Lookup >= LookupTarget ? "met at best" : "missed")})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"__typename / floor: best {best.Typename:0.00}, median {median.Typename:0.00} (target {TypenameTarget}: {(median.Typename >= TypenameTarget ? "met" : best.Typename >= TypenameTarget ? "met at best" : "missed")})"));
        if (failures > 0)
        {
            await Console.Error.WriteLineAsync($"{failures} requests failed.");
            return 1;
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Format(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
