using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// The ways a piece of work is aligned with an SDG goal or target: the one meaning of "aligned" that every view counts
/// by (the list filter <c>alignedWith</c>, the portfolio, goal coverage and its contributions). Each path counts an
/// alignment (an ALIGNS_WITH relationship) whose basis is that of the alignment itself.
/// </summary>
[Flags]
public enum AlignmentPaths
{
    /// <summary>The work aligns with the goal or target itself.</summary>
    Direct = 1,

    /// <summary>The work aligns with one of the goal's targets (for a target, nothing more than <see cref="Direct"/>).</summary>
    ViaTarget = 2,

    /// <summary>
    /// The work serves an outcome (or another piece of work) that aligns with the node itself or, for a goal, with one
    /// of its targets.
    /// </summary>
    ViaOutcome = 4,

    /// <summary>Every path: what a view counts unless it is asked for fewer.</summary>
    All = Direct | ViaTarget | ViaOutcome,
}

/// <summary>Which alignments count: the paths, and the basis of the alignment (null: any).</summary>
public readonly record struct AlignmentRule(AlignmentPaths Paths, Basis? Basis)
{
    /// <summary>Every path, any basis.</summary>
    public static AlignmentRule Any { get; } = new(AlignmentPaths.All, null);

    public bool Has(AlignmentPaths path) => (Paths & path) != 0;
}
