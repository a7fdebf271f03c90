using HealthGraph.Graph;
using HealthGraph.Store.Neo4j.Client;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>
    /// From the pair counts and sizes (overlap_pairs.cypher, agency_sizes.cypher), assembled as OverlapCounting does;
    /// for all agencies (null), counted from every AgencyItem row.
    /// </summary>
    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        if (agencyIds is null)
        {
            await InitializeAsync(cancellationToken);
            var rows = await ReadAgencyItemsAsync(Client(), agencyIds: null, basis, cancellationToken);
            return OverlapCounting.Pairs([.. rows.Where(r => dimension is null || r.Dimension == dimension)], basis);
        }

        return await ReadPairsAsync(agencyIds, among: true, basis, dimension, cancellationToken);
    }

    /// <summary>Only the pairs these agencies are in, from their pair counts (overlap_pairs.cypher) and the sizes of both ends.</summary>
    public Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsOfAsync(
        IReadOnlyCollection<string> agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
        ReadPairsAsync(agencyIds, among: false, basis, dimension, cancellationToken);

    /// <summary>A page of one agency's pairs as A (overlap_pairs_from.cypher), then the sizes of their ends (agency_sizes.cypher).</summary>
    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsFromAsync(
        string agencyA, string? afterB, int first, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (first == 0)
        {
            return [];
        }

        (string, object?)[] filters = [("basis", BasisCode(basis)), ("dimension", DimensionCodes.Of(dimension))];
        var counts = (await ReadAsync("overlap_pairs_from", cancellationToken, [("agency", agencyA), ("after", afterB ?? ""), ("first", (long)first), .. filters]))
            .Rows.Select(r => ToPairCount(f => r[f])).ToList();
        return counts.Count == 0 ? [] : await AssembleWithSizesAsync(counts, filters, basis, cancellationToken);
    }

    /// <summary>
    /// The pairs one of the agencies is in (overlap_pairs.cypher, then the sizes of their ends, agency_sizes.cypher),
    /// or both (overlap_pairs_among.cypher, with <paramref name="among"/>: the pairs and the agencies' sizes in one
    /// read), by index.
    /// </summary>
    private async Task<IReadOnlyList<PartnerOverlap>> ReadPairsAsync(
        IReadOnlyCollection<string> agencyIds, bool among, Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken)
    {
        if (agencyIds.Count == 0)
        {
            return [];
        }

        string[] agencies = [.. agencyIds.Distinct(StringComparer.Ordinal)];
        (string, object?)[] filters = [("basis", BasisCode(basis)), ("dimension", DimensionCodes.Of(dimension))];
        if (among)
        {
            var row = (await ReadAsync("overlap_pairs_among", cancellationToken, [("agencies", agencies), .. filters])).Rows.Single();
            return OverlapCounting.Assemble(
                [.. Neo4jRows.List(row["pairs"]).Select(p => ToPairCount(Neo4jRows.Map(p).GetValueOrDefault))],
                ToSizes(Neo4jRows.List(row["sizes"]).Select(s => (Func<string, object?>)Neo4jRows.Map(s).GetValueOrDefault)),
                basis);
        }

        var counts = (await ReadAsync("overlap_pairs", cancellationToken, [("agencies", agencies), .. filters])).Rows.Select(r => ToPairCount(f => r[f])).ToList();
        return await AssembleWithSizesAsync(counts, filters, basis, cancellationToken);
    }

    /// <summary>The pairs of <paramref name="counts"/> with the sizes of their ends (agency_sizes.cypher).</summary>
    private async Task<IReadOnlyList<PartnerOverlap>> AssembleWithSizesAsync(
        IReadOnlyList<PairCount> counts, (string, object?)[] filters, Basis? basis, CancellationToken cancellationToken)
    {
        string[] ends = [.. counts.SelectMany(c => new[] { c.AgencyA, c.AgencyB }).Distinct(StringComparer.Ordinal)];
        var sizes = await ReadAsync("agency_sizes", cancellationToken, [("agencies", ends), .. filters]);
        return OverlapCounting.Assemble(counts, ToSizes(sizes.Rows.Select(r => (Func<string, object?>)(f => r[f]))), basis);
    }

    /// <summary>A pair's count in a dimension from a row or map's fields {a, b, dimension, shared}.</summary>
    private static PairCount ToPairCount(Func<string, object?> r) => new(
        Neo4jRows.Text(r("a"))!, Neo4jRows.Text(r("b"))!, DimensionCodes.Parse(Neo4jRows.Text(r("dimension"))!), (int)Neo4jRows.Long(r("shared")));

    /// <summary>Agencies' sizes from rows' or maps' fields {agency, dimension, items}.</summary>
    private static Dictionary<(string, OverlapDimension), int> ToSizes(IEnumerable<Func<string, object?>> rows) =>
        rows.ToDictionary(r => (Neo4jRows.Text(r("agency"))!, DimensionCodes.Parse(Neo4jRows.Text(r("dimension"))!)), r => (int)Neo4jRows.Long(r("items")));

    /// <summary>agency_items.cypher: the aggregate's rows of the agencies (all when null), in (dimension, item, agency) order.</summary>
    private static async Task<IReadOnlyList<AgencyItem>> ReadAgencyItemsAsync(
        QueryApiClient client, IReadOnlyCollection<string>? agencyIds, Basis? basis, CancellationToken cancellationToken)
    {
        var result = await client.RunAsync(
            QueryRequest.Read(CypherResources.Get("agency_items"), Parameters([("agencies", agencyIds?.ToArray()), ("basis", BasisCode(basis))])),
            cancellationToken);
        return
        [
            .. result.Rows.Select(r => new AgencyItem(
                Neo4jRows.Text(r["agency"])!, DimensionCodes.Parse(Neo4jRows.Text(r["dimension"])!), Neo4jRows.Text(r["item"])!)),
        ];
    }

    /// <summary>shared_items.cypher: each pair's first shared items in a dimension, from the AgencyItem key's index in item order.</summary>
    public async Task<IReadOnlyDictionary<SharedItemsKey, IReadOnlyList<string>>> GetSharedItemsAsync(
        IReadOnlyCollection<SharedItemsKey> keys, int first, CancellationToken cancellationToken = default)
    {
        var numbered = SharedItemsKey.ToRead(keys, first);
        if (numbered.Count == 0)
        {
            return new Dictionary<SharedItemsKey, IReadOnlyList<string>>();
        }

        var parameters = numbered.Select((k, i) => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["key"] = (long)i,
            ["a"] = k.AgencyA,
            ["b"] = k.AgencyB,
            ["dimension"] = DimensionCodes.Of(k.Dimension),
            ["basis"] = BasisCode(k.Basis),
        }).ToArray();
        var result = await ReadAsync("shared_items", cancellationToken, ("keys", parameters), ("first", (long)first));
        return result.Rows
            .Select(r => (Key: numbered[(int)Neo4jRows.Long(r["key"])], Items: Neo4jRows.Strings(r["items"])))
            .Where(r => r.Items.Count > 0)
            .ToDictionary(r => r.Key, r => r.Items);
    }

    public async Task<IReadOnlyList<PotentialPartner>> GetPotentialPartnersAsync(
        string agencyId, Basis? basis = null, CancellationToken cancellationToken = default) =>
        PotentialPartner.Rank(await GetPartnerOverlapsOfAsync([agencyId], basis, cancellationToken: cancellationToken), agencyId);

    /// <summary>From each agency's share (overlap_scores.cypher), read from the partner-overlap aggregate without building pairs.</summary>
    public async Task<IReadOnlyList<ItemHolders>> GetItemHoldersAsync(
        OverlapDimension dimension, IReadOnlyList<string> itemIds, Basis? basis, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var result = await ReadAsync(
            "item_holders", cancellationToken,
            ("items", itemIds.ToArray()), ("dimension", DimensionCodes.Of(dimension)), ("basis", BasisCode(basis)), ("first", (long)first));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var holders = new List<(string, ItemHolder)>();
        foreach (var row in result.Rows)
        {
            var item = Neo4jRows.Text(row["item"])!;
            counts[item] = (int)Neo4jRows.Long(row["holders"]);
            holders.AddRange(Neo4jRows.List(row["agencies"]).Select(Neo4jRows.Map)
                .Select(h => (item, new ItemHolder(Neo4jRows.Text(h["agency"])!, Neo4jRows.Long(h["links"])))));
        }

        return ItemHolding.Assemble(itemIds, counts, holders);
    }

    public async Task<IReadOnlyList<string>> GetSharingAgenciesAsync(
        Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
    [
        .. (await ReadOverlapScoresAsync(basis, cancellationToken))
            .Where(s => dimension is null || s.Dimension == dimension)
            .Select(s => s.Agency)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Ranked by each agency's share (overlap_scores.cypher), read from the partner-overlap aggregate without building pairs.</summary>
    public async Task<IReadOnlyList<string>> GetOverlapMatrixAgenciesAsync(
        OverlapDimension dimension, Basis? basis, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var row = (await ReadAsync("overlap_matrix_agencies", cancellationToken, ("kind", OverlapMatrixAgencies.FirstKind), ("basis", BasisCode(basis)))).Rows.Single();
        return OverlapMatrixAgencies.Rank(
            [.. Neo4jRows.List(row["scores"]).Select(s => ToScore(Neo4jRows.Map(s).GetValueOrDefault))], Neo4jRows.Strings(row["kindIds"]), dimension, first);
    }

    private async Task<IReadOnlyList<(string Agency, OverlapDimension Dimension, long Score)>> ReadOverlapScoresAsync(Basis? basis, CancellationToken cancellationToken) =>
        [.. (await ReadAsync("overlap_scores", cancellationToken, ("basis", BasisCode(basis)))).Rows.Select(r => ToScore(f => r[f]))];

    /// <summary>An agency's share in a dimension from a row's or map's fields {agency, dimension, score}.</summary>
    private static (string Agency, OverlapDimension Dimension, long Score) ToScore(Func<string, object?> r) =>
        (Neo4jRows.Text(r("agency"))!, DimensionCodes.Parse(Neo4jRows.Text(r("dimension"))!), Neo4jRows.Long(r("score")));

    public async Task<IReadOnlyList<AgencyItemLinks>> GetLimitedAgencyItemsAsync(
        WorkLimit limit, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(
            "agency_item_counts", cancellationToken,
            ("agencies", agencyIds?.ToArray()), ("works", null), ("limited", await LimitedWorkAsync(limit, cancellationToken)), ("basis", BasisCode(basis)));
        return AgencyItemLinks.InOrder(result.Rows.Select(r => new AgencyItemLinks(
            Neo4jRows.Text(r["agency"])!, DimensionCodes.Parse(Neo4jRows.Text(r["dimension"])!), Neo4jRows.Text(r["item"])!,
            Neo4jRows.Long(r["stated"]) + Neo4jRows.Long(r["inferred"]) + Neo4jRows.Long(r["derived"]))));
    }

    /// <summary>The ids of the work in a limit: agency_links.cypher's and sdg_work.cypher's $limited.</summary>
    private async Task<IReadOnlyList<string>> LimitedWorkAsync(WorkLimit limit, CancellationToken cancellationToken)
    {
        var query = Neo4jNodeQuery.LimitedWork(limit);
        await InitializeAsync(cancellationToken);
        var result = await Client().RunAsync(QueryRequest.Read(query.Cypher, query.Parameters), cancellationToken);
        return [.. Neo4jRows.List(result.Rows.Single()["ids"]).Select(id => Neo4jRows.Text(id)!)];
    }

    public async Task<GoalCoverage?> GetGoalCoverageAsync(
        string goalCode, Basis? basis = null, int? first = null, WorkLimit? limit = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("goal_coverage", cancellationToken, ("goal", Vocabulary.SdgGoalId(goalCode)));
        if (result.Rows.Count == 0)
        {
            return null;
        }

        var row = result.Rows[0];
        var goal = Neo4jRows.ToNode(row["goal"]);
        var targets = Neo4jRows.List(row["targets"]).Select(Neo4jRows.ToNode).ToList();
        List<string> sdgs = [goal.Id, .. targets.Select(t => t.Id)];
        var work = limit is null
            ? await ReadCoverageAsync(sdgs, basis, first, cancellationToken)
            : await ReadSdgWorkAsync(sdgs, withTargets: false, basis, first, await LimitedWorkAsync(limit, cancellationToken), cancellationToken);
        return new GoalCoverage(
            goal,
            [
                .. targets
                    .OrderBy(t => t.GetString(NodeProperties.Code), SdgCodeComparer.Instance)
                    .Select(t => new TargetCoverage(t, work.GetValueOrDefault(t.Id) ?? SdgWork.None(t.Id))),
            ],
            work.GetValueOrDefault(goal.Id) ?? SdgWork.None(goal.Id));
    }

    public async Task<IReadOnlyList<SdgWork>> GetSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis = null, int? first = null, CancellationToken cancellationToken = default)
    {
        return sdgIds.Count == 0 ? [] : [.. (await ReadSdgWorkAsync(sdgIds, withTargets: true, basis, first, limited: null, cancellationToken)).Values];
    }

    /// <summary>
    /// sdg_work.cypher's rows (one per SDG node with work), by node id: computed from the graph at read time; with
    /// <paramref name="limited"/>, from the work in a limit only.
    /// </summary>
    private async Task<Dictionary<string, SdgWork>> ReadSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, bool withTargets, Basis? basis, int? first, IReadOnlyList<string>? limited, CancellationToken cancellationToken) =>
        ToSdgWork(await ReadAsync(
            "sdg_work", cancellationToken,
            ("sdgs", sdgIds.ToArray()), ("withTargets", withTargets), ("basis", BasisCode(basis)), ("first", first), ("limited", limited)));

    /// <summary>
    /// The work behind each of the given goals and targets (without a goal's targets), read from the goal-coverage
    /// aggregate (sdg_coverage.cypher): the same as sdg_work.cypher without withTargets, by node id.
    /// </summary>
    /// <remarks>
    /// Every list is cut by a LIMIT, whose operator holds as many rows as it may keep: all of them (no bound) are read
    /// as the largest count's worth, known from a first read of the counts alone.
    /// </remarks>
    internal async Task<Dictionary<string, SdgWork>> ReadCoverageAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis, int? first, CancellationToken cancellationToken)
    {
        async Task<Dictionary<string, SdgWork>> ReadAsync(long limit) => ToSdgWork(await this.ReadAsync(
            "sdg_coverage", cancellationToken, ("sdgs", sdgIds.ToArray()), ("basis", BasisCode(basis)), ("first", limit)));

        if (first is { } bound)
        {
            return await ReadAsync(bound);
        }

        var counts = await ReadAsync(0);
        return counts.Count == 0
            ? counts
            : await ReadAsync(counts.Values.Max(w => Math.Max(w.ContributionCount, Math.Max(w.DeliverableCount, w.OutcomeCount))));
    }

    /// <summary>Rows of sdg_work.cypher's shape, by node id; the listed contributions and ids in their order (agency then item; id).</summary>
    private static Dictionary<string, SdgWork> ToSdgWork(QueryResult result) =>
        result.Rows
            .Select(r => new SdgWork(
                Neo4jRows.Text(r["sdg"])!,
                [.. Neo4jRows.Strings(r["agencies"]).Order(StringComparer.Ordinal)],
                (int)Neo4jRows.Long(r["contributionCount"]),
                [
                    .. Neo4jRows.List(r["contributions"]).Select(Neo4jRows.Map).Select(ToContribution)
                        .OrderBy(c => c.AgencyId, StringComparer.Ordinal).ThenBy(c => c.Item.Id, StringComparer.Ordinal),
                ],
                (int)Neo4jRows.Long(r["deliverableCount"]),
                [.. Neo4jRows.Strings(r["deliverables"]).Order(StringComparer.Ordinal)],
                (int)Neo4jRows.Long(r["outcomeCount"]),
                [.. Neo4jRows.Strings(r["outcomes"]).Order(StringComparer.Ordinal)]))
            .ToDictionary(w => w.SdgId, StringComparer.Ordinal);

    public async Task<IReadOnlyList<string>> GetAlignedAgenciesAsync(AlignmentLevel level, Basis? basis = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("aligned_agencies", cancellationToken, ("dimension", DimensionCodes.Of(level)), ("basis", BasisCode(basis)));
        return [.. result.Rows.Select(r => Neo4jRows.Text(r["agency"])!)];
    }

    public async Task<IReadOnlyList<AlignmentCell>> GetAlignmentMatrixAsync(
        AlignmentLevel level, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(
            "alignment_matrix",
            cancellationToken,
            ("agencies", agencyIds?.ToArray()),
            ("works", null),
            ("limited", null),
            ("dimension", DimensionCodes.Of(level)),
            ("basis", BasisCode(basis)));
        return
        [
            .. result.Rows
                .Select(r =>
                {
                    var agency = Neo4jRows.Text(r["agency"])!;
                    var items = Neo4jRows.List(r["items"]).Select(Neo4jRows.Map).Select(m => ToContribution(m, agency));
                    return new AlignmentCell(agency, Neo4jRows.Text(r["sdg"])!, Neo4jRows.Text(r["code"]) ?? "", [.. items]);
                })
                .OrderBy(c => c.AgencyId, StringComparer.Ordinal)
                .ThenBy(c => c.SdgCode, SdgCodeComparer.Instance),
        ];
    }

    public async Task<IReadOnlyList<PortfolioItem>> GetPortfolioAsync(string agencyId, AlignmentRule? alignment = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("portfolio", cancellationToken, PortfolioParameters(agencyId, alignment));
        return
        [
            .. result.Rows.Select(r => new PortfolioItem(
                Neo4jRows.Text(r["id"])!,
                Neo4jRows.Text(r["status"]),
                r["year"] is { } year ? Neo4jRows.Long(year) : null,
                [.. Neo4jRows.Strings(r["goals"]).Order(SdgCodeComparer.Instance)],
                [.. Neo4jRows.Strings(r["targets"]).Order(SdgCodeComparer.Instance)],
                [.. Neo4jRows.Strings(r["themes"]).Order(StringComparer.Ordinal)])),
        ];
    }

    public async Task<IReadOnlyList<PortfolioGroup>> GetPortfolioGroupsAsync(
        string agencyId, AlignmentRule? alignment, int first, string? afterId, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(
            "portfolio_groups", cancellationToken, [.. PortfolioParameters(agencyId, alignment), ("first", (long)first), ("after", afterId)]);
        return
        [
            .. result.Rows.Select(r => new PortfolioGroup(
                Enum.Parse<PortfolioFacet>(Neo4jRows.Text(r["facet"])!, ignoreCase: true),
                Neo4jRows.Text(r["key"]),
                (int)Neo4jRows.Long(r["count"]),
                [.. Neo4jRows.Strings(r["ids"])])),
        ];
    }

    /// <summary>The agency and the alignment rule, as portfolio.cypher and portfolio_groups.cypher take them.</summary>
    private static (string Name, object? Value)[] PortfolioParameters(string agencyId, AlignmentRule? alignment)
    {
        var rule = alignment ?? AlignmentRule.Any;
        return
        [
            ("agency", agencyId),
            ("basis", BasisCode(rule.Basis)),
            ("direct", rule.Has(AlignmentPaths.Direct)),
            ("viaTarget", rule.Has(AlignmentPaths.ViaTarget)),
            ("viaOutcome", rule.Has(AlignmentPaths.ViaOutcome)),
        ];
    }

    /// <summary>A contribution from a map {id, label, name, agency, basis, reason, viaOutcome}; the agency may be given instead.</summary>
    private static Contribution ToContribution(IReadOnlyDictionary<string, object?> m) => ToContribution(m, Neo4jRows.Text(m["agency"])!);

    private static Contribution ToContribution(IReadOnlyDictionary<string, object?> m, string agency) => new(
        new SharedItem(Neo4jRows.Text(m["id"])!, Neo4jRows.Text(m["label"]) ?? "", Neo4jRows.Text(m["name"]) ?? ""),
        agency,
        Provenance.ParseCode(Neo4jRows.Text(m["basis"]) ?? ""),
        Neo4jRows.Text(m.GetValueOrDefault("reason")),
        Neo4jRows.Bool(m.GetValueOrDefault("viaOutcome")));

    private static string? BasisCode(Basis? basis) => basis is { } b ? Provenance.ToCode(b) : null;
}
