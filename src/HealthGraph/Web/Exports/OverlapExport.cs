using System.Runtime.CompilerServices;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Coordination;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>/export/overlaps</c>: what the GraphQL <c>partnerOverlaps(agencyIds:, basis:)</c> gives (narrowed to one dimension
/// like <c>overlapMatrix</c> when one is asked for), one row per agency pair and dimension, streamed a chunk at a time.
/// </summary>
public sealed class OverlapExport : IExportKind
{
    private const int PairsPerBatch = 100;

    public string Name => "overlaps";

    public IReadOnlyList<string> Columns { get; } =
    [
        "agencyA", "agencyAName", "agencyB", "agencyBName", "dimension", "sharedCount", "countA", "countB", "jaccard",
        "sharedIds", "sharedNames", "countedBasis",
    ];

    public IReadOnlyCollection<string> Parameters { get; } = ["agency", "dimension", "basis"];

    public async IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(
        ExportParameters parameters, IGraphStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var basis = parameters.Enum<Basis, BasisEnum>("basis");
        var dimension = parameters.Enum<OverlapDimension, OverlapDimensionEnum>("dimension");
        var agencies = parameters.All("agency");
        await foreach (var pairs in PairsAsync(store, agencies, basis, dimension, cancellationToken))
        {
            var shared = await store.GetSharedItemsAsync(
                [.. pairs.SelectMany(p => p.Dimensions).Where(d => d.SharedCount > 0).Select(d => d.Key)], int.MaxValue, cancellationToken);
            var names = await store.NodesByIdAsync(
                pairs.SelectMany(o => new[] { o.AgencyA, o.AgencyB }).Concat(shared.Values.SelectMany(ids => ids)).Distinct(StringComparer.Ordinal), cancellationToken);
            yield return [.. pairs.SelectMany(pair => Rows(pair, shared, names, basis))];
        }
    }

    /// <summary>
    /// The pairs a chunk at a time, by agency A then B: among the agencies named (at most GraphQL:Limits:MaxBatchSize,
    /// so their pairs are few), or all of them a few agencies at a time (<see cref="PartnerOverlapPages"/>), so that
    /// the export never holds more than a few agencies' pairs.
    /// </summary>
    private static async IAsyncEnumerable<IReadOnlyList<PartnerOverlap>> PairsAsync(
        IGraphStore store, IReadOnlyList<string> agencies, Basis? basis, OverlapDimension? dimension, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pairs = agencies.Count > 0
            ? new[] { await store.GetPartnerOverlapsAsync(agencies, basis, dimension, cancellationToken) }.ToAsyncEnumerable()
            : PartnerOverlapPages.AllAsync(store, basis, dimension, null, cancellationToken);
        await foreach (var some in pairs)
        {
            foreach (var chunk in some.Chunk(PairsPerBatch))
            {
                yield return chunk;
            }
        }
    }

    private static IEnumerable<object?[]> Rows(
        PartnerOverlap pair, IReadOnlyDictionary<SharedItemsKey, IReadOnlyList<string>> shared, IReadOnlyDictionary<string, GraphNode> names, Basis? basis) =>
        pair.Dimensions.Select(d => (Overlap: d, Shared: shared.GetValueOrDefault(d.Key) ?? [])).Select(d => new object?[]
        {
            pair.AgencyA,
            names.GetValueOrDefault(pair.AgencyA)?.Name,
            pair.AgencyB,
            names.GetValueOrDefault(pair.AgencyB)?.Name,
            s_dimensions.Serialize(d.Overlap.Dimension),
            d.Overlap.SharedCount,
            d.Overlap.CountA,
            d.Overlap.CountB,
            d.Overlap.Jaccard,
            d.Shared.ToList(),
            d.Shared.Select(id => names.GetValueOrDefault(id)?.Name).ToList(),
            ProvenanceColumns.Counted(basis),
        });

    private static readonly OverlapDimensionEnum s_dimensions = new();
}
