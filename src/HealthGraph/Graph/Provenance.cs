namespace HealthGraph.Graph;

/// <summary>Where a fact comes from: stated by a source document, or inferred by a curator.</summary>
public enum Basis
{
    /// <summary>The source document says so; the excerpt shows where.</summary>
    Stated,

    /// <summary>A curator's judgement; the reason says why (the excerpt, if any, is the evidence).</summary>
    Inferred,
}

/// <summary>The provenance every source-derived node and relationship carries.</summary>
public sealed record Provenance(Basis Basis, string? DocumentId, string? Excerpt, string? Reason)
{
    public static Provenance Stated(string documentId, string excerpt) => new(Basis.Stated, documentId, excerpt, null);

    public static Provenance Inferred(string reason, string? documentId = null, string? excerpt = null) =>
        new(Basis.Inferred, documentId, excerpt, reason);

    public static string ToCode(Basis basis) => basis == Basis.Stated ? "STATED" : "INFERRED";

    /// <summary>Parses a basis code that is known to be valid (validated input, or a store's checked column).</summary>
    public static Basis ParseCode(string code) =>
        TryParse(code, out var basis) ? basis : throw new FormatException($"'{code}' is not a basis (STATED or INFERRED).");

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
            default:
                basis = default;
                return false;
        }
    }
}
