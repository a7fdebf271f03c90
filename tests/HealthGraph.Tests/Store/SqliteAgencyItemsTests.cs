using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Store.Sqlite;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The partner-overlap aggregate (agency_work, agency_item) that the SQLite store keeps by triggers must always equal a
/// recomputation from its definition, Sql/agency_links.sql: after the bulk load, after the migration that creates it
/// in an existing store, and after any sequence of writes through <see cref="IGraphStore.ApplyAsync"/>.
/// </summary>
public sealed class SqliteAgencyItemsTests : IDisposable
{
    /// <summary>What schema version 5 (0005_agency_share.sql) adds, dropped: for tests that turn a store back into an older version.</summary>
    internal const string DropAgencyShare = """
        DROP TRIGGER agency_items_share_update; DROP TRIGGER agency_items_share_insert; DROP TRIGGER agency_items_share_delete;
        DROP VIEW agency_share_flip; DROP VIEW agency_share_delta; DROP TABLE agency_share; DROP INDEX node_organization_kind;
        """;

    private readonly TemporaryStore _temporary = new();

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _temporary.Store.DatabasePath, Pooling = false }.ToString();

    /// <summary>agency_item as stored, and as agency_links.sql computes it: (agency, dimension, item, stated, inferred, derived) rows, sorted.</summary>
    private async Task<(List<string> Stored, List<string> Recomputed)> CompareAsync()
    {
        using var stream = typeof(SqliteGraphStore).Assembly.GetManifestResourceStream("sqlite/Sql/agency_links.sql")!;
        var links = await new StreamReader(stream).ReadToEndAsync();
        var recomputed = links + """
            SELECT agency || '|' || dimension || '|' || item || '|' || sum(basis = 'STATED') || '|' || sum(basis = 'INFERRED') || '|' || sum(basis = 'DERIVED')
              FROM links GROUP BY agency, dimension, item ORDER BY 1
            """;
        const string Stored = "SELECT agency || '|' || dimension || '|' || item || '|' || stated || '|' || inferred || '|' || derived FROM agency_item ORDER BY 1";
        return (await RowsAsync(Stored), await RowsAsync(recomputed));
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (sql.Contains("@agencies", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("@agencies", DBNull.Value); // every agency
            command.Parameters.AddWithValue("@limited", DBNull.Value); // all work
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>
    /// agency_share as stored, and as counted from agency_item's pairs: for each agency, dimension and basis, how many
    /// (other agency, item) pairs have an item both have with that basis. Only the rows above 0, sorted.
    /// </summary>
    private async Task<(List<string> Stored, List<string> Recomputed)> CompareSharesAsync()
    {
        const string Recomputed = """
            WITH holding AS (
                SELECT agency, dimension, item, 'ANY' AS basis FROM agency_item
                UNION ALL SELECT agency, dimension, item, 'STATED' FROM agency_item WHERE stated > 0
                UNION ALL SELECT agency, dimension, item, 'INFERRED' FROM agency_item WHERE inferred > 0
            )
            SELECT a.dimension || '|' || a.basis || '|' || a.agency || '|' || count(*)
              FROM holding a JOIN holding b ON b.dimension = a.dimension AND b.item = a.item AND b.basis = a.basis AND b.agency <> a.agency
             GROUP BY a.dimension, a.basis, a.agency ORDER BY 1
            """;
        const string Stored = "SELECT dimension || '|' || basis || '|' || agency || '|' || score FROM agency_share ORDER BY 1";
        return (await RowsAsync(Stored), await RowsAsync(Recomputed));
    }

    private async Task AssertExactAsync()
    {
        var (stored, recomputed) = await CompareAsync();
        Assert.NotEmpty(recomputed);
        Assert.Equal(recomputed, stored);
        var (storedShares, recomputedShares) = await CompareSharesAsync();
        Assert.NotEmpty(recomputedShares);
        Assert.Equal(recomputedShares, storedShares);
    }

    /// <summary>
    /// Every pair's overlaps, as the store counts them from agency_item's rows (OverlapCounting), equal a naive count:
    /// for each two agencies and each dimension, the intersection of their items and how many each has.
    /// </summary>
    private async Task AssertPairsAsync(Basis? basis)
    {
        var condition = basis switch { Basis.Stated => "stated > 0", Basis.Inferred => "inferred > 0", _ => "1" };
        var items = (await RowsAsync($"SELECT agency || '|' || dimension || '|' || item FROM agency_item WHERE {condition}"))
            .Select(r => r.Split('|'))
            .GroupBy(r => r[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToLookup(r => r[1], r => r[2], StringComparer.Ordinal), StringComparer.Ordinal);
        var agencies = items.Keys.Order(StringComparer.Ordinal).ToList();
        var expected = new List<string>();
        foreach (var (a, b) in agencies.SelectMany((a, i) => agencies.Skip(i + 1).Select(b => (a, b))))
        {
            var dimensions = items[a].Select(g => g.Key).Union(items[b].Select(g => g.Key)).OrderBy(DimensionCodes.Parse).ToList();
            var shared = dimensions.ToDictionary(d => d, d => items[a][d].Intersect(items[b][d]).Order(StringComparer.Ordinal).ToList());
            if (shared.Values.Any(s => s.Count > 0))
            {
                expected.AddRange(dimensions.Select(d =>
                    $"{a}|{b}|{d}|{shared[d].Count}|{items[a][d].Count()}|{items[b][d].Count()}|{string.Join(',', shared[d])}"));
            }
        }

        var overlaps = await _temporary.Store.GetPartnerOverlapsAsync(null, basis);
        var listed = await _temporary.Store.GetSharedItemsAsync([.. overlaps.SelectMany(p => p.Dimensions).Select(d => d.Key)], int.MaxValue);
        var actual = overlaps.SelectMany(p => p.Dimensions.Select(d =>
            $"{p.AgencyA}|{p.AgencyB}|{d.Dimension.ToString().ToUpperInvariant()}|{d.SharedCount}|{d.CountA}|{d.CountB}|{string.Join(',', listed.GetValueOrDefault(d.Key) ?? [])}"));
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// A few agencies' pairs (what PartnerOverlapPages reads a chunk at a time) are exactly the pairs of all agencies that
    /// one of them is in, with the same counts and sizes, in every dimension and in one.
    /// </summary>
    private async Task AssertPairsOfAsync(Basis? basis)
    {
        var store = _temporary.Store;
        static IEnumerable<string> Describe(IEnumerable<PartnerOverlap> pairs) => pairs.SelectMany(p => p.Dimensions.Select(d =>
            $"{p.AgencyA}|{p.AgencyB}|{d.Dimension}|{d.SharedCount}|{d.CountA}|{d.CountB}"));
        foreach (var dimension in new OverlapDimension?[] { null, OverlapDimension.Target })
        {
            var all = await store.GetPartnerOverlapsAsync(null, basis, dimension);
            var agencies = all.SelectMany(p => new[] { p.AgencyA, p.AgencyB }).Distinct().Order(StringComparer.Ordinal).ToList();
            foreach (var chunk in new[] { agencies.Take(1).ToList(), agencies.Skip(1).Take(3).ToList() }.Where(c => c.Count > 0))
            {
                var expected = all.Where(p => chunk.Contains(p.AgencyA) || chunk.Contains(p.AgencyB));
                Assert.Equal(Describe(expected), Describe(await store.GetPartnerOverlapsOfAsync(chunk, basis, dimension)));
            }
        }
    }

    /// <summary>
    /// Every pair's overlaps are right, and the overlap matrix's agencies, read from agency_share, are the ones the
    /// reference ranking picks from them (what the Neo4j store computes at query time), in every dimension and basis.
    /// </summary>
    private async Task AssertOverlapQueriesAsync(int first)
    {
        var store = _temporary.Store;
        var un = (await store.ListNodesAsync(new NodeListQuery(
            NodeLabels.Organization, new FieldCondition(NodeField.Property("kind"), FilterOperator.Equals, ["UN_AGENCY"]), [], First: 1000))).Nodes.Select(n => n.Id).ToList();
        Assert.NotEmpty(un);
        foreach (var basis in new Basis?[] { null, Basis.Stated, Basis.Inferred })
        {
            await AssertPairsAsync(basis);
            await AssertPairsOfAsync(basis);
            // Each agency's share per dimension: the sum of its sharedCount over all its pairs.
            var scores = (await store.GetPartnerOverlapsAsync(null, basis))
                .SelectMany(p => p.Dimensions.SelectMany(d => new[] { (p.AgencyA, d.Dimension, (long)d.SharedCount), (p.AgencyB, d.Dimension, (long)d.SharedCount) }))
                .GroupBy(s => (s.Item1, s.Dimension))
                .Select(g => (g.Key.Item1, g.Key.Dimension, g.Sum(s => s.Item3)))
                .ToList();
            foreach (var dimension in Enum.GetValues<OverlapDimension>())
            {
                var expected = OverlapMatrixAgencies.Rank(scores, un, dimension, first);
                Assert.Equal(expected, await store.GetOverlapMatrixAgenciesAsync(dimension, basis, first));
            }
        }
    }

    [Fact]
    public async Task TheBulkLoadFillsTheAggregateExactly()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        await AssertExactAsync();
        await AssertOverlapQueriesAsync(first: 4);
        await AssertOverlapQueriesAsync(first: 50);
    }

    [Fact]
    public async Task TheMigrationFillsTheAggregateOfAnExistingStore()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        // As a store of schema version 2 would be: no aggregates (neither this nor versions 4 and 5's), no triggers.
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $$"""
                DROP VIEW coverage_link_delta; DROP VIEW coverage_key_delta; DROP VIEW coverage_agency_delta;
                DROP VIEW coverage_item_delta; DROP VIEW coverage_count_delta;
                DROP TABLE coverage_link; DROP TABLE coverage_agency; DROP TABLE coverage_item; DROP TABLE coverage_count;
                {{DropAgencyShare}}
                DROP TRIGGER agency_items_edge_insert; DROP TRIGGER agency_items_edge_delete; DROP TRIGGER agency_items_edge_basis;
                DROP TRIGGER agency_items_edge_key; DROP TRIGGER agency_items_node_label;
                DROP VIEW edge_delta; DROP VIEW agency_work_delta; DROP VIEW agency_item_delta;
                DROP TABLE agency_item; DROP TABLE agency_work;
                PRAGMA user_version = 2;
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var reopened = _temporary.Reopen();
        await reopened.InitializeAsync();
        await AssertExactAsync();
        Assert.NotEmpty(await reopened.GetPartnerOverlapsAsync(["who", "ilo"]));
    }

    [Fact]
    public async Task ALabelChangeOfANodeWithRelationshipsIsRefused()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var who = (await _temporary.Store.GetNodesAsync(["who"])).Single();
        var error = await Assert.ThrowsAsync<GraphChangeRejectedException>(() => _temporary.Store.ApplyAsync(
            new GraphChange("test", "relabel", "who", [who with { Label = NodeLabels.Theme, Stamp = null }], [], [])));
        Assert.Contains("label cannot change", error.Message, StringComparison.Ordinal);
        Assert.Equal(NodeLabels.Organization, (await _temporary.Store.GetNodesAsync(["who"])).Single().Label);
        await AssertExactAsync();
    }

    [Fact]
    public async Task AnySequenceOfWritesKeepsTheAggregateExact()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var store = _temporary.Store;
        var shapes = await RandomWrites.AggregateShapesAsync(store);

        var applied = RandomWrites.Check(
            store,
            shapes,
            async () =>
            {
                await AssertExactAsync();
                await AssertOverlapQueriesAsync(first: 6);
            },
            maxTest: 100);

        // About 300 changes (a sequence holds 0 to 6, 3 on average), each upserting and removing up to three relationships.
        // The bound only says the property ran: a sum of 100 sequences averaging 3 (variance 4) falls below 100 almost never,
        // where a bound of 250, 2.5 standard deviations below the mean, failed about once in a hundred runs.
        Assert.True(applied >= 100, $"{applied} changes");
        var check = await store.CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
    }

    [Fact]
    public async Task AThousandWritesOfEveryKindKeepEveryAggregateExact()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var store = _temporary.Store;
        var shapes = await RandomWrites.AggregateShapesAsync(store);

        var written = await RandomWrites.ApplyManyAsync(store, shapes, writes: 1000, seed: 21, checkAsync: async () =>
        {
            await AssertExactAsync();
            var check = await store.CheckAggregatesAsync();
            Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
        }, checkEvery: 250);

        Assert.Equal(1000, written.Total);
        Assert.All(new[] { written.Links, written.Creates, written.Deletes, written.Imports }, n => Assert.True(n > 10, written.ToString()));
    }

    [Fact]
    public async Task WritersThatRunAtOnceLeaveTheAggregateExact()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        var store = _temporary.Store;
        var shapes = await RandomWrites.AggregateShapesAsync(store);

        // SQLite takes their transactions in turn; Neo4j's take the aggregate lock in turn.
        await RandomWrites.ApplyAtOnceAsync(store, shapes);
        var written = await RandomWrites.ApplyManyAtOnceAsync(store, shapes, writers: 4, writesEach: 40);

        await AssertExactAsync();
        var check = await store.CheckAggregatesAsync();
        Assert.True(check.IsExact, string.Join(Environment.NewLine, check.Differences));
        Assert.True(written.Creates > 0 && written.Deletes > 0 && written.Imports > 0, written.ToString());
    }

    [Fact]
    public async Task TheCheckFindsAWrongRow_AndTheRebuildRepairsEveryAggregate()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        await RowsAsync("UPDATE agency_item SET stated = stated + 5 WHERE (agency, dimension, item) = (SELECT agency, dimension, item FROM agency_item LIMIT 1) RETURNING agency");
        await RowsAsync("INSERT INTO agency_item VALUES ('who', 'GOAL', 'not-an-item', 1, 0, 0) RETURNING agency");
        await RowsAsync("DELETE FROM agency_share RETURNING agency");

        var check = await _temporary.Store.CheckAggregatesAsync();

        Assert.True(check.DifferenceCount == 2, string.Join(Environment.NewLine, check.Differences));
        Assert.Contains("who GOAL not-an-item: stored 1 stated, 0 inferred, 0 derived, recomputed none", check.Differences);
        await _temporary.Store.RebuildAggregatesAsync();
        Assert.True((await _temporary.Store.CheckAggregatesAsync()).IsExact);
        await AssertExactAsync();
    }

    public void Dispose() => _temporary.Dispose();
}
