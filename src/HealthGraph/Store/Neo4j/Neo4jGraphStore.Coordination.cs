using HealthGraph.Graph;

namespace HealthGraph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    public async Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default)
    {
        var overlaps = await ReadPartnerOverlapsAsync(agencyIds, basis, cancellationToken);
        return dimension is not { } only
            ? overlaps
            :
            [
                .. overlaps
                    .Where(o => o.For(only) is { SharedCount: > 0 })
                    .Select(o => o with { Dimensions = [o.For(only)!] }),
            ];
    }

    private async Task<IReadOnlyList<PartnerOverlap>> ReadPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(
            "partner_overlaps", cancellationToken, ("agencies", agencyIds?.ToArray()), ("basis", BasisCode(basis)));
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
                                ParseDimension(Neo4jRows.Text(r["dimension"])!),
                                shared.Count,
                                (int)Neo4jRows.Long(r["countA"]),
                                (int)Neo4jRows.Long(r["countB"]),
                                shared);
                        }),
                    ])),
        ];
    }

    public async Task<IReadOnlyList<PotentialPartner>> GetPotentialPartnersAsync(
        string agencyId, Basis? basis = null, CancellationToken cancellationToken = default)
    {
        // Every pair is needed: a filter on agencies would keep only pairs inside the set.
        return PotentialPartner.Rank(await ReadPartnerOverlapsAsync(null, basis, cancellationToken), agencyId);
    }

    /// <summary>Computed at query time from every pair's overlaps (partner_overlaps.cypher): it grows with the pairs.</summary>
    public async Task<IReadOnlyList<string>> GetOverlapMatrixAgenciesAsync(
        OverlapDimension dimension, Basis? basis, int first, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var unAgencies = await ListNodesAsync(
            new NodeListQuery(NodeLabels.Organization, new FieldCondition(NodeField.Property("kind"), FilterOperator.Equals, ["UN_AGENCY"]), First: 100_000),
            cancellationToken);
        var overlaps = await ReadPartnerOverlapsAsync(null, basis, cancellationToken);
        return OverlapMatrixAgencies.Rank(overlaps, unAgencies.Nodes.Select(n => n.Id), dimension, first);
    }

    public async Task<GoalCoverage?> GetGoalCoverageAsync(string goalCode, Basis? basis = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync("goal_coverage", cancellationToken, ("goal", Vocabulary.SdgGoalId(goalCode)), ("basis", BasisCode(basis)));
        if (result.Rows.Count == 0)
        {
            return null;
        }

        var row = result.Rows[0];
        var goal = Neo4jRows.ToNode(row["goal"]);
        var bySdg = Neo4jRows.List(row["contributions"])
            .Select(Neo4jRows.Map)
            .GroupBy(c => Neo4jRows.Text(c["sdg"])!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(ToContribution).ToList(), StringComparer.Ordinal);
        var targets = Neo4jRows.List(row["targets"])
            .Select(Neo4jRows.ToNode)
            .Select(t => new TargetCoverage(t, bySdg.GetValueOrDefault(t.Id) ?? []))
            .ToList();
        targets.Sort((x, y) => SdgCodeComparer.Instance.Compare(x.Target.GetString("code"), y.Target.GetString("code")));
        return new GoalCoverage(goal, targets, bySdg.GetValueOrDefault(goal.Id) ?? []);
    }

    public async Task<IReadOnlyList<SdgContribution>> GetContributionsAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis = null, CancellationToken cancellationToken = default)
    {
        if (sdgIds.Count == 0)
        {
            return [];
        }

        var result = await ReadAsync("contributions", cancellationToken, ("sdgs", sdgIds.ToArray()), ("basis", BasisCode(basis)));
        return
        [
            .. result.Rows.Select(r => new SdgContribution(
                Neo4jRows.Text(r["sdg"])!,
                ToContribution(r.Fields.Zip(r.Values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)))),
        ];
    }

    public async Task<IReadOnlyList<AlignmentCell>> GetAlignmentMatrixAsync(
        AlignmentLevel level, Basis? basis = null, CancellationToken cancellationToken = default)
    {
        var result = await ReadAsync(
            "alignment_matrix",
            cancellationToken,
            ("dimension", level == AlignmentLevel.Goal ? "GOAL" : "TARGET"),
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

    private static OverlapDimension ParseDimension(string code) => code switch
    {
        "TARGET" => OverlapDimension.Target,
        "GOAL" => OverlapDimension.Goal,
        "THEME" => OverlapDimension.Theme,
        "OUTCOME" => OverlapDimension.Outcome,
        _ => OverlapDimension.Counterpart,
    };
}
