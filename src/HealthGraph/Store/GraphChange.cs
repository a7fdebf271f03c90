using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// Removes relationships of one type at a node: the one to <see cref="OtherId"/>, or every one of the type in that
/// direction when <see cref="OtherId"/> is null. A relationship that the same change also upserts is kept (and
/// updated), so "replace the set" is a removal of all plus the upserts of the new set.
/// </summary>
public sealed record RelationshipRemoval(string NodeId, string Type, Direction Direction, string? OtherId = null);

/// <summary>
/// One edit by one writer, applied in one transaction: all of it or nothing. Nodes and relationships are created or
/// updated by key (unchanged ones keep their timestamps); removals are applied first. The change is recorded in the
/// store's change log with <see cref="Operation"/>, <see cref="Subject"/>, <see cref="Writer"/> and the time.
/// </summary>
public sealed record GraphChange(
    string Writer,
    string Operation,
    string Subject,
    IReadOnlyList<GraphNode> Nodes,
    IReadOnlyList<GraphRelationship> Relationships,
    IReadOnlyList<RelationshipRemoval> Removals)
{
    /// <summary>
    /// What the nodes must be like for the change to apply, checked under the change's locks before anything is written
    /// (an editor's optimistic concurrency): a failed one throws <see cref="GraphChangeConflictException"/>.
    /// </summary>
    public IReadOnlyList<NodeExpectation> Expectations { get; init; } = [];

    /// <summary>
    /// Whose work the writer may change (null: any, an administrator's or a tool's edit): checked by the store under the
    /// change's locks, on its subject as it is before and after the change (<see cref="EditLimit"/>).
    /// </summary>
    public EditLimit? Limit { get; init; }

    /// <summary>
    /// Nodes deleted after the removals are applied. A node that still has a relationship then is refused
    /// (<see cref="GraphChangeRejectedException"/>): a deletion removes its relationships by name, never by cascade.
    /// </summary>
    public IReadOnlyList<string> NodeDeletions { get; init; } = [];

    /// <summary>
    /// Throws <see cref="GraphChangeConflictException"/> for the first expectation (by id) that nodes with these stamps
    /// (a missing id: no node) do not meet: the one rule both stores apply to the stamps they read under the change's locks.
    /// </summary>
    public void CheckExpectations(IReadOnlyDictionary<string, WriteStamp> stamps)
    {
        if (Expectations.OrderBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(e => !e.IsMetBy(stamps.GetValueOrDefault(e.Id))) is { } failed)
        {
            throw new GraphChangeConflictException(failed, stamps.GetValueOrDefault(failed.Id));
        }
    }

    /// <summary>The refusal of a deletion whose node still has relationships the change does not remove.</summary>
    public static GraphChangeRejectedException StillLinked(string id, long relationships) =>
        new($"'{id}' still has {relationships} relationship{(relationships == 1 ? "" : "s")} that the deletion does not remove; nothing was deleted.");
}

/// <summary>
/// What a node must be like when a change applies: absent (<see cref="Exists"/> false, a creation), present, or present
/// and last changed at <see cref="UpdatedAt"/> (the version an editor saw).
/// </summary>
public sealed record NodeExpectation(string Id, bool Exists, DateTimeOffset? UpdatedAt = null)
{
    /// <summary>The node must not exist yet.</summary>
    public static NodeExpectation Absent(string id) => new(id, false);

    /// <summary>The node must exist, last changed at <paramref name="updatedAt"/> when it is given.</summary>
    public static NodeExpectation Present(string id, DateTimeOffset? updatedAt = null) => new(id, true, updatedAt);

    /// <summary>Whether a node with this stamp (null: no node) meets the expectation; stamps compare to the tick.</summary>
    public bool IsMetBy(WriteStamp? stamp) =>
        Exists ? stamp is not null && (UpdatedAt is not { } at || at.UtcTicks == stamp.UpdatedAt.UtcTicks) : stamp is null;
}

/// <summary>What a change did: elements created, updated, removed; and the entry it made in the change log.</summary>
public sealed record ChangeResult(long Created, long Updated, long Removed, ChangeLogEntry Entry)
{
    public bool ChangedAnything => Created + Updated + Removed > 0;
}

/// <summary>A change log entry: who changed what, when.</summary>
public sealed record ChangeLogEntry(long Sequence, DateTimeOffset At, string Writer, string Operation, string Subject, long Created, long Updated, long Removed)
{
    /// <summary>What it did to its subject, before and after (null for an entry written before the log kept it).</summary>
    public ChangeDetails? Details { get; init; }
}

/// <summary>
/// A change that cannot be applied to the graph as it is (for example, a relationship to a node that does not
/// exist, because another writer removed it). Nothing of the change is written.
/// </summary>
public class GraphChangeRejectedException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>A load's relationships end at these ids, which are not nodes (of the load, or of the store); at most ten are named.</summary>
    public static GraphChangeRejectedException MissingEnds(IReadOnlyCollection<string> missing) => new(
        $"Relationships refer to nodes that do not exist: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}.");
}

/// <summary>
/// A change whose <see cref="GraphChange.Expectations"/> the graph does not meet: the node exists when it must not,
/// is missing, or changed since the version the writer saw. <see cref="Current"/> is its stamp now (null: no node).
/// Nothing of the change is written.
/// </summary>
public sealed class GraphChangeConflictException(NodeExpectation expectation, WriteStamp? current)
    : GraphChangeRejectedException(Describe(expectation, current))
{
    public NodeExpectation Expectation { get; } = expectation;

    public WriteStamp? Current { get; } = current;

    private static string Describe(NodeExpectation expectation, WriteStamp? current) => (expectation.Exists, current) switch
    {
        (false, { } stamp) => $"'{expectation.Id}' already exists (created {stamp.CreatedAt:O} by {stamp.UpdatedBy}).",
        (true, null) => $"'{expectation.Id}' does not exist.",
        (true, { } stamp) => $"'{expectation.Id}' changed since {expectation.UpdatedAt:O}: {stamp.UpdatedBy} changed it at {stamp.UpdatedAt:O}.",
        _ => $"'{expectation.Id}' does not meet the change's expectation.",
    };
}

/// <summary>
/// What a subject is and which organisations hold it (<see cref="EditLimit"/>): the organisations in a role on a
/// deliverable (<see cref="RelationshipTypes.OrganisationRoles"/>), an organisation itself, the organisations that manage
/// an outcome's results framework. The stores read it under the change's locks (subject_holders).
/// </summary>
public sealed record SubjectHolding(string Label, IReadOnlyList<string> Holders);

/// <summary>
/// The one rule of whose work an editor may change: an editor belongs to organisations and edits their work only. The
/// change's subject, when it exists before the change, must be held by one of <see cref="Organisations"/>, and after it
/// still (so work is neither taken from another organisation nor given away). A new organisation (a partner, a
/// counterpart) or source document may be added by any editor; a source document already in the graph is changed by an
/// administrator, an organisation by its own editors. Nothing of a refused change is written.
/// </summary>
public sealed record EditLimit(string Editor, IReadOnlyList<string> Organisations)
{
    /// <summary>Checks the subject as it was before the change (null: it did not exist).</summary>
    public void CheckBefore(string subject, SubjectHolding? before)
    {
        if (before is null)
        {
            return;
        }

        if (before.Label == NodeLabels.Document)
        {
            throw Refusal(subject, $"'{subject}' is a source document already in the graph; an administrator changes it, {Editor} may add new ones.");
        }

        if (!IsHeld(before))
        {
            throw Refusal(subject, $"'{subject}' is {Whose(before)}; {Editor} edits {Own} only.");
        }
    }

    /// <summary>Checks the subject as the change leaves it (null: deleted, or never created), given it as it was before.</summary>
    public void CheckAfter(string subject, SubjectHolding? before, SubjectHolding? after)
    {
        var added = before is null && after?.Label is NodeLabels.Document or NodeLabels.Organization;
        if (after is null || added || after.Label == NodeLabels.Document || IsHeld(after))
        {
            return;
        }

        throw Refusal(subject, $"After this change '{subject}' would be {Whose(after)}, not {Own}, which is all {Editor} edits: keep one of them in its organisations.");
    }

    private bool IsHeld(SubjectHolding holding) => holding.Holders.Any(h => Organisations.Contains(h, StringComparer.Ordinal));

    private string Own => Organisations.Count == 0 ? "no organisation's work (an administrator gives an editor its organisations)" : $"the work of {string.Join(", ", Organisations)}";

    private static string Whose(SubjectHolding holding) =>
        holding.Holders.Count == 0 ? "no organisation's work" : $"the work of {string.Join(", ", holding.Holders.Order(StringComparer.Ordinal))}";

    private static GraphChangeForbiddenException Refusal(string subject, string message) => new(subject, message);
}

/// <summary>A change to work that is not the writer's to change (<see cref="EditLimit"/>). Nothing of the change is written.</summary>
public sealed class GraphChangeForbiddenException(string subject, string message) : GraphChangeRejectedException(message)
{
    public string Subject { get; } = subject;
}
