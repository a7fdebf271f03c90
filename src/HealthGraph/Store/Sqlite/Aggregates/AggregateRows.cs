using System.Numerics;
using HealthGraph.Graph;
using HealthGraph.Store.Sqlite.Loading;

namespace HealthGraph.Store.Sqlite.Aggregates;

/// <summary>
/// The rows of the partner-overlap aggregate (agency_work, agency_item) and of the goal-coverage aggregate
/// (coverage_link, coverage_agency, coverage_item, coverage_count) of a graph loaded into an empty store, computed in
/// memory from the graph by hash aggregation: the same rows as Sql/agency_items_fill.sql and Sql/coverage_fill.sql give
/// after the load, each table's rows in its primary-key order. Those fills, run by the database, look each relationship's
/// neighbours up in the indexes, which no longer fit in the page cache at a million deliverables (minutes of random
/// reads); the graph is already in memory. The SQL fills stay for the migrations that create the aggregates.
/// </summary>
internal sealed class AggregateRows
{
    /// <summary>agency_item's dimensions, in their ordinal (and SQLite BINARY) order; rows name them by index.</summary>
    public static readonly string[] Dimensions = [.. Enum.GetValues<OverlapDimension>().Select(DimensionCodes.Of).Order(StringComparer.Ordinal)];

    private const int Counterpart = 0;
    private const int Goal = 1;
    private const int OutcomeDimension = 2;
    private const int RegionDimension = 3;
    private const int Target = 4;
    private const int Theme = 5;

    private AggregateRows(string[] ids, string[] labels)
    {
        Ids = ids;
        Labels = labels;
    }

    /// <summary>The graph's node ids in ordinal order: rows name nodes by their index here, so index order is id order.</summary>
    public string[] Ids { get; }

    /// <summary>Each node's label, by its index.</summary>
    public string[] Labels { get; }

    public List<AgencyWorkRow> AgencyWork { get; } = [];

    public List<AgencyItemRow> AgencyItem { get; } = [];

    public List<AgencyShareRow> AgencyShare { get; } = [];

    public List<CoverageLinkRow> CoverageLink { get; } = [];

    public List<CoverageAgencyRow> CoverageAgency { get; } = [];

    public List<CoverageItemRow> CoverageItem { get; } = [];

    public List<CoverageCountRow> CoverageCount { get; } = [];

    /// <summary>
    /// The aggregates of what <paramref name="input"/> was given, as an empty store holds them after loading it in that
    /// order: where ids repeat, the last node of an id and the last relationship of a key win, as the loader's upsert
    /// leaves them.
    /// </summary>
    public static AggregateRows Compute(AggregateInput input)
    {
        var (ids, labels, regions, edges) = input.InIdOrder();
        var rows = new AggregateRows(ids, labels);
        var graph = new Graph(ids.Length, labels, regions, edges);
        rows.FillAgencyWork(graph);
        rows.FillAgencyItem(graph);
        rows.FillAgencyShare();
        rows.FillCoverageLinks(graph);
        graph = null; // the counts need only the links and the labels: at a million deliverables, hundreds of MB go first
        LoadMemory.GiveBack();
        rows.FillCoverageCounts();
        return rows;
    }

    /// <summary>agency_items_fill.sql's agency_work: DELIVERS, DELIVERS then SERVES, MANAGED_BY then an outcome's IN_FRAMEWORK.</summary>
    private void FillAgencyWork(Graph graph)
    {
        // Each way an agency's work reaches an item is one number: the item, the agency, and 1 unless the way is stated
        // (work links are stated or inferred: only an SDG alignment is ever derived, Provenance.CanBeDerived). Sorted,
        // the ways of an (item, agency) are consecutive and in agency_work's key order; a dictionary of a million keys
        // took several times the memory. Counted first, so the array is allocated once.
        var bits = 64 - BitOperations.LeadingZeroCount((ulong)Ids.Length); // a node index fits in this many bits
        var ways = new long[Ways(graph, null)];
        var at = 0;
        Ways(graph, (item, agency, basis) => ways[at++] = ((long)item << (bits + 1)) | ((long)agency << 1) | (basis == Basis.Stated ? 0L : 1L));
        Array.Sort(ways);

        AgencyWork.Capacity = Runs(ways, static (x, y) => x >> 1 == y >> 1);
        var mask = (1L << bits) - 1;
        for (var i = 0; i < ways.Length;)
        {
            var key = ways[i] >> 1;
            var (stated, inferred) = (0, 0);
            for (; i < ways.Length && ways[i] >> 1 == key; i++)
            {
                (stated, inferred) = (ways[i] & 1) == 0 ? (stated + 1, inferred) : (stated, inferred + 1);
            }

            AgencyWork.Add(new AgencyWorkRow((int)(key >> bits), (int)(key & mask), stated, inferred));
        }
    }

    /// <summary>The ways of agency_work, each given to <paramref name="way"/> (item, agency, basis) when it is not null; how many there are.</summary>
    private static int Ways(Graph graph, Action<int, int, Basis>? way)
    {
        var count = 0;
        void Add(int item, int agency, Basis basis)
        {
            way?.Invoke(item, agency, basis);
            count++;
        }

        foreach (var d in graph.Edges(RelationshipTypes.Delivers))
        {
            Add(d.To, d.From, d.Basis);
            foreach (var s in graph.From(RelationshipTypes.Serves, d.To))
            {
                Add(s.To, d.From, s.Basis);
            }
        }

        foreach (var m in graph.Edges(RelationshipTypes.ManagedBy))
        {
            foreach (var f in graph.To(RelationshipTypes.InFramework, m.From))
            {
                if (graph.Labels[f.From] == NodeLabels.Outcome)
                {
                    Add(f.From, m.To, f.Basis);
                }
            }
        }

        return count;
    }

    /// <summary>agency_items_fill.sql's agency_item: what each agency's work reaches, counted as often as the work row counts.</summary>
    private void FillAgencyItem(Graph graph)
    {
        var items = new Dictionary<(int Agency, int Dimension, int Item), BasisCounts>();
        void Add(int agency, int dimension, int item, BasisCounts counts) =>
            items[(agency, dimension, item)] = items.GetValueOrDefault((agency, dimension, item)) + counts;

        foreach (var w in AgencyWork)
        {
            long n = w.Stated + w.Inferred;
            foreach (var a in graph.From(RelationshipTypes.AlignsWith, w.Item))
            {
                Add(w.Agency, graph.Labels[a.To] == NodeLabels.SdgTarget ? Target : Goal, a.To, BasisCounts.Of(a.Basis, n));
                foreach (var g in graph.To(RelationshipTypes.HasTarget, a.To))
                {
                    Add(w.Agency, Goal, g.From, BasisCounts.Of(a.Basis, n));
                }
            }

            foreach (var h in graph.From(RelationshipTypes.HasTheme, w.Item))
            {
                Add(w.Agency, Theme, h.To, BasisCounts.Of(h.Basis, n));
            }

            if (graph.Labels[w.Item] == NodeLabels.Outcome)
            {
                Add(w.Agency, OutcomeDimension, w.Item, new BasisCounts(w.Stated, w.Inferred, 0));
            }

            foreach (var s in graph.From(RelationshipTypes.Supports, w.Item))
            {
                Add(w.Agency, Counterpart, s.To, BasisCounts.Of(s.Basis, n));
            }

            foreach (var l in graph.From(RelationshipTypes.LocatedIn, w.Item))
            {
                foreach (var region in graph.RegionsOf(l.To))
                {
                    Add(w.Agency, RegionDimension, region, BasisCounts.Of(l.Basis, n));
                }
            }
        }

        foreach (var h in graph.Edges(RelationshipTypes.HasTheme))
        {
            if (graph.Labels[h.From] == NodeLabels.Organization)
            {
                Add(h.From, Theme, h.To, BasisCounts.Of(h.Basis, 1));
            }
        }

        AgencyItem.Capacity = items.Count;
        foreach (var ((agency, dimension, item), counts) in items)
        {
            if (counts.Total > 0)
            {
                AgencyItem.Add(new AgencyItemRow(agency, dimension, item, counts));
            }
        }

        AgencyItem.Sort(static (x, y) =>
        {
            var c = x.Agency.CompareTo(y.Agency);
            c = c != 0 ? c : x.Dimension.CompareTo(y.Dimension);
            return c != 0 ? c : x.Item.CompareTo(y.Item);
        });
    }

    /// <summary>
    /// agency_share_fill.sql: per dimension and item, how many agencies have it with each basis; then per agency, dimension
    /// and basis, the others that have its items. Rows in primary-key order: dimension, basis (ANY, DERIVED, INFERRED,
    /// STATED), agency.
    /// </summary>
    private void FillAgencyShare()
    {
        // Per (dimension, item): how many agencies have it (Any), and with each basis.
        var holders = new Dictionary<long, (long Any, BasisCounts ByBasis)>();
        long Key(AgencyItemRow r) => ((long)r.Dimension * Ids.Length) + r.Item;
        foreach (var r in AgencyItem)
        {
            var h = holders.GetValueOrDefault(Key(r));
            holders[Key(r)] = (h.Any + 1, h.ByBasis + r.Counts.Present);
        }

        var scores = new Dictionary<(int Dimension, int Agency), (long Any, BasisCounts ByBasis)>();
        foreach (var r in AgencyItem)
        {
            var (any, byBasis) = holders[Key(r)];
            var s = scores.GetValueOrDefault((r.Dimension, r.Agency));
            var present = r.Counts.Present;
            scores[(r.Dimension, r.Agency)] = (
                s.Any + any - 1,
                s.ByBasis + new BasisCounts(
                    present.Stated * (byBasis.Stated - 1), present.Inferred * (byBasis.Inferred - 1), present.Derived * (byBasis.Derived - 1)));
        }

        foreach (var ((dimension, agency), (any, byBasis)) in scores)
        {
            foreach (var (basis, score) in new[] { ("ANY", any), ("DERIVED", byBasis.Derived), ("INFERRED", byBasis.Inferred), ("STATED", byBasis.Stated) })
            {
                if (score > 0)
                {
                    AgencyShare.Add(new AgencyShareRow(dimension, basis, agency, score));
                }
            }
        }

        AgencyShare.Sort(static (x, y) =>
        {
            var c = x.Dimension.CompareTo(y.Dimension);
            c = c != 0 ? c : string.CompareOrdinal(x.Basis, y.Basis);
            return c != 0 ? c : x.Agency.CompareTo(y.Agency);
        });
    }

    /// <summary>coverage_fill.sql's coverage_link: aligned work, and delivered deliverables serving aligned items.</summary>
    private void FillCoverageLinks(Graph graph)
    {
        // Counted first, so the list is allocated once at its size (millions of rows at a million deliverables).
        var count = 0;
        foreach (var w in AgencyWork)
        {
            count += graph.From(RelationshipTypes.AlignsWith, w.Item).Length;
        }

        foreach (var a in graph.Edges(RelationshipTypes.AlignsWith))
        {
            foreach (var s in graph.To(RelationshipTypes.Serves, a.From))
            {
                count += graph.To(RelationshipTypes.Delivers, s.From).Length;
            }
        }

        CoverageLink.Capacity = count;
        foreach (var w in AgencyWork)
        {
            foreach (var a in graph.From(RelationshipTypes.AlignsWith, w.Item))
            {
                CoverageLink.Add(new CoverageLinkRow(a.To, w.Agency, w.Item, 0, w.Item, a.Basis));
            }
        }

        foreach (var a in graph.Edges(RelationshipTypes.AlignsWith))
        {
            foreach (var s in graph.To(RelationshipTypes.Serves, a.From))
            {
                foreach (var d in graph.To(RelationshipTypes.Delivers, s.From))
                {
                    CoverageLink.Add(new CoverageLinkRow(a.To, d.From, s.From, 1, a.From, a.Basis));
                }
            }
        }

        CoverageLink.Sort(static (x, y) =>
        {
            var c = x.Sdg.CompareTo(y.Sdg);
            c = c != 0 ? c : x.Agency.CompareTo(y.Agency);
            c = c != 0 ? c : x.Item.CompareTo(y.Item);
            c = c != 0 ? c : x.Via.CompareTo(y.Via);
            return c != 0 ? c : x.Aligned.CompareTo(y.Aligned);
        });
    }

    /// <summary>coverage_fill.sql's counts of the links: per (node, agency), per (node, label, item), per (node, label).</summary>
    private void FillCoverageCounts()
    {
        // One key per (node, agency, item), with a bit for each basis it has a link of (16 bytes; millions of keys at a
        // million deliverables). The links are in key order, so a key's links are consecutive; counted first, so the
        // list is allocated once at its size.
        var keys = new List<CoverageKey>(Runs(CoverageLink, static (x, y) => (x.Sdg, x.Agency, x.Item) == (y.Sdg, y.Agency, y.Item)));
        foreach (var link in CoverageLink)
        {
            var has = (byte)(1 << (int)link.Basis);
            if (keys.Count > 0 && keys[^1] is var last && (last.Sdg, last.Agency, last.Item) == (link.Sdg, link.Agency, link.Item))
            {
                keys[^1] = last with { Has = (byte)(last.Has | has) };
            }
            else
            {
                keys.Add(new CoverageKey(link.Sdg, link.Agency, link.Item, has));
            }
        }

        // Keys are in (node, agency) order too, so each agency's keys of a node are consecutive.
        foreach (var key in keys)
        {
            if (CoverageAgency.Count > 0 && CoverageAgency[^1] is var last && (last.Sdg, last.Agency) == (key.Sdg, key.Agency))
            {
                CoverageAgency[^1] = last with { Counts = last.Counts + key.Present, Total = last.Total + 1 };
            }
            else
            {
                CoverageAgency.Add(new CoverageAgencyRow(key.Sdg, key.Agency, key.Present, 1));
            }
        }

        // Then the keys in coverage_item's key order, (node, label, item), so each item's keys of a node are consecutive
        // and its rows come in order (sorted, not hashed: there are millions at a million deliverables); labels compare
        // by their ordinal rank, read per node from one array.
        var rankOf = Labels.Distinct().Order(StringComparer.Ordinal).Select((label, rank) => (label, rank)).ToDictionary(p => p.label, p => p.rank, StringComparer.Ordinal);
        var labelRank = Array.ConvertAll(Labels, label => rankOf[label]);
        keys.Sort((x, y) =>
        {
            var c = x.Sdg.CompareTo(y.Sdg);
            c = c != 0 ? c : labelRank[x.Item].CompareTo(labelRank[y.Item]);
            return c != 0 ? c : x.Item.CompareTo(y.Item);
        });

        CoverageItem.Capacity = Runs(keys, static (x, y) => (x.Sdg, x.Item) == (y.Sdg, y.Item));
        foreach (var key in keys)
        {
            var present = key.Present;
            if (CoverageItem.Count > 0 && CoverageItem[^1] is var last && (last.Sdg, last.Item) == (key.Sdg, key.Item))
            {
                CoverageItem[^1] = last with
                {
                    Stated = last.Stated + (int)present.Stated,
                    Inferred = last.Inferred + (int)present.Inferred,
                    Derived = last.Derived + (int)present.Derived,
                    Total = last.Total + 1,
                };
            }
            else
            {
                CoverageItem.Add(new CoverageItemRow(key.Sdg, key.Item, (int)present.Stated, (int)present.Inferred, (int)present.Derived, 1));
            }
        }

        foreach (var item in CoverageItem)
        {
            var label = Labels[item.Item];
            if (CoverageCount.Count > 0 && CoverageCount[^1] is var last && (last.Sdg, last.Label) == (item.Sdg, label))
            {
                CoverageCount[^1] = last with { Counts = last.Counts + item.Counts.Present, Total = last.Total + 1 };
            }
            else
            {
                CoverageCount.Add(new CoverageCountRow(item.Sdg, label, item.Counts.Present, 1));
            }
        }
    }

    /// <summary>
    /// How many runs of consecutive elements <paramref name="same"/> groups <paramref name="sorted"/> into: the rows a
    /// list of millions will get, so it is allocated once at its size.
    /// </summary>
    private static int Runs<T>(IReadOnlyList<T> sorted, Func<T, T, bool> same)
    {
        var runs = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            runs += i == 0 || !same(sorted[i - 1], sorted[i]) ? 1 : 0;
        }

        return runs;
    }

    public readonly record struct AgencyWorkRow(int Item, int Agency, int Stated, int Inferred);

    public readonly record struct AgencyItemRow(int Agency, int Dimension, int Item, BasisCounts Counts);

    public readonly record struct AgencyShareRow(int Dimension, string Basis, int Agency, long Score);

    public readonly record struct CoverageLinkRow(int Sdg, int Agency, int Item, int Via, int Aligned, Basis Basis);

    public readonly record struct CoverageAgencyRow(int Sdg, int Agency, BasisCounts Counts, long Total);

    /// <summary>A coverage_item row; its label is the item's (<see cref="Labels"/>), and its counts fit in ints (a node's agencies).</summary>
    public readonly record struct CoverageItemRow(int Sdg, int Item, int Stated, int Inferred, int Derived, int Total)
    {
        public BasisCounts Counts => new(Stated, Inferred, Derived);
    }

    /// <summary>A (node, agency, item) of coverage_link, with a bit for each basis of its links (1 &lt;&lt; <see cref="Basis"/>).</summary>
    private readonly record struct CoverageKey(int Sdg, int Agency, int Item, byte Has)
    {
        public BasisCounts Present => new((Has >> (int)Basis.Stated) & 1, (Has >> (int)Basis.Inferred) & 1, (Has >> (int)Basis.Derived) & 1);
    }

    public readonly record struct CoverageCountRow(int Sdg, string Label, BasisCounts Counts, long Total);

    /// <summary>A relationship between node indexes, with its basis.</summary>
    internal readonly record struct Edge(int From, int To, Basis Basis);

    /// <summary>The relationships of the types the aggregates read, each type also by start and by end node.</summary>
    private sealed class Graph
    {
        private readonly Dictionary<string, Edge[]> _edges = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Adjacency> _from = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Adjacency> _to = new(StringComparer.Ordinal);

        private readonly int _nodeCount;
        private readonly bool[] _regions;

        public Graph(int nodeCount, string[] labels, bool[] regions, IReadOnlyDictionary<string, List<Edge>> edges)
        {
            _nodeCount = nodeCount;
            Labels = labels;
            _regions = regions;
            foreach (var type in AggregateInput.Types)
            {
                var list = edges[type];
                _edges[type] = LastOfEachKey(list);
                list.Clear();
                list.Capacity = 0;
            }
        }

        public string[] Labels { get; }

        /// <summary>
        /// place_region (Migrations/0009_region_dimension.sql): the regions at the end of every way up from a place, of 0
        /// to 3 PART_OF steps, once per way.
        /// </summary>
        public List<int> RegionsOf(int place)
        {
            var regions = new List<int>();
            void Up(int at, int depth)
            {
                if (_regions[at])
                {
                    regions.Add(at);
                }

                if (depth < 3)
                {
                    foreach (var p in From(RelationshipTypes.PartOf, at))
                    {
                        Up(p.To, depth + 1);
                    }
                }
            }

            Up(place, 0);
            return regions;
        }

        /// <summary>
        /// The edges with one per (from, to): where a key comes more than once, the last one wins, as in the store. The
        /// loader gives relationships in key order, so a repeated key's edges are consecutive; otherwise they are grouped.
        /// </summary>
        private static Edge[] LastOfEachKey(List<Edge> edges)
        {
            var inOrder = true;
            for (var i = 1; i < edges.Count && inOrder; i++)
            {
                inOrder = (edges[i - 1].From, edges[i - 1].To).CompareTo((edges[i].From, edges[i].To)) <= 0;
            }

            if (!inOrder)
            {
                // Sorted by key, the later of two edges of a key by where it came (a grouping took about 150 bytes an
                // edge, 450 MB at a million deliverables; this takes 12 more than the edges).
                var keys = new long[edges.Count];
                var arrival = new int[edges.Count];
                for (var i = 0; i < keys.Length; i++)
                {
                    (keys[i], arrival[i]) = (((long)edges[i].From << 32) | (uint)edges[i].To, i);
                }

                Array.Sort(keys, arrival);
                var last = new List<Edge>(keys.Length);
                for (var i = 0; i < keys.Length;)
                {
                    var latest = arrival[i];
                    for (i++; i < keys.Length && keys[i] == keys[i - 1]; i++)
                    {
                        latest = Math.Max(latest, arrival[i]);
                    }

                    last.Add(edges[latest]);
                }

                return [.. last];
            }

            var kept = new List<Edge>(edges.Count);
            foreach (var edge in edges)
            {
                if (kept.Count > 0 && (kept[^1].From, kept[^1].To) == (edge.From, edge.To))
                {
                    kept[^1] = edge;
                }
                else
                {
                    kept.Add(edge);
                }
            }

            return [.. kept];
        }

        public Edge[] Edges(string type) => _edges[type];

        /// <summary>The relationships of a type from a node: grouped by start node when first asked for.</summary>
        public ReadOnlySpan<Edge> From(string type, int node) =>
            (_from.TryGetValue(type, out var from) ? from : _from[type] = new Adjacency(_nodeCount, _edges[type], byEnd: false)).Of(node);

        /// <summary>The relationships of a type to a node: grouped by end node when first asked for.</summary>
        public ReadOnlySpan<Edge> To(string type, int node) =>
            (_to.TryGetValue(type, out var to) ? to : _to[type] = new Adjacency(_nodeCount, _edges[type], byEnd: true)).Of(node);
    }

    /// <summary>Relationships grouped by start (or end) node, as one array and each node's offset into it.</summary>
    private sealed class Adjacency
    {
        private readonly int[] _start;
        private readonly Edge[] _edges;

        public Adjacency(int nodeCount, Edge[] edges, bool byEnd)
        {
            _start = new int[nodeCount + 1];
            foreach (var e in edges)
            {
                _start[(byEnd ? e.To : e.From) + 1]++;
            }

            for (var n = 0; n < nodeCount; n++)
            {
                _start[n + 1] += _start[n];
            }

            _edges = new Edge[edges.Length];
            var next = _start[..^1];
            foreach (var e in edges)
            {
                _edges[next[byEnd ? e.To : e.From]++] = e;
            }
        }

        public ReadOnlySpan<Edge> Of(int node) => _edges.AsSpan(_start[node], _start[node + 1] - _start[node]);
    }
}
