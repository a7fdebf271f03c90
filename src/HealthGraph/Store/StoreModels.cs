using HealthGraph.Graph;

namespace HealthGraph.Store;

public enum Direction
{
    Outgoing,
    Incoming,
}

/// <summary>What an overlap or coverage is measured in.</summary>
public enum OverlapDimension
{
    Target,
    Goal,
    Theme,
    Outcome,
    Counterpart,
    Region,
}

public enum AlignmentLevel
{
    Goal,
    Target,
}

/// <summary>Whether anyone works on an SDG target (or in a region): nobody, one agency, or several.</summary>
public enum CoverageStatus
{
    Gap,
    SingleAgency,
    Shared,
}

public static class CoverageStatuses
{
    /// <summary>The status of an item that this many agencies work on.</summary>
    public static CoverageStatus Of(int agencies) => agencies switch
    {
        0 => CoverageStatus.Gap,
        1 => CoverageStatus.SingleAgency,
        _ => CoverageStatus.Shared,
    };
}

/// <summary>An agency that has an item of an overlap dimension, and how many of its links reach it (of the basis asked).</summary>
public sealed record ItemHolder(string AgencyId, long Links);

/// <summary>
/// The agencies that have an item (a region, a target...) in the partner-overlap aggregate: how many in all, and the
/// first of them, most links first (ties by id).
/// </summary>
public sealed record ItemHolders(string ItemId, int AgencyCount, IReadOnlyList<ItemHolder> Agencies)
{
    public CoverageStatus Status => CoverageStatuses.Of(AgencyCount);
}

public sealed record GraphStatistics(
    IReadOnlyDictionary<string, long> NodesByLabel,
    IReadOnlyDictionary<string, long> RelationshipsByType)
{
    public long NodeCount => NodesByLabel.Values.Sum();

    public long RelationshipCount => RelationshipsByType.Values.Sum();
}

public sealed record ChangeCounts(long Created, long Updated, long Unchanged)
{
    public long Changed => Created + Updated;

    /// <summary>Every element the load was given, changed or not.</summary>
    public long Total => Created + Updated + Unchanged;

    public static ChangeCounts operator +(ChangeCounts a, ChangeCounts b) =>
        new(a.Created + b.Created, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}

/// <summary>The counts of several loads added up, by label and by relationship type (an import that loads in batches).</summary>
public sealed class LoadTally
{
    private readonly Dictionary<string, ChangeCounts> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChangeCounts> _relationships = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ChangeCounts> Nodes => _nodes;

    public IReadOnlyDictionary<string, ChangeCounts> Relationships => _relationships;

    public void Add(LoadReport report) => Add(report.Nodes, report.Relationships);

    public void Add(IReadOnlyDictionary<string, ChangeCounts> nodes, IReadOnlyDictionary<string, ChangeCounts> relationships)
    {
        Merge(_nodes, nodes);
        Merge(_relationships, relationships);
    }

    private static void Merge(Dictionary<string, ChangeCounts> into, IReadOnlyDictionary<string, ChangeCounts> counts)
    {
        foreach (var (key, c) in counts)
        {
            into[key] = into.TryGetValue(key, out var sum) ? sum + c : c;
        }
    }
}

public sealed record LoadReport(
    IReadOnlyDictionary<string, ChangeCounts> Nodes,
    IReadOnlyDictionary<string, ChangeCounts> Relationships,
    GraphStatistics After)
{
    public bool ChangedAnything => Nodes.Values.Concat(Relationships.Values).Any(c => c.Changed > 0);

    /// <summary>How long each phase of the load took (nodes, relationships, index builds...), in the order they ran, where the store times them.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases { get; init; } = [];
}

/// <summary>Progress of a load: the phase ("nodes", "relationships") and how far it is.</summary>
public sealed record LoadProgress(string Phase, long Done, long Total);

/// <summary>A page of a list the store keeps in order: its items, whether more follow, and how many the list holds in all.</summary>
public sealed record ItemsPage<T>(IReadOnlyList<T> Items, bool HasNextPage, long TotalCount);

public static class ItemsPage
{
    public static ItemsPage<T> Empty<T>() => new([], false, 0);

    /// <summary>The page from up to one row more than it holds (the extra row says that more follow).</summary>
    public static ItemsPage<T> FromRows<T>(List<T> rows, int first, long total) =>
        rows.Count > first ? new(rows[..first], true, total) : new(rows, false, total);
}

/// <summary>Where a relationship is in a list of relationships by type, then start, then end.</summary>
public sealed record RelationshipKey(string Type, string FromId, string ToId);


/// <summary>A search: user text (never interpreted as query syntax), optional labels to search in, and a limit.</summary>
public sealed record SearchQuery(string Text, IReadOnlyCollection<string>? Labels = null, int First = 20);

public sealed record SearchHit(GraphNode Node, double Score, string Snippet);

/// <summary>A thing two agencies share (a target, theme, outcome, counterpart...).</summary>
public sealed record SharedItem(string Id, string Label, string Name);

/// <summary>
/// What a pair of agencies (A before B by id) shares in one dimension, counting links of one basis (null: both): the
/// key under which <see cref="IGraphStore.GetSharedItemsAsync"/> lists the shared items.
/// </summary>
public sealed record SharedItemsKey(string AgencyA, string AgencyB, OverlapDimension Dimension, Basis? Basis)
{
    /// <summary>What a store reads for <see cref="IGraphStore.GetSharedItemsAsync"/>: the distinct keys, by position; none for a bound of 0.</summary>
    internal static IReadOnlyList<SharedItemsKey> ToRead(IReadOnlyCollection<SharedItemsKey> keys, int first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return first == 0 ? [] : [.. keys.Distinct()];
    }
}

/// <summary>
/// The counts of what a pair shares in one dimension. The shared items themselves are read apart, and only as many as
/// an answer lists (<see cref="IGraphStore.GetSharedItemsAsync"/>), so that counting pairs never reads their items.
/// </summary>
public sealed record DimensionOverlap(SharedItemsKey Key, int SharedCount, int CountA, int CountB)
{
    public OverlapDimension Dimension => Key.Dimension;

    /// <summary>|A ∩ B| / |A ∪ B|: 1 when both agencies cover exactly the same items, 0 when none in common.</summary>
    public double Jaccard => CountA + CountB - SharedCount == 0 ? 0 : (double)SharedCount / (CountA + CountB - SharedCount);

    /// <summary>
    /// The shared items by id, when the overlap was counted from rows at hand (a limited question,
    /// <see cref="OverlapCounting.Limited"/>): then they are not read again, and the aggregate, which counts all work,
    /// is not asked for them. Null: read them by <see cref="Key"/>.
    /// </summary>
    public IReadOnlyList<string>? SharedItems { get; init; }
}

public sealed record PartnerOverlap(string AgencyA, string AgencyB, Basis? Basis, IReadOnlyList<DimensionOverlap> Dimensions)
{
    public DimensionOverlap? For(OverlapDimension dimension) => Dimensions.FirstOrDefault(d => d.Dimension == dimension);

    /// <summary>The dimension's counts, or zeros when neither agency has anything in it.</summary>
    public DimensionOverlap Of(OverlapDimension dimension) =>
        For(dimension) ?? new DimensionOverlap(new SharedItemsKey(AgencyA, AgencyB, dimension, Basis), 0, 0, 0);
}

/// <summary>A piece of work (deliverable or outcome) behind an alignment, with the agency and the link's basis.</summary>
public sealed record Contribution(SharedItem Item, string AgencyId, Basis Basis, string? Reason, bool ViaOutcome);

/// <summary>
/// The work behind one SDG goal or target: how many contributions, deliverables and outcomes there are and which
/// agencies are behind them (always exact), with the first contributions (by agency, then item) and the first
/// deliverable and outcome ids (by id); every one of them when the question set no bound.
/// </summary>
public sealed record SdgWork(
    string SdgId,
    IReadOnlyList<string> AgencyIds,
    int ContributionCount,
    IReadOnlyList<Contribution> Contributions,
    int DeliverableCount,
    IReadOnlyList<string> DeliverableIds,
    int OutcomeCount,
    IReadOnlyList<string> OutcomeIds)
{
    /// <summary>No work at all behind the node.</summary>
    public static SdgWork None(string sdgId) => new(sdgId, [], 0, [], 0, [], 0, []);

    public CoverageStatus Status => CoverageStatuses.Of(AgencyIds.Count);
}

public sealed record TargetCoverage(GraphNode Target, SdgWork Work)
{
    public IReadOnlyList<string> AgencyIds => Work.AgencyIds;

    public IReadOnlyList<Contribution> Contributions => Work.Contributions;

    public CoverageStatus Status => Work.Status;
}

/// <summary>A goal's coverage: its targets in the framework's order, and the work aligned with the goal as a whole.</summary>
public sealed record GoalCoverage(GraphNode Goal, IReadOnlyList<TargetCoverage> Targets, SdgWork GoalWork)
{
    public IReadOnlyList<Contribution> GoalLevel => GoalWork.Contributions;
}

public sealed record AlignmentCell(string AgencyId, string SdgId, string SdgCode, IReadOnlyList<Contribution> Items);

public sealed record PotentialPartner(string AgencyId, double Score, PartnerOverlap Overlap)
{
    /// <summary>
    /// An agency's potential partners among overlaps: the other agency of each pair it is in, with a score above 0,
    /// best first (ties by id). The same ranking for every store.
    /// </summary>
    public static IReadOnlyList<PotentialPartner> Rank(IEnumerable<PartnerOverlap> overlaps, string agencyId) =>
    [
        .. overlaps
            .Where(o => o.AgencyA == agencyId || o.AgencyB == agencyId)
            .Select(o => new PotentialPartner(o.AgencyA == agencyId ? o.AgencyB : o.AgencyA, ScoreOf(o), o))
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.AgencyId, StringComparer.Ordinal),
    ];

    /// <summary>
    /// How promising a partnership is: the Jaccard index of shared SDG targets plus that of shared themes (0 to 2),
    /// so that both working on the same targets and working on the same topics count, relative to portfolio size.
    /// </summary>
    public static double ScoreOf(PartnerOverlap overlap) =>
        (overlap.For(OverlapDimension.Target)?.Jaccard ?? 0) + (overlap.For(OverlapDimension.Theme)?.Jaccard ?? 0);
}

/// <summary>
/// The ranking of <see cref="IGraphStore.GetOverlapMatrixAgenciesAsync"/> from each agency's share per dimension, for
/// stores that compute the shares at query time.
/// </summary>
public static class OverlapMatrixAgencies
{
    /// <summary>The kind of organization an overlap matrix shows first: the UN agencies.</summary>
    public const string FirstKind = "UN_AGENCY";

    /// <summary>
    /// From each agency's share per dimension (<paramref name="scores"/>: the sum of its sharedCount over all its pairs,
    /// for the agencies that share something): the ranking below, then the agencies that share only in other
    /// dimensions, by id.
    /// </summary>
    public static IReadOnlyList<string> Rank(
        IReadOnlyList<(string Agency, OverlapDimension Dimension, long Score)> scores, IEnumerable<string> unAgencyIds, OverlapDimension dimension, int first)
    {
        var shared = scores.Where(s => s.Dimension == dimension).ToDictionary(s => s.Agency, s => s.Score, StringComparer.Ordinal);
        var ranked = Rank(shared, unAgencyIds.ToHashSet(StringComparer.Ordinal), first);
        var taken = ranked.ToHashSet(StringComparer.Ordinal);
        return
        [
            .. ranked,
            .. scores.Where(s => s.Score > 0).Select(s => s.Agency).Distinct(StringComparer.Ordinal).Where(id => !taken.Contains(id))
                .Order(StringComparer.Ordinal).Take(first - ranked.Count),
        ];
    }

    /// <summary>
    /// The UN agencies, then the agencies with items shared with others (<paramref name="shared"/>: per agency, the sum
    /// of its sharedCount over all pairs), most first, ties by id; at most <paramref name="first"/>.
    /// </summary>
    private static IReadOnlyList<string> Rank(IReadOnlyDictionary<string, long> shared, IReadOnlySet<string> unAgencyIds, int first) =>
    [
        .. unAgencyIds.Concat(shared.Where(s => s.Value > 0).Select(s => s.Key)).Distinct(StringComparer.Ordinal)
            .OrderByDescending(unAgencyIds.Contains)
            .ThenByDescending(id => shared.GetValueOrDefault(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(first),
    ];
}

/// <summary>
/// A node and the relationships that start or end at it: how many there are in all, and the first of them (see
/// <see cref="IGraphStore.GetNeighbourhoodAsync"/>), each in its own direction.
/// </summary>
public sealed record Neighbourhood(GraphNode Node, int RelationshipCount, IReadOnlyList<GraphRelationship> Relationships);

/// <summary>
/// A path: its nodes from start to end and the relationships between them. Paths of equal length are in path order when
/// compared hop by hop, each hop by the id of the node it reaches, then the relationship's type, then the id of the
/// relationship's start node (ordinal): the order every store lists shortest paths in.
/// </summary>
public sealed record GraphPath(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphRelationship> Relationships)
{
    /// <summary>The most shortest paths a store lists (the first in path order): beyond this many, more paths add no insight.</summary>
    public const int MaxShortestPaths = 50;

    /// <summary>The longest path a store searches for: the contract's limit, offered by the API and enforced by both stores.</summary>
    public const int MaxHops = 6;

    /// <summary>Refuses a path length outside 1 to <see cref="MaxHops"/>.</summary>
    public static void CheckHops(int maxHops)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHops);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHops, MaxHops);
    }

    public int Length => Relationships.Count;

    /// <summary>Compares two hops of paths in path order: the node each reaches, then the relationship's type and start.</summary>
    public static int CompareSteps((string Node, GraphRelationship Via) x, (string Node, GraphRelationship Via) y)
    {
        var byNode = string.CompareOrdinal(x.Node, y.Node);
        if (byNode != 0)
        {
            return byNode;
        }

        var byType = string.CompareOrdinal(x.Via.Type, y.Via.Type);
        return byType != 0 ? byType : string.CompareOrdinal(x.Via.FromId, y.Via.FromId);
    }

    /// <summary>Compares two paths of equal length in path order.</summary>
    public static int Compare(GraphPath x, GraphPath y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var byStep = CompareSteps((x.Nodes[i + 1].Id, x.Relationships[i]), (y.Nodes[i + 1].Id, y.Relationships[i]));
            if (byStep != 0)
            {
                return byStep;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}

/// <summary>
/// One of an agency's deliverables as its portfolio groups it: its id, status and year, and the goals, targets and themes
/// it has (not the whole node: a portfolio counts every deliverable and lists only a page of them).
/// </summary>
public sealed record PortfolioItem(
    string DeliverableId,
    string? Status,
    long? Year,
    IReadOnlyList<string> GoalCodes,
    IReadOnlyList<string> TargetCodes,
    IReadOnlyList<string> ThemeIds);

/// <summary>What a portfolio groups an agency's deliverables by; <see cref="All"/> is the one group of all of them.</summary>
public enum PortfolioFacet
{
    All,
    Goal,
    Theme,
    Status,
    Year,
}

/// <summary>
/// A group of an agency's portfolio: its facet and key (a goal's code, a theme's id, a status, a year; null for
/// <see cref="PortfolioFacet.All"/>, and for the work without a status or a year), how many deliverables it holds, and
/// the ids of a page of them, by id.
/// </summary>
public sealed record PortfolioGroup(PortfolioFacet Facet, string? Key, int Count, IReadOnlyList<string> Ids);

/// <summary>The one rule that groups a portfolio's deliverables (<see cref="IGraphStore.GetPortfolioGroupsAsync"/>).</summary>
public static class PortfolioGrouping
{
    /// <summary>
    /// The groups of <paramref name="items"/>: every group that holds a deliverable, each with its count and the first
    /// <paramref name="first"/> ids after <paramref name="afterId"/> (from the start when null), by id.
    /// </summary>
    public static IReadOnlyList<PortfolioGroup> Of(IReadOnlyList<PortfolioItem> items, int first, string? afterId)
    {
        var inOrder = items;
        for (var i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(items[i - 1].DeliverableId, items[i].DeliverableId) > 0)
            {
                inOrder = [.. items.OrderBy(item => item.DeliverableId, StringComparer.Ordinal)];
                break;
            }
        }

        var groups = new Dictionary<(PortfolioFacet Facet, string? Key), Group>();
        foreach (var item in inOrder)
        {
            var listed = afterId is null || string.CompareOrdinal(item.DeliverableId, afterId) > 0;
            foreach (var key in KeysOf(item))
            {
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new Group();
                }

                if (group.Last != item.DeliverableId) // a key an item gives twice counts it once
                {
                    group.Last = item.DeliverableId;
                    group.Count++;
                    if (listed && group.Ids.Count < first)
                    {
                        group.Ids.Add(item.DeliverableId);
                    }
                }
            }
        }

        return [.. groups.Select(g => new PortfolioGroup(g.Key.Facet, g.Key.Key, g.Value.Count, g.Value.Ids))];
    }

    private sealed class Group
    {
        public int Count { get; set; }

        public string? Last { get; set; }

        public List<string> Ids { get; } = [];
    }

    private static IEnumerable<(PortfolioFacet, string?)> KeysOf(PortfolioItem item) =>
    [
        (PortfolioFacet.All, null),
        (PortfolioFacet.Status, item.Status),
        (PortfolioFacet.Year, item.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. item.GoalCodes.Select(code => (PortfolioFacet.Goal, (string?)code)),
        .. item.ThemeIds.Select(id => (PortfolioFacet.Theme, (string?)id)),
    ];
}
