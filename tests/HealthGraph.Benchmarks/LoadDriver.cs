using System.Diagnostics;

namespace HealthGraph.Benchmarks;

/// <summary>
/// What one cell of the table measured: requests answered, over how long, each one's latency, and the CPU time (user
/// and system, every thread) the benchmark's process spent meanwhile.
/// </summary>
public sealed record CellResult(long Requests, long Failures, TimeSpan Elapsed, double[] SortedLatenciesMs, TimeSpan ProcessorTime)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>
    /// The process's CPU time per request answered, in µs: server, raw endpoint and load driver together (they share
    /// the process), so the difference between an operation and its raw twin is what answering it costs beyond HTTP.
    /// Other work on the machine inflates it less than wall time, but still (spinning threads wait longer).
    /// </summary>
    public double CpuMicrosecondsPerRequest => ProcessorTime.TotalMicroseconds / Math.Max(1, Requests);

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Nearest rank: the smallest latency at or above which lie <paramref name="p"/> of the requests.</summary>
    public double Percentile(double p) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];
}

/// <summary>
/// A closed-loop load driver: each client sends a request, reads the whole response, and sends the next at once, for a
/// warm-up and then for a fixed time. Throughput is the requests answered over the time the clients took.
/// </summary>
public sealed class LoadDriver(HttpClient client)
{
    /// <summary>
    /// <paramref name="clients"/> clients send the request with each sequence number for <paramref name="warmUp"/>, then
    /// for <paramref name="duration"/>, measured; <paramref name="measuring"/> is called in between (to reset counters).
    /// </summary>
    public async Task<CellResult> RunAsync(Func<long, HttpRequestMessage> request, int clients, TimeSpan warmUp, TimeSpan duration, Action? measuring = null)
    {
        await RunClientsAsync(request, clients, warmUp);
        GC.Collect();
        measuring?.Invoke();
        using var process = Process.GetCurrentProcess();
        var processorTime = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var perClient = await RunClientsAsync(request, clients, duration);
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        processorTime = process.TotalProcessorTime - processorTime;

        var latencies = perClient.SelectMany(c => c.Latencies).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(latencies);
        return new CellResult(latencies.Length, perClient.Sum(c => c.Failures), elapsed, latencies, processorTime);
    }

    private async Task<(List<long> Latencies, long Failures)[]> RunClientsAsync(Func<long, HttpRequestMessage> request, int clients, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = 0;
        return await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(capacity: 4096);
            long failures = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using var message = request(Interlocked.Increment(ref sequence));
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                    if (!response.IsSuccessStatusCode)
                    {
                        failures++;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // A request that timed out or lost its connection is a failure of the cell, not of the run: the
                    // table is still printed, and the run ends with the count of failed requests.
                    failures++;
                }
            }

            return (latencies, failures);
        })));
    }
}
