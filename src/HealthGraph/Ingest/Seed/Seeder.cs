using System.Diagnostics;
using HealthGraph.Graph;
using HealthGraph.Ingest.Seed.Validation;
using HealthGraph.Ingest.Synthetic;
using HealthGraph.Store;

namespace HealthGraph.Ingest.Seed;

/// <summary>The outcome of a seed run: the problems found, or the graph built and, unless checking only, what loading did.</summary>
public sealed record SeedResult(IReadOnlyList<SeedProblem> Problems, SeedGraph? Graph, LoadReport? Report, TimeSpan Elapsed)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>How long each step took (read, validate, build, load), in the order they ran.</summary>
    public IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps { get; init; } = [];
}

/// <summary>Reads, validates and loads a seed folder: the one pipeline behind `healthgraph seed` and the first-run seed.</summary>
public sealed class Seeder(IGraphStore store)
{
    /// <summary>The seed folder shipped beside the binary (the build copies the repository's seed/ there).</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "seed");

    /// <summary>The graph of a seed folder, checked (for a writer that loads it together with more, such as an IATI import into an empty store).</summary>
    public static async Task<SeedGraph> BuildGraphAsync(string directory, CancellationToken cancellationToken = default)
    {
        var set = await SeedReader.ReadAsync(directory, cancellationToken);
        var problems = SeedValidation.Validate(set);
        return problems.Count == 0
            ? SeedGraphBuilder.Build(set)
            : throw new InvalidOperationException($"The seed folder {directory} has {problems.Count} problem(s), the first: {problems[0]}");
    }

    public async Task<SeedResult> SeedAsync(
        string directory, bool checkOnly = false, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        await SeedAsync(directory, synthetic: null, checkOnly, progress, cancellationToken);

    /// <summary>
    /// Seeds the folder plus, when <paramref name="synthetic"/> is given, a synthetic portfolio of that many
    /// deliverables generated from its random seed (see <see cref="SyntheticSeed"/>). Both go through the same checks.
    /// </summary>
    public async Task<SeedResult> SeedAsync(
        string directory,
        (int Deliverables, int RandomSeed)? synthetic,
        bool checkOnly = false,
        IProgress<LoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var steps = new List<(string, TimeSpan)>();
        var stepStart = TimeSpan.Zero;
        void Step(string name)
        {
            steps.Add((name, stopwatch.Elapsed - stepStart));
            stepStart = stopwatch.Elapsed;
        }

        var set = await SeedReader.ReadAsync(directory, cancellationToken);
        if (synthetic is var (deliverables, randomSeed))
        {
            SyntheticSeed.AddTo(set, deliverables, randomSeed);
        }

        Step("read");
        var problems = SeedValidation.Validate(set);
        Step("validate");
        if (problems.Count > 0)
        {
            return new SeedResult(problems, null, null, stopwatch.Elapsed) { Steps = steps };
        }

        var graph = SeedGraphBuilder.Build(set);
        Step("build");
        if (checkOnly)
        {
            return new SeedResult([], graph, null, stopwatch.Elapsed) { Steps = steps };
        }

        var report = await store.LoadAsync(graph, progress, cancellationToken);
        Step("load");
        return new SeedResult([], graph, report, stopwatch.Elapsed) { Steps = steps };
    }
}
