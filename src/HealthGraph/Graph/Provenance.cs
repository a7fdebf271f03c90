namespace HealthGraph.Graph;

/// <summary>
/// Where a fact comes from: stated by a source document, derived by the software from a code a source states, or
/// inferred by a curator; in that order of strength, which every view follows when a piece of work reaches the same
/// place by links of several bases (the strongest is the one it lists).
/// </summary>
public enum Basis
{
    /// <summary>The source document says so; the excerpt shows where.</summary>
    Stated,

    /// <summary>
    /// Computed by the software from a code the source states, by the rule the reason names (an IATI sector's SDG
    /// indicator to the target the official framework places it under); the excerpt is the code as the source gives it.
    /// Only an SDG alignment is ever derived (<see cref="Provenance.CanBeDerived"/>).
    /// </summary>
    Derived,

    /// <summary>A curator's judgement; the reason says why (the excerpt, if any, is the evidence).</summary>
    Inferred,
}

/// <summary>The provenance every source-derived node and relationship carries.</summary>
public sealed record Provenance(Basis Basis, string? DocumentId, string? Excerpt, string? Reason)
{
    public static Provenance Stated(string documentId, string excerpt) => new(Basis.Stated, documentId, excerpt, null);

    public static Provenance Inferred(string reason, string? documentId = null, string? excerpt = null) =>
        new(Basis.Inferred, documentId, excerpt, reason);

    /// <summary>A link the software computes from a code the source states, by <paramref name="rule"/>.</summary>
    public static Provenance Derived(string rule, string documentId, string excerpt) => new(Basis.Derived, documentId, excerpt, rule);

    /// <summary>
    /// Whether a relationship of this type may be derived: only an SDG alignment (work, or an indicator, aligned with
    /// an SDG node) is computed from codes. Nodes are never derived. Both stores refuse anything else.
    /// </summary>
    public static bool CanBeDerived(string relationshipType) => relationshipType == RelationshipTypes.AlignsWith;

    public static string ToCode(Basis basis) => basis switch
    {
        Basis.Stated => "STATED",
        Basis.Inferred => "INFERRED",
        _ => "DERIVED",
    };

    /// <summary>Parses a basis code that is known to be valid (validated input, or a store's checked column).</summary>
    public static Basis ParseCode(string code) =>
        TryParse(code, out var basis) ? basis : throw new FormatException($"'{code}' is not a basis (STATED, INFERRED or DERIVED).");

    public static bool TryParse(string? code, out Basis basis)
    {
        switch (code)
        {
            case "STATED":
                basis = Basis.Stated;
                return true;
            case "INFERRED":
                basis = Basis.Inferred;
                return true;
            case "DERIVED":
                basis = Basis.Derived;
                return true;
            default:
                basis = default;
                return false;
        }
    }
}
