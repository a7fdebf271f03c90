using System.Collections;
using System.Diagnostics;
using HealthGraph.Graph;
using HealthGraph.Ingest.Seed.Validation;
using HealthGraph.Ingest.Synthetic;
using HealthGraph.Store;

namespace HealthGraph.Ingest.Seed;

/// <summary>
/// The outcome of a seed run: the problems found, or what was checked (its nodes and relationships) and, unless checking
/// only, what loading did.
/// </summary>
public sealed record SeedResult(IReadOnlyList<SeedProblem> Problems, long NodeCount, long RelationshipCount, LoadReport? Report, TimeSpan Elapsed)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>How long each step took (read, validate, build, load), in the order they ran.</summary>
    public IReadOnlyList<(string Step, TimeSpan Elapsed)> Steps { get; init; } = [];
}

/// <summary>A part of the seed made while it loads (the synthetic work) has problems: the load stops, as on any error.</summary>
public sealed class SeedPartProblemsException(IReadOnlyList<SeedProblem> problems)
    : Exception($"A part of the seed has {problems.Count} problem(s), the first: {problems[0]}")
{
    public IReadOnlyList<SeedProblem> Problems { get; } = problems;
}

/// <summary>Reads, validates and loads a seed folder: the one pipeline behind `healthgraph seed` and the first-run seed.</summary>
public sealed class Seeder(IGraphStore store)
{
    /// <summary>Deliverables per part of a synthetic portfolio (<see cref="SyntheticSeed.DefaultBatchSize"/> unless a test wants more parts).</summary>
    public int SyntheticBatchSize { get; init; } = SyntheticSeed.DefaultBatchSize;

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
    /// The portfolio's deliverables are made, checked and built a batch at a time while the store loads them
    /// (<see cref="SeedGraph.Parts"/>), so a million of them are never in memory at once; a problem in a batch stops
    /// the load, and the store keeps what it had (the embedded store's load is one transaction; on Neo4j, the load is
    /// one cut short, which the next completes).
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
        var work = synthetic is var (deliverables, randomSeed) ? SyntheticSeed.Begin(set, deliverables, randomSeed, SyntheticBatchSize) : null;
        Step("read");
        var catalog = new SeedCatalog(set);
        var problems = SeedValidation.Validate(set, catalog);
        Step("validate");
        if (problems.Count > 0)
        {
            return new SeedResult(problems, 0, 0, null, stopwatch.Elapsed) { Steps = steps };
        }

        var graph = SeedGraphBuilder.Build(set);
        if (work is not null)
        {
            graph = graph with { Parts = new SyntheticParts(work, catalog), PartCount = work.BatchCount };
        }

        Step("build");
        try
        {
            if (checkOnly)
            {
                var (nodes, relationships) = (0L, 0L);
                foreach (var section in graph.Sections())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    (nodes, relationships) = (nodes + section.Nodes.Count, relationships + section.Relationships.Count);
                }

                Step(work is null ? "count" : "make, validate and build the synthetic work");
                return new SeedResult([], nodes, relationships, null, stopwatch.Elapsed) { Steps = steps };
            }

            var loadStep = work is null ? "load" : "load (the synthetic work made, validated and built beside it)";
            work = null; // held no longer than its parts need it (SyntheticParts)
            var report = await store.LoadAsync(graph, progress, cancellationToken);
            Step(loadStep);
            return new SeedResult(
                [], report.Nodes.Values.Sum(c => c.Total), report.Relationships.Values.Sum(c => c.Total), report, stopwatch.Elapsed)
            { Steps = steps };
        }
        catch (SeedPartProblemsException e)
        {
            return new SeedResult(e.Problems, 0, 0, null, stopwatch.Elapsed) { Steps = steps };
        }
    }

    /// <summary>
    /// Each batch of the synthetic work, validated against everything before it, then built; read once. When the last
    /// is made, the work and the validators' catalogue (every id of a million deliverables, and the records they were
    /// made from) are let go, so the rest of the load does not hold them.
    /// </summary>
    private sealed class SyntheticParts(SyntheticSeed.SyntheticWork work, SeedCatalog catalog) : IEnumerable<SeedGraph>
    {
        private SyntheticSeed.SyntheticWork? _work = work;
        private SeedCatalog? _catalog = catalog;

        public IEnumerator<SeedGraph> GetEnumerator()
        {
            var made = Parts(
                _work?.Batches.GetEnumerator() ?? throw new InvalidOperationException("The synthetic work is made once."), _catalog!);
            (_work, _catalog) = (null, null);
            return made;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private static IEnumerator<SeedGraph> Parts(IEnumerator<SeedSet>? batches, SeedCatalog? catalog)
        {
            try
            {
                while (batches!.MoveNext())
                {
                    var problems = SeedValidation.ValidatePart(batches.Current, catalog!);
                    yield return problems.Count == 0 ? SeedGraphBuilder.BuildPart(batches.Current) : throw new SeedPartProblemsException(problems);
                }
            }
            finally
            {
                batches?.Dispose();
                (batches, catalog) = (null, null);
            }
        }
    }
}
