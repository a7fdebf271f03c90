using HealthGraph.Graph;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        return OnlyIn(await ReadPartnerOverlapsAsync(agencyIds, null, basis, dimension, cancellationToken), dimension);
    }

    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsOfAsync(
        IReadOnlyCollection<string> agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        return agencyIds.Count == 0 ? [] : OnlyIn(await ReadPartnerOverlapsAsync(null, agencyIds, basis, dimension, cancellationToken), dimension);
    }

    private static IReadOnlyList<PartnerOverlap> OnlyIn(IReadOnlyList<PartnerOverlap> overlaps, OverlapDimension? dimension)
    {
        return dimension is not { } only
            ? overlaps
            :
            [
                .. overlaps
                    .Where(o => o.For(only) is { SharedCount: > 0 })
                    .Select(o => o with { Dimensions = [o.For(only)!] }),
            ];
    }

    /// <summary>
    /// partner_overlaps.cypher: the pairs among <paramref name="agencyIds"/> (all when null) that one of <paramref name="of"/>
    /// is in (any when null); with <paramref name="dimension"/>, only what they share in it.
    /// </summary>
    private async Task<IReadOnlyList<PartnerOverlap>> ReadPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, IReadOnlyCollection<string>? of, Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(
            "partner_overlaps", cancellationToken, ("agencies", agencyIds?.ToArray()), ("of", of?.ToArray()), ("basis", BasisCode(basis)),
            ("dimension", DimensionCodes.Of(dimension)));
        return
        [
            .. result.Rows
                .GroupBy(r => (A: Neo4jRows.Text(r["a"])!, B: Neo4jRows.Text(r["b"])!))
                .OrderBy(g => g.Key.A, StringComparer.Ordinal)
                .ThenBy(g => g.Key.B, StringComparer.Ordinal)
                .Select(g => new PartnerOverlap(
                    g.Key.A,
                    g.Key.B,
                    [
                        .. g.Select(r =>
                        {
                            var shared = Neo4jRows.List(r["shared"]).Select(ToSharedItem).ToList();
                            return new DimensionOverlap(
                                DimensionCodes.Parse(Neo4jRows.Text(r["dimension"])!),
                                shared.Count,
                                (int)Neo4jRows.Long(r["countA"]),
                                (int)Neo4jRows.Long(r["countB"]),
                                shared);
                        }),
                    ])),
        ];
    }

    public async Task<IReadOnlyList<PotentialPartner>> GetPotentialPartnersAsync(
        string agencyId, Basis? basis = null, CancellationToken cancellationToken = default) =>
        PotentialPartner.Rank(await ReadPartnerOverlapsAsync(null, [agencyId], basis, null, cancellationToken), agencyId);

    /// <summary>From each agency's share (overlap_scores.cypher), computed at query time without building pairs.</summary>
    public async Task<IReadOnlyList<string>> GetSharingAgenciesAsync(
        Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default) =>
    [
        .. (await ReadOverlapScoresAsync(basis, cancellationToken))
            .Where(s => dimension is null || s.Dimension == dimension)
            .Select(s => s.Agency)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Ranked by each agency's share (overlap_scores.cypher), computed at query time without building pairs.</summary>
    public async Task<IReadOnlyList<string>> GetOverlapMatrixAgenciesAsync(
        OverlapDimension dimension, Basis? basis, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var unAgencies = await ListNodesAsync(
            new NodeListQuery(NodeLabels.Organization, new FieldCondition(NodeField.Property("kind"), FilterOperator.Equals, ["UN_AGENCY"]), First: 100_000),
            cancellationToken);
        return OverlapMatrixAgencies.Rank(await ReadOverlapScoresAsync(basis, cancellationToken), unAgencies.Nodes.Select(n => n.Id), dimension, first);
    }

    private async Task<IReadOnlyList<(string Agency, OverlapDimension Dimension, long Score)>> ReadOverlapScoresAsync(Basis? basis, CancellationToken cancellationToken)
    {
        var scores = await ReadAsync("overlap_scores", cancellationToken, ("agencies", null), ("basis", BasisCode(basis)));
        return [.. scores.Rows.Select(r => (Neo4jRows.Text(r["agency"])!, DimensionCodes.Parse(Neo4jRows.Text(r["dimension"])!), Neo4jRows.Long(r["score"])))];
    }

    public async Task<GoalCoverage?> GetGoalCoverageAsync(string goalCode, Basis? basis = null, int? first = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("goal_coverage", cancellationToken, ("goal", Vocabulary.SdgGoalId(goalCode)));
        if (result.Rows.Count == 0)
        {
            return null;
        }

        var row = result.Rows[0];
        var goal = Neo4jRows.ToNode(row["goal"]);
        var targets = Neo4jRows.List(row["targets"]).Select(Neo4jRows.ToNode).ToList();
        var work = await ReadSdgWorkAsync([goal.Id, .. targets.Select(t => t.Id)], withTargets: false, basis, first, cancellationToken);
        return new GoalCoverage(
            goal,
            [
                .. targets
                    .OrderBy(t => t.GetString("code"), SdgCodeComparer.Instance)
                    .Select(t => new TargetCoverage(t, work.GetValueOrDefault(t.Id) ?? SdgWork.None(t.Id))),
            ],
            work.GetValueOrDefault(goal.Id) ?? SdgWork.None(goal.Id));
    }

    public async Task<IReadOnlyList<SdgWork>> GetSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis = null, int? first = null, CancellationToken cancellationToken = default)
    {
        return sdgIds.Count == 0 ? [] : [.. (await ReadSdgWorkAsync(sdgIds, withTargets: true, basis, first, cancellationToken)).Values];
    }

    /// <summary>sdg_work.cypher's rows (one per SDG node with work), by node id.</summary>
    private async Task<Dictionary<string, SdgWork>> ReadSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, bool withTargets, Basis? basis, int? first, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(
            "sdg_work", cancellationToken, ("sdgs", sdgIds.ToArray()), ("withTargets", withTargets), ("basis", BasisCode(basis)), ("first", first));
        return result.Rows
            .Select(r => new SdgWork(
                Neo4jRows.Text(r["sdg"])!,
                [.. Neo4jRows.Strings(r["agencies"]).Order(StringComparer.Ordinal)],
                (int)Neo4jRows.Long(r["contributionCount"]),
                [.. Neo4jRows.List(r["contributions"]).Select(Neo4jRows.Map).Select(ToContribution)],
                (int)Neo4jRows.Long(r["deliverableCount"]),
                Neo4jRows.Strings(r["deliverables"]),
                (int)Neo4jRows.Long(r["outcomeCount"]),
                Neo4jRows.Strings(r["outcomes"])))
            .ToDictionary(w => w.SdgId, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<string>> GetAlignedAgenciesAsync(AlignmentLevel level, Basis? basis = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("aligned_agencies", cancellationToken, ("agencies", null), ("dimension", DimensionCodes.Of(level)), ("basis", BasisCode(basis)));
        return [.. result.Rows.Select(r => Neo4jRows.Text(r["agency"])!)];
    }

    public async Task<IReadOnlyList<AlignmentCell>> GetAlignmentMatrixAsync(
        AlignmentLevel level, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(
            "alignment_matrix",
            cancellationToken,
            ("agencies", agencyIds?.ToArray()),
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

    public async Task<IReadOnlyList<PortfolioItem>> GetPortfolioAsync(string agencyId, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("portfolio", cancellationToken, ("agency", agencyId));
        return
        [
            .. result.Rows.Select(r => new PortfolioItem(
                Neo4jRows.ToNode(r["d"]),
                [.. Neo4jRows.Strings(r["goals"]).Order(SdgCodeComparer.Instance)],
                [.. Neo4jRows.Strings(r["targets"]).Order(SdgCodeComparer.Instance)],
                [.. Neo4jRows.Strings(r["themes"]).Order(StringComparer.Ordinal)])),
        ];
    }

    private static SharedItem ToSharedItem(object? value)
    {
        var m = Neo4jRows.Map(value);
        return new SharedItem(Neo4jRows.Text(m["id"])!, Neo4jRows.Text(m["label"]) ?? "", Neo4jRows.Text(m["name"]) ?? "");
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
