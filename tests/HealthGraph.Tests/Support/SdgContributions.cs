using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Tests;

/// <summary>One piece of work behind an SDG goal or target, with the node it is behind.</summary>
public sealed record SdgContribution(string SdgId, Contribution Contribution);

public static class SdgContributions
{
    /// <summary>Every contribution to the given SDG nodes (no bound), flattened in the store's order: by node, agency and item.</summary>
    public static async Task<IReadOnlyList<SdgContribution>> GetContributionsAsync(
        this IGraphStore store, IReadOnlyCollection<string> sdgIds, Basis? basis = null)
    {
        var work = await store.GetSdgWorkAsync(sdgIds, basis);
        return
        [
            .. work.OrderBy(w => w.SdgId, StringComparer.Ordinal).SelectMany(w => w.Contributions.Select(c => new SdgContribution(w.SdgId, c))),
        ];
    }
}
