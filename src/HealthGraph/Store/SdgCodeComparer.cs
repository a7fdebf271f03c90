using System.Globalization;

namespace HealthGraph.Store;

/// <summary>Orders SDG codes as the framework does: 8.2 before 8.10, 3.9 before 3.a.</summary>
public sealed class SdgCodeComparer : IComparer<string?>
{
    public static SdgCodeComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        var xs = x.Split('.');
        var ys = y.Split('.');
        for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            var xNumber = int.TryParse(xs[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xn);
            var yNumber = int.TryParse(ys[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yn);
            var order = (xNumber, yNumber) switch
            {
                (true, true) => xn.CompareTo(yn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(xs[i], ys[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return xs.Length.CompareTo(ys.Length);
    }
}
