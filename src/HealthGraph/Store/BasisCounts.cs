using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// Counts by basis: how many links of each basis reach something (or, as <see cref="Present"/>, whether any does). Every
/// aggregate of both stores keeps one count per basis (stated, inferred, derived), so that every view can be asked for
/// one basis and answer from what it stored.
/// </summary>
public readonly record struct BasisCounts(long Stated, long Inferred, long Derived)
{
    public long Total => Stated + Inferred + Derived;

    /// <summary>1 for each basis with a count above 0, else 0: whether something has a link of that basis.</summary>
    public BasisCounts Present => new(Stated > 0 ? 1 : 0, Inferred > 0 ? 1 : 0, Derived > 0 ? 1 : 0);

    public static BasisCounts Of(Basis basis, long n) => basis switch
    {
        Basis.Stated => new(n, 0, 0),
        Basis.Inferred => new(0, n, 0),
        _ => new(0, 0, n),
    };

    public static BasisCounts operator +(BasisCounts x, BasisCounts y) => new(x.Stated + y.Stated, x.Inferred + y.Inferred, x.Derived + y.Derived);

    public static BasisCounts operator -(BasisCounts x, BasisCounts y) => new(x.Stated - y.Stated, x.Inferred - y.Inferred, x.Derived - y.Derived);

    public override string ToString() => $"{Stated} stated, {Inferred} inferred, {Derived} derived";
}
