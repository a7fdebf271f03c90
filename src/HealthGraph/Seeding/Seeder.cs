using System.Diagnostics;
using HealthGraph.Graph;
using HealthGraph.Seeding.Validation;
using HealthGraph.Store;

namespace HealthGraph.Seeding;

/// <summary>The outcome of a seed run: the problems found, or the graph built and, unless checking only, what loading did.</summary>
public sealed record SeedResult(IReadOnlyList<SeedProblem> Problems, SeedGraph? Graph, LoadReport? Report, TimeSpan Elapsed)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Reads, validates and loads a seed folder: the one pipeline behind `healthgraph seed` and the first-run seed.</summary>
public sealed class Seeder(IGraphStore store)
{
    /// <summary>The seed folder shipped beside the binary (the build copies the repository's seed/ there).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "seed");

    public async Task<SeedResult> SeedAsync(
        string directory, bool checkOnly = false, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var set = await SeedReader.ReadAsync(directory, cancellationToken);
        var problems = SeedValidation.Validate(set);
        if (problems.Count > 0)
        {
            return new SeedResult(problems, null, null, stopwatch.Elapsed);
        }

        var graph = SeedGraphBuilder.Build(set);
        if (checkOnly)
        {
            return new SeedResult([], graph, null, stopwatch.Elapsed);
        }

        var report = await store.LoadAsync(graph, progress, cancellationToken);
        return new SeedResult([], graph, report, stopwatch.Elapsed);
    }
}
