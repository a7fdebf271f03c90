using System.Text.Json;
using HealthGraph.Graph;
using HealthGraph.Ingest.Seed;
using HealthGraph.Ingest.Seed.Validation;
using HealthGraph.Ingest.Synthetic;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthGraph.Tests.Ingest;

/// <summary>`seed --synthetic N`: a deterministic, honestly labelled portfolio shaped like the real one, loaded like it.</summary>
public sealed class SyntheticSeedTests : IDisposable
{
    private const int Deliverables = 2_000;

    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task TheSameSizeAndRandomSeedGiveTheSameGraph_AnotherRandomSeedADifferentOne()
    {
        var first = await GraphTextAsync(Deliverables, 42);
        var again = await GraphTextAsync(Deliverables, 42);
        var other = await GraphTextAsync(Deliverables, 7);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task TheWorkMadeInBatchesIsTheWorkMadeAtOnce_AndCanBeReadOnlyOnce()
    {
        var whole = await SyntheticSetAsync(Deliverables, 42);
        var set = await SeedReader.ReadAsync(TemporaryStore.SeedDirectory);
        var work = SyntheticSeed.Begin(set, Deliverables, 42, batchSize: 300);
        var batches = work.Batches.ToList();

        Assert.Equal(7, work.BatchCount);
        Assert.Equal([300, 300, 300, 300, 300, 300, 200], batches.Select(b => b.Deliverables.Count));
        Assert.Equal(
            JsonSerializer.Serialize(new { whole.Organizations, whole.Outcomes, whole.Deliverables, whole.Alignments }),
            JsonSerializer.Serialize(new
            {
                set.Organizations,
                set.Outcomes,
                Deliverables = set.Deliverables.Concat(batches.SelectMany(b => b.Deliverables)),
                Alignments = set.Alignments.Concat(batches.SelectMany(b => b.Alignments)),
            }));
        Assert.Throws<InvalidOperationException>(() => work.Batches.GetEnumerator().MoveNext());
    }

    [Fact]
    public async Task APartIsCheckedAgainstTheSetAndEveryPartBeforeIt()
    {
        var set = await SeedReader.ReadAsync(TemporaryStore.SeedDirectory);
        var batches = SyntheticSeed.Begin(set, 600, 42, batchSize: 300).Batches.ToList();
        var catalog = new SeedCatalog(set);
        Assert.Empty(SeedValidation.Validate(set, catalog));
        Assert.Empty(SeedValidation.ValidatePart(batches[0], catalog));

        // The first batch again: its ids are taken. The second, with an agency nobody knows and an alignment given twice.
        var again = SeedValidation.ValidatePart(batches[0], catalog);
        var second = batches[1];
        second.Deliverables[0] = second.Deliverables[0] with { Record = second.Deliverables[0].Record with { Agency = "no-such-agency" } };
        second.Alignments.Add(second.Alignments[0]);
        var problems = SeedValidation.ValidatePart(second, catalog);

        Assert.Equal(300, again.Count);
        Assert.All(again, p => Assert.Matches("^id 'syn-deliverable-\\d+' is already used$", p.Message));
        Assert.Equal(
            [$"synthetic: record '{second.Deliverables[0].Record.Id}': agency: agency 'no-such-agency' does not exist",
             $"synthetic: record #{second.Alignments[^1].Index + 1}: alignment '{second.Alignments[0].Record.From}' -> '{second.Alignments[0].Record.To}' is listed twice"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public async Task TheSyntheticPortfolioPassesTheSeedChecks_AndEveryFactInItIsInferredAndSaysSo()
    {
        var set = await SyntheticSetAsync(Deliverables, 42);

        Assert.Empty(SeedValidation.Validate(set));
        var graph = SeedGraphBuilder.Build(set);
        var reason = SyntheticSeed.Reason(Deliverables, 42);
        var synthetic = graph.Nodes.Where(n => n.Id.StartsWith(SyntheticSeed.IdPrefix, StringComparison.Ordinal)).ToList();
        Assert.All(synthetic, n => Assert.Equal(Provenance.Inferred(reason), n.Provenance));
        Assert.All(
            graph.Relationships.Where(r => r.FromId.StartsWith(SyntheticSeed.IdPrefix, StringComparison.Ordinal)
                || r.ToId.StartsWith(SyntheticSeed.IdPrefix, StringComparison.Ordinal)),
            r => Assert.Equal(Provenance.Inferred(reason), r.Provenance));
        Assert.Equal("Synthetic benchmark data: healthgraph seed --synthetic 2000 (random seed 42)", reason);
    }

    [Fact]
    public async Task AGraphBeyond100000HasNoMoreAgencies_OnlyMoreWorkEach()
    {
        var set = await SyntheticSetAsync(120_000, 42);

        var agencies = Synthetic(set.Organizations).Count(o => o.Id!.StartsWith("syn-agency-", StringComparison.Ordinal));

        Assert.Equal(SyntheticSeed.MaxAgencies, agencies);
        Assert.Equal(120_000 / 200, Synthetic(set.Organizations).Count(o => o.Id!.StartsWith("syn-counterpart-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheShapeFollowsRealPortfolios_AgenciesAndCounterpartsAtNOver200_AlignmentsSkewedToPopularTargets()
    {
        const int n = 20_000;
        var set = await SyntheticSetAsync(n, 42);
        var organizations = Synthetic(set.Organizations);
        var deliverables = Synthetic(set.Deliverables);
        var agencies = organizations.Where(o => o.Id!.StartsWith("syn-agency-", StringComparison.Ordinal)).Select(o => o.Id!).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(n, deliverables.Count);
        Assert.Equal(n / 200, agencies.Count);
        Assert.Equal(n / 200, organizations.Count(o => o.Id!.StartsWith("syn-counterpart-", StringComparison.Ordinal)));
        Assert.All(organizations.Where(o => agencies.Contains(o.Id!)), o => Assert.Contains(o.Kind, new[] { "UN_AGENCY", "DEVELOPMENT_PARTNER" }));

        // Most agencies in a coordination council are not UN agencies: about one in three is.
        var unAgencies = organizations.Count(o => agencies.Contains(o.Id!) && o.Kind == "UN_AGENCY");
        Assert.InRange(unAgencies, agencies.Count / 4, agencies.Count / 2);
        Assert.All(deliverables, d => Assert.Contains(d.Agency!, agencies));
        Assert.All(deliverables, d => Assert.InRange(d.Themes!.Count, 1, 3));
        Assert.InRange(Synthetic(set.Outcomes).Count, n / 20, n / 20 + agencies.Count);

        // A few big agencies hold most of the work: the largest 10% deliver over half of it.
        var perAgency = deliverables.GroupBy(d => d.Agency).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(perAgency.Take(agencies.Count / 10).Sum() > n / 2, $"top agencies hold {perAgency.Take(agencies.Count / 10).Sum()}");

        // Alignments go to the real SDG targets, the top 10% of targets hold over half, and goals 3 and 8 lead.
        var alignments = set.Alignments.Where(a => a.File == SyntheticSeed.FileName).Select(a => a.Record.To!).ToList();
        var targets = set.SdgRows.Count(r => r.Kind == "target");
        var perTarget = alignments.GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        Assert.All(perTarget, g => Assert.StartsWith("sdg-target-", g.Key, StringComparison.Ordinal));
        Assert.True(perTarget.Take(targets / 10).Sum(g => g.Count()) > alignments.Count / 2);
        Assert.All(perTarget.Take(5), g => Assert.Matches("^sdg-target-(3|8)\\.", g.Key));
    }

    [Fact]
    public async Task ASyntheticSeedLoadsThroughTheSeeder_IsSearchable_AndASecondLoadChangesNothing()
    {
        var seeder = new Seeder(_temporary.Store);

        var first = await seeder.SeedAsync(TemporaryStore.SeedDirectory, (Deliverables, 42));
        var second = await seeder.SeedAsync(TemporaryStore.SeedDirectory, (Deliverables, 42));

        Assert.True(first.IsValid, string.Join(Environment.NewLine, first.Problems));
        Assert.Equal(Deliverables + 36, first.Report!.After.NodesByLabel[NodeLabels.Deliverable]);
        Assert.Equal(first.RelationshipCount, first.Report.After.RelationshipCount);
        Assert.False(second.Report!.ChangedAnything);
        Assert.All(second.Report.Nodes.Values, c => Assert.Equal(0, c.Created + c.Updated));

        // The first load went into an empty store, so it built the indexes afterwards: they are all back, and the
        // full-text index holds the synthetic titles as well as the real ones.
        Assert.Equal(await SchemaAsync(await FreshStoreSchemaAsync()), await SchemaAsync(_temporary.Store.DatabasePath));
        var title = Assert.Single(await _temporary.Store.GetNodesAsync(["syn-deliverable-0001"])).Name;
        var hits = await _temporary.Store.SearchAsync(new SearchQuery(title, [NodeLabels.Deliverable], 500));
        Assert.Contains(hits, h => h.Node.Name == title);
        Assert.NotEmpty(await _temporary.Store.SearchAsync(new SearchQuery("Channelling evidence")));
    }

    private static List<T> Synthetic<T>(List<SeedEntry<T>> entries)
        where T : SeedRecord =>
        [.. entries.Where(e => e.File == SyntheticSeed.FileName).Select(e => e.Record)];

    private static async Task<SeedSet> SyntheticSetAsync(int deliverables, int randomSeed)
    {
        var set = await SeedReader.ReadAsync(TemporaryStore.SeedDirectory);
        SyntheticSeed.AddTo(set, deliverables, randomSeed);
        return set;
    }

    private static async Task<string> GraphTextAsync(int deliverables, int randomSeed)
    {
        var graph = SeedGraphBuilder.Build(await SyntheticSetAsync(deliverables, randomSeed));
        return JsonSerializer.Serialize(graph);
    }

    private async Task<string> FreshStoreSchemaAsync()
    {
        var path = Path.Combine(_temporary.Folder, "fresh.db");
        using var fresh = new SqliteGraphStore(Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System);
        await fresh.InitializeAsync();
        return path;
    }

    private static async Task<List<string>> SchemaAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
