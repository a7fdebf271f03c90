using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// The store contract: the questions HealthGraph's users ask of the graph, answered by the store in as few round
/// trips as it can. Every store (embedded SQLite, Neo4j) implements it and passes the same behavioural suite.
/// Lookups take batches of ids so that the GraphQL layer calls the store once per query level, not per result.
/// </summary>
public interface IGraphStore
{
    /// <summary>Which store this is and where, for people: "SQLite /data/healthgraph.db", "Neo4j http://neo4j:7474, database neo4j".</summary>
    string Description { get; }

    /// <summary>Makes sure the store is reachable and its schema is current (idempotent).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins what the store calls of one API request (the current async flow) share until the returned scope is
    /// disposed: the SQLite store holds one connection for them instead of taking one from its pool per call; a store
    /// with nothing to share gives a scope that does nothing. Calls outside any request work as before.
    /// </summary>
    IDisposable BeginRequest();

    /// <summary>
    /// Loads a graph: nodes and relationships are created or updated by id, unchanged ones are left alone (a second load
    /// of the same graph changes nothing), and relationships to nodes that are neither in the graph nor in the store are
    /// refused before anything is written. The embedded store loads in one transaction, so a failure leaves it as it
    /// was; Neo4j loads in bounded batches, each its own transaction, so a load cut short (an outage, a cancellation)
    /// leaves the batches before it, and running the load again completes it.
    /// </summary>
    Task<LoadReport> LoadAsync(SeedGraph graph, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>How many nodes each label has and how many relationships each type has.</summary>
    Task<GraphStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>The nodes with the given ids (missing ids are left out), in one round trip.</summary>
    Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>The relationships of the given type that leave (or enter) any of the given nodes, in one round trip.</summary>
    Task<IReadOnlyList<GraphRelationship>> GetRelationshipsAsync(
        IReadOnlyCollection<string> nodeIds, string type, Direction direction, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of each given node's relationships of one type (leaving it, or entering it), in one round trip: per node,
    /// the first <paramref name="first"/> by the other end's id, after <paramref name="afterId"/> (from the start when
    /// null), only those whose other end has <paramref name="otherLabel"/> when it is given, and how many it has in all
    /// (with that label). Nodes without such relationships get an empty page; ids that are no node too.
    /// </summary>
    Task<IReadOnlyDictionary<string, ItemsPage<GraphRelationship>>> GetRelatedPagesAsync(
        IReadOnlyCollection<string> nodeIds,
        string type,
        Direction direction,
        string? otherLabel,
        int first,
        string? afterId,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of a label's nodes, filtered and ordered (ties and an empty ordering fall back to id), with keyset
    /// pagination in either direction and the total number of matching nodes.
    /// </summary>
    Task<NodePage> ListNodesAsync(NodeListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The work behind each of the given SDG goals or targets (deliverables and outcomes aligned with it, and for a
    /// goal with any of its targets, with the agency and the basis), optionally only links of one basis, in one round
    /// trip: exact counts and agencies, and at most <paramref name="first"/> contributions, deliverables and outcomes
    /// listed per node (all when null). Ids that are no goal or target are left out.
    /// </summary>
    Task<IReadOnlyList<SdgWork>> GetSdgWorkAsync(
        IReadOnlyCollection<string> sdgIds, Basis? basis = null, int? first = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies an edit in one transaction and records it in the change log. Throws
    /// <see cref="GraphChangeRejectedException"/> (and writes nothing) when the change refers to a missing node.
    /// </summary>
    Task<ChangeResult> ApplyAsync(GraphChange change, CancellationToken cancellationToken = default);

    /// <summary>The latest entries of the change log, newest first; with <paramref name="before"/>, those older than that sequence number.</summary>
    /// <remarks>With <paramref name="subject"/>, only the entries about that entity: its history, by an index.</remarks>
    Task<IReadOnlyList<ChangeLogEntry>> GetChangesAsync(int first, long? before = null, string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the nodes a document is the source of (but the document itself), by id: the first
    /// <paramref name="first"/> after <paramref name="afterId"/> (from the start when null), and how many there are.
    /// </summary>
    Task<ItemsPage<GraphNode>> GetDocumentNodesAsync(string documentId, int first, string? afterId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the relationships a document states or evidences, by type, then start, then end: the first
    /// <paramref name="first"/> after <paramref name="after"/> (from the start when null), and how many there are.
    /// </summary>
    Task<ItemsPage<GraphRelationship>> GetDocumentRelationshipsAsync(
        string documentId, int first, RelationshipKey? after, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over names, descriptions, items and theme labels, best match first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each pair of the given agencies (all agencies when null) that share anything, how much they share; with
    /// <paramref name="dimension"/>, only the pairs that share something in that dimension, and only that dimension.
    /// </summary>
    Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsAsync(
        IReadOnlyCollection<string>? agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every pair that shares anything and that one of <paramref name="agencyIds"/> is in (as
    /// <see cref="GetPartnerOverlapsAsync"/> gives them, by agency A then B): a few agencies' pairs at a time, for
    /// reading all pairs without holding them (see <see cref="PartnerOverlapPages"/>) or one agency's partners.
    /// </summary>
    Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsOfAsync(
        IReadOnlyCollection<string> agencyIds, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first <paramref name="first"/> pairs in which <paramref name="agencyA"/> is agency A and agency B comes after
    /// <paramref name="afterB"/> (from the start when null), by B, as <see cref="GetPartnerOverlapsAsync"/> gives them:
    /// a page of one agency's pairs (<see cref="PartnerOverlapPages"/>), reading about as many pairs as it returns.
    /// </summary>
    Task<IReadOnlyList<PartnerOverlap>> GetPartnerOverlapsFromAsync(
        string agencyA, string? afterB, int first, Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first <paramref name="first"/> items (by id) that each pair shares in a dimension, counting links of the key's
    /// basis: what an answer lists of the overlaps it counted. Keys whose pair shares nothing are left out.
    /// </summary>
    Task<IReadOnlyDictionary<SharedItemsKey, IReadOnlyList<string>>> GetSharedItemsAsync(
        IReadOnlyCollection<SharedItemsKey> keys, int first, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each of <paramref name="itemIds"/> (items of <paramref name="dimension"/>: regions, targets...), the agencies
    /// that have it by links of <paramref name="basis"/> (any when null), read from the partner-overlap aggregate: how many,
    /// and the first <paramref name="first"/> of them by links (most first), then id. Every item asked about is answered,
    /// with no agencies when none has it.
    /// </summary>
    Task<IReadOnlyList<ItemHolders>> GetItemHoldersAsync(
        OverlapDimension dimension, IReadOnlyList<string> itemIds, Basis? basis, int first, CancellationToken cancellationToken = default);

    /// <summary>
    /// The agencies that share at least one item with another agency (in <paramref name="dimension"/>, or in any), by
    /// links of <paramref name="basis"/> (any when null), by id: the agencies that are in a pair.
    /// </summary>
    Task<IReadOnlyList<string>> GetSharingAgenciesAsync(
        Basis? basis = null, OverlapDimension? dimension = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The agencies an overlap matrix shows when none are named, best first, at most <paramref name="first"/>: the
    /// organizations of kind UN_AGENCY, then the agencies that share the most items with other agencies in
    /// <paramref name="dimension"/> (the sum of their sharedCount over all their pairs), then the agencies that share
    /// something only in other dimensions; ties by id.
    /// </summary>
    Task<IReadOnlyList<string>> GetOverlapMatrixAgenciesAsync(
        OverlapDimension dimension, Basis? basis, int first, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every target of an SDG goal with the work and agencies behind it (null when the goal does not exist): exact
    /// counts, and at most <paramref name="first"/> contributions, deliverables and outcomes listed per target and for
    /// the goal as a whole (all when null). With <paramref name="limit"/>, only the work in it counts (<see cref="WorkLimit"/>),
    /// read from that work's alignments rather than from the goal-coverage aggregate.
    /// </summary>
    Task<GoalCoverage?> GetGoalCoverageAsync(
        string goalCode, Basis? basis = null, int? first = null, WorkLimit? limit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The partner-overlap aggregate's rows as they would be if the graph held only the work in <paramref name="limit"/>
    /// (<see cref="WorkLimit"/>), recomputed from that work by the aggregate's own definition (agency_links): each agency,
    /// dimension and item that links of <paramref name="basis"/> (any when null) reach, with how many, in (dimension,
    /// item, agency) order, the order <see cref="OverlapCounting"/> reads; with <paramref name="agencyIds"/>, only those
    /// agencies' rows, and only their work is read. The work read grows with the work in the limit.
    /// </summary>
    Task<IReadOnlyList<AgencyItemLinks>> GetLimitedAgencyItemsAsync(
        WorkLimit limit, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default);

    /// <summary>The agencies with at least one cell in the alignment matrix of <paramref name="level"/> (and <paramref name="basis"/>), by id: its rows.</summary>
    Task<IReadOnlyList<string>> GetAlignedAgenciesAsync(AlignmentLevel level, Basis? basis = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Which agency's work aligns with which SDG goal (or target), with the items behind each cell: the rows of
    /// <paramref name="agencyIds"/> (all when null), by agency and then in the framework's order.
    /// </summary>
    Task<IReadOnlyList<AlignmentCell>> GetAlignmentMatrixAsync(
        AlignmentLevel level, Basis? basis = null, IReadOnlyCollection<string>? agencyIds = null, CancellationToken cancellationToken = default);

    /// <summary>Other agencies working on the same targets or themes as the given one, best partner first.</summary>
    Task<IReadOnlyList<PotentialPartner>> GetPotentialPartnersAsync(
        string agencyId, Basis? basis = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The shortest paths (at most <paramref name="maxHops"/> relationships, either direction) between two nodes: the first
    /// <see cref="GraphPath.MaxShortestPaths"/> of them in path order (see <see cref="GraphPath"/>); none when the
    /// shortest is longer than <paramref name="maxHops"/>.
    /// </summary>
    Task<IReadOnlyList<GraphPath>> FindShortestPathsAsync(
        string fromId, string toId, int maxHops, CancellationToken cancellationToken = default);

    /// <summary>
    /// A node and the relationships that start or end at it, in one round trip (null when there is no such node): the
    /// exact number of them, and the first <paramref name="first"/> by type, then the other end's id, then direction
    /// (leaving before entering). A relationship from the node to itself counts, and is listed, once, as leaving.
    /// </summary>
    Task<Neighbourhood?> GetNeighbourhoodAsync(string id, int first, CancellationToken cancellationToken = default);

    /// <summary>
    /// An agency's deliverables, by id, with the status, year and themes of each, and the goals and targets it is aligned
    /// with by <paramref name="alignment"/> (null: <see cref="AlignmentRule.Any"/>).
    /// </summary>
    Task<IReadOnlyList<PortfolioItem>> GetPortfolioAsync(string agencyId, AlignmentRule? alignment = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// An agency's portfolio grouped (<see cref="PortfolioGrouping"/>: all its deliverables, and by goal, theme, status
    /// and year, the goals by <paramref name="alignment"/>), in one round trip: every group's count, and the first
    /// <paramref name="first"/> ids of each after <paramref name="afterId"/>. What it returns grows with the groups and
    /// the page, not with the agency's work; <see cref="GetPortfolioAsync"/> lists every deliverable.
    /// </summary>
    Task<IReadOnlyList<PortfolioGroup>> GetPortfolioGroupsAsync(
        string agencyId, AlignmentRule? alignment, int first, string? afterId, CancellationToken cancellationToken = default);
}
