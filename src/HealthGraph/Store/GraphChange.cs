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
    : Exception(message, innerException);

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

