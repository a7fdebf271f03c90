using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace HealthGraph.Benchmarks;

/// <summary>
/// The operations of <see cref="ExecutorBenchmarks"/> one request at a time, with the process's CPU time (user and
/// system, every thread) and the bytes allocated per request: figures that other work on a shared machine inflates far
/// less than wall time, so a change can be compared with the one before it while the machine is busy.
/// </summary>
public static class ExecutorCpu
{
    public static async Task<int> RunAsync(int requests, IReadOnlyCollection<string>? only, TextWriter output)
    {
        var benchmarks = new ExecutorBenchmarks();
        await benchmarks.SetUpAsync();
        try
        {
            var rows = new List<string[]>();
            foreach (var method in typeof(ExecutorBenchmarks).GetMethods())
            {
                var name = method.GetCustomAttributes(typeof(BenchmarkAttribute), false).OfType<BenchmarkAttribute>().FirstOrDefault()?.Description;
                if (name is null || (only is { Count: > 0 } && !only.Contains(name, StringComparer.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var run = () => (Task)method.Invoke(benchmarks, null)!;
                for (var i = 0; i < Math.Max(20, requests / 5); i++)
                {
                    await run();
                }

                GC.Collect();
                using var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                for (var i = 0; i < requests; i++)
                {
                    await run();
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                process.Refresh();
                cpu = process.TotalProcessorTime - cpu;
                rows.Add([name, requests.ToString(CultureInfo.InvariantCulture), Format(cpu.TotalMicroseconds / requests), Format(elapsed.TotalMicroseconds / requests), Format(bytes / 1024.0 / requests, "0.0")]);
            }

            HttpBenchmark.WriteTable(output, ["operation", "requests", "CPU µs/req", "wall µs/req", "KB allocated/req"], rows);
            return 0;
        }
        finally
        {
            await benchmarks.CleanUpAsync();
        }
    }

    private static string Format(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
