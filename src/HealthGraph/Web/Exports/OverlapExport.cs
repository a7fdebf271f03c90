using System.Runtime.CompilerServices;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Coordination;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>/export/overlaps</c>: what the GraphQL <c>partnerOverlaps(agencyIds:, basis:, activeIn:, place:)</c> gives (narrowed
/// to one dimension like <c>overlapMatrix</c> when one is asked for), one row per agency pair and dimension, streamed a
/// chunk at a time. <c>activeIn.from</c>, <c>activeIn.to</c> and <c>place</c> limit it as the GraphQL arguments do.
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

    public IReadOnlyCollection<string> Parameters { get; } = ["agency", "dimension", "basis", "activeIn.from", "activeIn.to", "place"];

    public async IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(
        ExportParameters parameters, IGraphStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var basis = parameters.Enum<Basis, BasisEnum>("basis");
        var dimension = parameters.Enum<OverlapDimension, OverlapDimensionEnum>("dimension");
        var agencies = parameters.All("agency");
        var limit = await LimitAsync(parameters, store, cancellationToken);
        await foreach (var pairs in PairsAsync(store, agencies, basis, dimension, limit, cancellationToken))
        {
            // A limited pair knows its shared items; the others are read from the aggregate.
            var known = pairs.SelectMany(p => p.Dimensions).Where(d => d.SharedItems is not null).ToDictionary(d => d.Key, d => d.SharedItems!);
            var shared = known.Count > 0 ? known : await store.GetSharedItemsAsync(
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
        IGraphStore store, IReadOnlyList<string> agencies, Basis? basis, OverlapDimension? dimension, WorkLimit? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pairs = limit is not null
            ? new[] { OverlapCounting.Limited(await store.GetLimitedAgencyItemsAsync(limit, basis, agencies.Count > 0 ? agencies : null, cancellationToken), basis, agencies.Count > 0 ? agencies : null, dimension) }.ToAsyncEnumerable()
            : agencies.Count > 0
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

    /// <summary>The limit of the query string (as the GraphQL arguments'), or null; a bad one is a 400 naming its parameter.</summary>
    private static async Task<WorkLimit?> LimitAsync(ExportParameters parameters, IGraphStore store, CancellationToken cancellationToken)
    {
        var (from, to) = (parameters.One("activeIn.from"), parameters.One("activeIn.to"));
        try
        {
            return await WorkLimits.ReadAsync(
                from is null && to is null ? null : new Dictionary<string, object?> { ["from"] = from, ["to"] = to }, parameters.One("place"), store, cancellationToken);
        }
        catch (Api.Engine.Errors.ApiError error)
        {
            throw new ExportParameterException(error.Field ?? "activeIn", error.Message, []);
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
