using System.Runtime.CompilerServices;
using HealthGraph.Api.Common;
using HealthGraph.Api.Coordination;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Exports;

/// <summary>
/// <c>/export/overlaps</c>: what the GraphQL <c>partnerOverlaps(agencyIds:, basis:)</c> gives (the same store call,
/// narrowed to one dimension like <c>overlapMatrix</c> when one is asked for), one row per agency pair and dimension.
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
        var overlaps = await store.GetPartnerOverlapsAsync(agencies.Count > 0 ? agencies : null, basis, dimension, cancellationToken);
        var names = await store.NodesByIdAsync(overlaps.SelectMany(o => new[] { o.AgencyA, o.AgencyB }), cancellationToken);
        var dimensionName = new OverlapDimensionEnum();

        // The store answers with every pair at once; the rows are made and sent a chunk of pairs at a time.
        foreach (var chunk in overlaps.Chunk(PairsPerBatch))
        {
            yield return [.. chunk.SelectMany(pair => pair.Dimensions.Select(d => new object?[]
            {
                pair.AgencyA,
                names.GetValueOrDefault(pair.AgencyA)?.Name,
                pair.AgencyB,
                names.GetValueOrDefault(pair.AgencyB)?.Name,
                dimensionName.Serialize(d.Dimension),
                d.SharedCount,
                d.CountA,
                d.CountB,
                d.Jaccard,
                d.Shared.Select(s => s.Id).ToList(),
                d.Shared.Select(s => s.Name).ToList(),
                ProvenanceColumns.Counted(basis),
            }))];
        }
    }
}
