using System.Runtime.CompilerServices;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>/export/deliverables</c>: the deliverables the GraphQL <c>deliverables(where:, orderBy:)</c> list gives for the
/// same filter and order, one row each, with its agencies, themes and SDG codes and its own provenance. Per page of
/// <see cref="PageSize"/>: the list call, one relationship call per related column and one node call for names.
/// </summary>
public sealed class DeliverableExport : IExportKind
{
    public const int PageSize = 500;

    private static readonly HashSet<string> s_parameters = [.. ListFilterParameters.Names(DeliverableList.Definition)];

    public string Name => "deliverables";

    public IReadOnlyList<string> Columns { get; } =
    [
        "id", "title", "deliverableKind", "status", "statusLabel", "year", "country", "items",
        "agencyIds", "agencyNames", "themeIds", "sdgCodes", .. ProvenanceColumns.Names,
    ];

    public IReadOnlyCollection<string> Parameters => s_parameters;

    public async IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(
        ExportParameters parameters, IGraphStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = ListFilterParameters.Filter(DeliverableList.Definition, parameters);
        var order = ListFilterParameters.Order(DeliverableList.Definition, parameters);
        await foreach (var page in store.PagesAsync(NodeLabels.Deliverable, filter, order, PageSize, cancellationToken))
        {
            var ids = page.Select(n => n.Id).ToList();
            var agencies = await store.RelatedAsync(ids, RelationshipTypes.Delivers, Direction.Incoming, cancellationToken);
            var themes = await store.RelatedAsync(ids, RelationshipTypes.HasTheme, Direction.Outgoing, cancellationToken);
            var alignments = await store.RelatedAsync(ids, RelationshipTypes.AlignsWith, Direction.Outgoing, cancellationToken);
            var nodes = await store.NodesByIdAsync(
                [.. agencies.SelectMany(a => a.Select(r => r.FromId)), .. alignments.SelectMany(a => a.Select(r => r.ToId)), .. page.Select(n => n.Provenance.DocumentId)],
                cancellationToken);

            yield return [.. page.Select(deliverable =>
            {
                var agencyIds = agencies[deliverable.Id].OtherEnds(Direction.Incoming);
                object?[] row =
                [
                    deliverable.Id,
                    deliverable.Name,
                    deliverable.GetString(NodeProperties.Kind),
                    deliverable.GetString(NodeProperties.Status),
                    deliverable.GetString(NodeProperties.StatusLabel),
                    deliverable.GetInt64(NodeProperties.Year),
                    deliverable.GetString(NodeProperties.Country),
                    deliverable.GetStrings(NodeProperties.Items),
                    agencyIds,
                    agencyIds.Select(id => nodes.TryGetValue(id, out var agency) ? agency.Name : id).ToList(),
                    themes[deliverable.Id].OtherEnds(Direction.Outgoing),
                    alignments[deliverable.Id].OtherEnds(Direction.Outgoing)
                        .Select(id => nodes.TryGetValue(id, out var sdg) ? sdg.GetString(NodeProperties.Code) ?? id : id)
                        .Order(SdgCodeComparer.Instance).ToList(),
                    .. ProvenanceColumns.Cells(deliverable.Provenance, nodes),
                ];
                return row;
            })];
        }
    }
}
