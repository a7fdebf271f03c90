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
    IReadOnlyList<RelationshipRemoval> Removals);

/// <summary>What a change did: elements created, updated, removed; and the entry it made in the change log.</summary>
public sealed record ChangeResult(long Created, long Updated, long Removed, ChangeLogEntry Entry)
{
    public bool ChangedAnything => Created + Updated + Removed > 0;
}

/// <summary>A change log entry: who changed what, when.</summary>
public sealed record ChangeLogEntry(long Sequence, DateTimeOffset At, string Writer, string Operation, string Subject, long Created, long Updated, long Removed);

/// <summary>
/// A change that cannot be applied to the graph as it is (for example, a relationship to a node that does not
/// exist, because another writer removed it). Nothing of the change is written.
/// </summary>
public sealed class GraphChangeRejectedException(string message, Exception? innerException = null)
    : Exception(message, innerException);
