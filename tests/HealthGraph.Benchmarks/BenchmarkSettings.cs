using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace HealthGraph.Benchmarks;

/// <summary>How the BenchmarkDotNet classes run: in this process (so they share its settings), with a short job.</summary>
public static class BenchmarkSettings
{
    /// <summary>The store the benchmark classes copy (null: a fresh store seeded with the shipped seed data).</summary>
    public static string? StorePath { get; set; }

    /// <summary>
    /// BenchmarkDotNet's short run (3 warm-up and 3 measured iterations), in process: the benchmarks need this process's
    /// store setting, and building a separate project per class would take longer than the measurements.
    /// </summary>
    public static IConfig Config { get; } = DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "healthgraph-benchmarkdotnet"))
        .WithOptions(ConfigOptions.DisableLogFile);

    public static void Run<T>() => BenchmarkRunner.Run<T>(Config);

    /// <summary>Each benchmark once, without BenchmarkDotNet (the smoke run): set-up, every [Benchmark] method, clean-up.</summary>
    public static async Task RunOnceAsync<T>(TextWriter output)
        where T : new()
    {
        var benchmarks = new T();
        await Invoke<GlobalSetupAttribute>(benchmarks);
        try
        {
            foreach (var method in typeof(T).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                await (Task)method.Invoke(benchmarks, null)!;
                output.WriteLine($"{typeof(T).Name}: {method.GetCustomAttribute<BenchmarkAttribute>()!.Description ?? method.Name}: ok");
            }
        }
        finally
        {
            await Invoke<GlobalCleanupAttribute>(benchmarks);
        }
    }

    private static async Task Invoke<TAttribute>(object benchmarks)
        where TAttribute : Attribute
    {
        foreach (var method in benchmarks.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            await (Task)method.Invoke(benchmarks, null)!;
        }
    }
}
