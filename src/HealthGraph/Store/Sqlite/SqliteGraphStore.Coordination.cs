using System.Text.Json;
using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using static HealthGraph.Store.Sqlite.Connections.SqliteCommands;

namespace HealthGraph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    private static string LinksSql(string tail) => SqlResources.Get("Sql/agency_links.sql") + SqlResources.Get(tail);

    /// <summary>The filter of Sql/agency_items.sql on agencies; left out (every agency) when none are given.</summary>
    private const string AgencyFilter = "ai.agency IN (SELECT value FROM json_each(@agencies))";

    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        return await UseAsync(
            async connection => OverlapCounting.Pairs(await ReadAgencyItemsAsync(connection, agencyIds, basis, dimension, cancellationToken), basis),
            cancellationToken);
    }

    public async Task<IReadOnlyList<PotentialPartner>> GetPotentialPartnersAsync(
        string agencyId, Basis? basis = null, CancellationToken cancellationToken = default) =>
        PotentialPartner.Rank(await GetPartnerOverlapsOfAsync([agencyId], basis, cancellationToken: cancellationToken), agencyId);

    public async Task<IReadOnlyDictionary<SharedItemsKey, IReadOnlyList<string>>> GetSharedItemsAsync(
        IReadOnlyCollection<SharedItemsKey> keys, int first, CancellationToken cancellationToken = default)
    {
        var numbered = SharedItemsKey.ToRead(keys, first);
        if (numbered.Count == 0)
        {
            return new Dictionary<SharedItemsKey, IReadOnlyList<string>>();
        }

        var json = JsonSerializer.Serialize(numbered.Select(k => new { a = k.AgencyA, b = k.AgencyB, dimension = DimensionCodes.Of(k.Dimension), basis = BasisCode(k.Basis) }));
        var rows = await UseAsync(
            connection => QueryAsync(
                connection, SqlResources.Get("Sql/shared_items.sql"), r => (Key: r.GetInt32(0), Items: SqliteRows.ParseStringArray(r.GetString(1))), cancellationToken,
                ("@keys", json), ("@first", first)),
            cancellationToken);
        return rows.Where(r => r.Items.Count > 0).ToDictionary(r => numbered[r.Key], r => r.Items);
    }

    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsOfAsync(
        IReadOnlyCollection<string> agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        if (agencyIds.Count == 0)
        {
            return [];
        }

        return await UseAsync(connection => ReadPairsOfAsync(connection, agencyIds, counts => counts, basis, dimension, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsFromAsync(
        string agencyA, string? afterB, int first, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return await UseAsync(
            connection => ReadPairsOfAsync(
                connection,
                [agencyA],
                counts =>
                {
                    // Its pairs as A after afterB, the first `first` by B; only their ends' sizes are read.
                    var partners = counts.Where(c => c.AgencyA == agencyA && (afterB is null || string.CompareOrdinal(c.AgencyB, afterB) > 0))
                        .Select(c => c.AgencyB).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(first).ToHashSet(StringComparer.Ordinal);
                    return [.. counts.Where(c => c.AgencyA == agencyA && partners.Contains(c.AgencyB))];
                },
                basis,
                dimension,
                cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// The pairs the agencies are in, counted from their items' holders (overlap_pairs_of.sql), the ones <paramref name="keep"/>
    /// keeps, with the sizes of their ends (agency_sizes.sql).
    /// </summary>
    private static async Task<IReadOnlyList<PartnerOverlap>> ReadPairsOfAsync(
        SqliteConnection connection, IReadOnlyCollection<string> agencyIds, Func<IReadOnlyList<PairCount>, IReadOnlyList<PairCount>> keep,
        Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken)
    {
        (string, object?)[] filters = [("@basis", BasisCode(basis)), ("@dimension", DimensionCodes.Of(dimension))];
        var counts = keep(await QueryAsync(
            connection, SqlResources.Get("Sql/overlap_pairs_of.sql"),
            r => new PairCount(r.GetString(0), r.GetString(1), DimensionCodes.Parse(r.GetString(2)), r.GetInt32(3)), cancellationToken,
            [("@agencies", JsonSerializer.Serialize(agencyIds)), .. filters]));
        string[] ends = [.. counts.SelectMany(c => new[] { c.AgencyA, c.AgencyB }).Distinct(StringComparer.Ordinal)];
        var sizes = await QueryAsync(
            connection, SqlResources.Get("Sql/agency_sizes.sql"),
            r => (Key: (r.GetString(0), DimensionCodes.Parse(r.GetString(1))), Items: r.GetInt32(2)), cancellationToken,
            [("@agencies", JsonSerializer.Serialize(ends)), .. filters]);
        return OverlapCounting.Assemble(counts, sizes.ToDictionary(s => s.Key, s => s.Items), basis);
    }

    public async Task<IReadOnlyList<ItemHolders>> GetItemHoldersAsync(
        OverlapDimension dimension, IReadOnlyList<string> itemIds, Basis? basis, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var rows = await UseAsync(
            connection => QueryAsync(
                connection, SqlResources.Get("Sql/item_holders.sql"),
                r => (Item: r.GetString(0), Holder: new ItemHolder(r.GetString(1), r.GetInt64(2)), Count: r.GetInt32(3), Position: r.GetInt32(4)),
                cancellationToken,
                ("@items", JsonSerializer.Serialize(itemIds)), ("@dimension", DimensionCodes.Of(dimension)), ("@basis", BasisCode(basis)), ("@first", first)),
            cancellationToken);
        return ItemHolding.Assemble(
            itemIds, rows.DistinctBy(r => r.Item).ToDictionary(r => r.Item, r => r.Count, StringComparer.Ordinal),
            [.. rows.Where(r => r.Position <= first).Select(r => (r.Item, r.Holder))]);
    }

    public async Task<IReadOnlyList<string>> GetSharingAgenciesAsync(
        Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
        await UseAsync(connection => SharingAgenciesAsync(connection, basis, dimension, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyList<string>> SharingAgenciesAsync(
        SqliteConnection connection, Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken) =>
        await QueryAsync(
            connection, SqlResources.Get("Sql/overlap_sharing_agencies.sql"), r => r.GetString(0), cancellationToken,
            ("@basis", BasisCode(basis) ?? "ANY"), ("@dimension", DimensionCodes.Of(dimension)));

    public async Task<IReadOnlyList<string>> GetOverlapMatrixAgenciesAsync(
        OverlapDimension dimension, Basis? basis, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var parameters = new (string, object?)[] { ("@dimension", DimensionCodes.Of(dimension)), ("@basis", BasisCode(basis) ?? "ANY"), ("@first", first) };
        return await UseAsync<IReadOnlyList<string>>(
            async connection =>
            {
                // The UN agencies first, then the biggest sharers (agency_share, 0007_derived_basis.sql), read only as far as needed.
                List<string> ranked =
                [
                    .. await QueryAsync(connection, SqlResources.Get("Sql/overlap_matrix_agencies.sql"), r => r.GetString(0), cancellationToken, parameters),
                ];
                var taken = ranked.ToHashSet(StringComparer.Ordinal);
                if (ranked.Count < first)
                {
                    await using var command = Command(connection, SqlResources.Get("Sql/overlap_matrix_sharers.sql"), parameters);
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (ranked.Count < first && await reader.ReadAsync(cancellationToken))
                    {
                        var agency = reader.GetString(0);
                        if (taken.Add(agency))
                        {
                            ranked.Add(agency);
                        }
                    }
                }

                if (ranked.Count == first)
                {
                    return ranked;
                }

                // Room left: the agencies that share only in other dimensions, by id (read only when needed).
                var others = await SharingAgenciesAsync(connection, basis, null, cancellationToken);
                return [.. ranked, .. others.Where(id => !taken.Contains(id)).Take(first - ranked.Count)];
            },
            cancellationToken);
    }

    private static async Task<IReadOnlyList<AgencyItem>> ReadAgencyItemsAsync(
        SqliteConnection connection, IReadOnlyCollection<string>? agencyIds, Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken)
    {
        var sql = SqlResources.Get("Sql/agency_items.sql");
        return await QueryAsync(
            connection,
            agencyIds is null ? sql.Replace(AgencyFilter, "1", StringComparison.Ordinal) : sql,
            r => new AgencyItem(r.GetString(0), DimensionCodes.Parse(r.GetString(1)), r.GetString(2)),
            cancellationToken,
            ("@agencies", agencyIds is null ? null : SqliteRows.ToJsonArray(agencyIds)),
            ("@dimension", DimensionCodes.Of(dimension)),
            ("@basis", BasisCode(basis)));
    }

    public async Task<IReadOnlyList<AgencyItemLinks>> GetLimitedAgencyItemsAsync(
        WorkLimit limit, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default) =>
        await UseAsync(
            async connection => AgencyItemLinks.InOrder(await QueryAsync(
                connection,
                LinksSql("Sql/limited_agency_items.sql"),
                r => new AgencyItemLinks(r.GetString(0), DimensionCodes.Parse(r.GetString(1)), r.GetString(2), r.GetInt64(3)),
                cancellationToken,
                ("@agencies", agencyIds is null ? null : SqliteRows.ToJsonArray(agencyIds)),
                ("@limited", await LimitedWorkAsync(connection, limit, cancellationToken)),
                ("@basis", BasisCode(basis)))),
            cancellationToken);

    /// <summary>The ids of the work in a limit, as the JSON array agency_links.sql and sdg_work.sql take as @limited.</summary>
    private static async Task<string> LimitedWorkAsync(SqliteConnection connection, WorkLimit limit, CancellationToken cancellationToken)
    {
        var query = SqliteNodeQuery.LimitedWork(limit);
        return (string)(await ScalarAsync(connection, query.Sql, cancellationToken, [.. query.Parameters]))!;
    }

    public async Task<GoalCoverage?> GetGoalCoverageAsync(
        string goalCode, Basis? basis = null, int? first = null, WorkLimit? limit = null, CancellationToken cancellationToken = default)
    {
        var goalId = Vocabulary.SdgGoalId(goalCode);
        return await UseAsync(
            async connection =>
            {
                var goal = (await QueryNodesAsync(
                    connection, $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id = @id AND label = 'SdgGoal'", cancellationToken, ("@id", goalId)))
                    .SingleOrDefault();
                if (goal is null)
                {
                    return null;
                }

                var targets = await QueryNodesAsync(
                    connection,
                    $"SELECT {SqliteRows.NodeColumns} FROM node WHERE id IN (SELECT dst FROM edge WHERE src = @goal AND type = 'HAS_TARGET')",
                    cancellationToken,
                    ("@goal", goalId));
                List<string> sdgs = [goal.Id, .. targets.Where(t => t.Label is NodeLabels.SdgTarget or NodeLabels.SdgGoal).Select(t => t.Id)];
                var work = limit is null
                    ? await ReadCoverageAsync(connection, sdgs, basis, first, cancellationToken)
                    : await ReadSdgWorkAsync(connection, sdgs, withTargets: false, basis, first, await LimitedWorkAsync(connection, limit, cancellationToken), cancellationToken);
                return new GoalCoverage(
                    goal,
                    [
                        .. targets
                            .OrderBy(t => t.GetString(NodeProperties.Code), SdgCodeComparer.Instance)
                            .Select(t => new TargetCoverage(t, work.GetValueOrDefault(t.Id) ?? SdgWork.None(t.Id))),
                    ],
                    work.GetValueOrDefault(goalId) ?? SdgWork.None(goalId));
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<SdgWork>> GetSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis = null, int? first = null, CancellationToken cancellationToken = default)
    {
        if (sdgIds.Count == 0)
        {
            return [];
        }

        return await UseAsync<IReadOnlyList<SdgWork>>(
            async connection => [.. (await ReadSdgWorkAsync(connection, sdgIds, withTargets: true, basis, first, limited: null, cancellationToken)).Values],
            cancellationToken);
    }

    /// <summary>Sql/sdg_work.sql's rows, gathered per SDG node (nodes without work are left out).</summary>
    internal static async Task<Dictionary<string, SdgWork>> ReadSdgWorkAsync(
        SqliteConnection connection, IReadOnlyCollection<string> sdgIds, bool withTargets, Basis? basis, int? first, string? limited, CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection,
            SqlResources.Get("Sql/sdg_work.sql"),
            ("@sdgs", SqliteRows.ToJsonArray(sdgIds)),
            ("@withTargets", withTargets ? 1 : 0),
            ("@basis", BasisCode(basis)),
            ("@first", first),
            ("@limited", limited));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new Dictionary<string, SdgWorkRows>(StringComparer.Ordinal);
        await GatherSdgWorkAsync(reader, found, cancellationToken);
        return found.ToDictionary(p => p.Key, p => p.Value.ToWork(p.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// The work behind each of the given goals and targets (without a goal's targets), from the goal-coverage aggregate:
    /// Sql/sdg_coverage.sql once per node, each an index range read of its counts and of its first listed keys.
    /// </summary>
    internal static async Task<Dictionary<string, SdgWork>> ReadCoverageAsync(
        SqliteConnection connection, IReadOnlyCollection<string> sdgIds, Basis? basis, int? first, CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection, SqlResources.Get("Sql/sdg_coverage.sql"), ("@sdg", null), ("@basis", BasisCode(basis)), ("@first", first ?? -1));
        var found = new Dictionary<string, SdgWorkRows>(StringComparer.Ordinal);
        foreach (var sdg in sdgIds)
        {
            command.Parameters["@sdg"].Value = sdg;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await GatherSdgWorkAsync(reader, found, cancellationToken);
        }

        return found.ToDictionary(p => p.Key, p => p.Value.ToWork(p.Key), StringComparer.Ordinal);
    }

    /// <summary>Gathers rows of Sql/sdg_work.sql's shape per SDG node.</summary>
    private static async Task GatherSdgWorkAsync(SqliteDataReader reader, Dictionary<string, SdgWorkRows> found, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            var sdg = reader.GetString(1);
            if (!found.TryGetValue(sdg, out var rows))
            {
                found[sdg] = rows = new SdgWorkRows();
            }

            switch (reader.GetString(0))
            {
                case "N":
                    rows.Counts[reader.GetString(2)] = reader.GetInt32(3);
                    break;
                case "A":
                    rows.Agencies.Add(reader.GetString(2));
                    break;
                case "I":
                    (reader.GetString(3) == NodeLabels.Deliverable ? rows.Deliverables : rows.Outcomes).Add(reader.GetString(2));
                    break;
                default:
                    rows.Contributions.Add(ReadContribution(reader, itemOffset: 2, agencyOrdinal: 5, basisOrdinal: 6, viaOutcomeOrdinal: 8));
                    break;
            }
        }
    }

    /// <summary>The rows of one SDG node, as they come (unordered).</summary>
    private sealed class SdgWorkRows
    {
        public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public List<string> Agencies { get; } = [];

        public List<string> Deliverables { get; } = [];

        public List<string> Outcomes { get; } = [];

        public List<Contribution> Contributions { get; } = [];

        public SdgWork ToWork(string sdgId) => new(
            sdgId,
            [.. Agencies.Order(StringComparer.Ordinal)],
            Counts.GetValueOrDefault("Contribution"),
            [.. Contributions.OrderBy(c => c.AgencyId, StringComparer.Ordinal).ThenBy(c => c.Item.Id, StringComparer.Ordinal)],
            Counts.GetValueOrDefault(NodeLabels.Deliverable),
            [.. Deliverables.Order(StringComparer.Ordinal)],
            Counts.GetValueOrDefault(NodeLabels.Outcome),
            [.. Outcomes.Order(StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<string>> GetAlignedAgenciesAsync(AlignmentLevel level, Basis? basis = null, CancellationToken cancellationToken = default) =>
        await UseAsync(
            connection => QueryAsync(
                connection, SqlResources.Get("Sql/aligned_agencies.sql"), r => r.GetString(0), cancellationToken,
                ("@dimension", DimensionCodes.Of(level)), ("@basis", BasisCode(basis))),
            cancellationToken);

    public async Task<IReadOnlyList<AlignmentCell>> GetAlignmentMatrixAsync(
        AlignmentLevel level, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default)
    {
        return await UseAsync<IReadOnlyList<AlignmentCell>>(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    LinksSql("Sql/alignment_matrix.sql"),
                    ("@agencies", agencyIds is null ? null : JsonSerializer.Serialize(agencyIds)),
                    ("@limited", null),
                    ("@dimension", DimensionCodes.Of(level)),
                    ("@basis", BasisCode(basis)));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var cells = new List<(string Agency, string Sdg, string Code, Contribution Item)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var agency = reader.GetString(0);
                    cells.Add((agency, reader.GetString(1), reader.GetString(2),
                        ReadContribution(reader, itemOffset: 3, agencyOrdinal: 0, basisOrdinal: 6, viaOutcomeOrdinal: null)));
                }

                return
                [
                    .. cells
                        .GroupBy(c => (c.Agency, c.Sdg, c.Code))
                        .OrderBy(g => g.Key.Agency, StringComparer.Ordinal)
                        .ThenBy(g => g.Key.Code, SdgCodeComparer.Instance)
                        .Select(g => new AlignmentCell(g.Key.Agency, g.Key.Sdg, g.Key.Code, StrongestPerItem(g.Select(c => c.Item)))),
                ];
            },
            cancellationToken);
    }

    /// <summary>One entry per item: where an item reaches a cell both by a stated and an inferred link, stated wins.</summary>
    private static List<Contribution> StrongestPerItem(IEnumerable<Contribution> contributions) =>
    [
        .. contributions
            .GroupBy(c => c.Item.Id, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.Basis).First())
            .OrderBy(c => c.Item.Id, StringComparer.Ordinal),
    ];

    public async Task<IReadOnlyList<PortfolioItem>> GetPortfolioAsync(string agencyId, AlignmentRule? alignment = null, CancellationToken cancellationToken = default)
    {
        var rule = alignment ?? AlignmentRule.Any;
        return await UseAsync(
            async connection =>
            {
                await using var command = Command(
                    connection,
                    SqlResources.Get("Sql/portfolio.sql"),
                    ("@agency", agencyId),
                    ("@basis", BasisCode(rule.Basis)),
                    ("@direct", rule.Has(AlignmentPaths.Direct) ? 1L : 0L),
                    ("@viaTarget", rule.Has(AlignmentPaths.ViaTarget) ? 1L : 0L),
                    ("@viaOutcome", rule.Has(AlignmentPaths.ViaOutcome) ? 1L : 0L));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var items = new List<PortfolioItem>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(new PortfolioItem(
                        reader.GetString(0),
                        SqliteRows.NullableString(reader, 1),
                        reader.IsDBNull(2) ? null : reader.GetInt64(2),
                        [.. SqliteRows.ParseStringArray(reader.GetString(4)).Order(SdgCodeComparer.Instance)],
                        [.. SqliteRows.ParseStringArray(reader.GetString(3)).Order(SdgCodeComparer.Instance)],
                        [.. SqliteRows.ParseStringArray(reader.GetString(5)).Order(StringComparer.Ordinal)]));
                }

                items.Sort((x, y) => string.CompareOrdinal(x.DeliverableId, y.DeliverableId));
                return items;
            },
            cancellationToken);
    }

    /// <summary>The groups of the portfolio's items (<see cref="PortfolioGrouping"/>): in process, the items are no round trip.</summary>
    public async Task<IReadOnlyList<PortfolioGroup>> GetPortfolioGroupsAsync(
        string agencyId, AlignmentRule? alignment, int first, string? afterId, CancellationToken cancellationToken = default) =>
        PortfolioGrouping.Of(await GetPortfolioAsync(agencyId, alignment, cancellationToken), first, afterId);

    private static Contribution ReadContribution(SqliteDataReader reader, int itemOffset, int agencyOrdinal, int basisOrdinal, int? viaOutcomeOrdinal)
    {
        var basis = Provenance.ParseCode(reader.GetString(basisOrdinal));
        return new Contribution(
            new SharedItem(reader.GetString(itemOffset), reader.GetString(itemOffset + 1), reader.GetString(itemOffset + 2)),
            reader.GetString(agencyOrdinal),
            basis,
            SqliteRows.NullableString(reader, basisOrdinal + 1),
            viaOutcomeOrdinal is { } v && reader.GetInt64(v) == 1);
    }

    private static string? BasisCode(Basis? basis) => basis is { } b ? Provenance.ToCode(b) : null;
}
