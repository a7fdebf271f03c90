using System.Runtime.CompilerServices;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Graph;
using HealthGraph.Ingest.Iati;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>/export/workbook</c>: the who-what-where-when matrix, one row per piece of work in the template's columns
/// (<see cref="WorkbookColumns"/>, the keys as headers), so that a council can edit it and import it back
/// (<c>healthgraph seed import-workbook</c>): organisations, themes and places by id or code, SDG targets by code,
/// regions by their ISO 3166-2 code and districts by their p-code, the row's source and sentence from its provenance.
/// Filtered and ordered as the deliverables list. Per page: the list call, one relationship call per role and one
/// node call for codes.
/// </summary>
public sealed class WorkbookExport : IExportKind
{
    public const int PageSize = 500;

    private static readonly HashSet<string> s_parameters = [.. ListFilterParameters.Names(DeliverableList.Definition)];

    public string Name => "workbook";

    public IReadOnlyList<string> Columns { get; } = [.. WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Key)];

    public IReadOnlyCollection<string> Parameters => s_parameters;

    public async IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(
        ExportParameters parameters, IGraphStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = ListFilterParameters.Filter(DeliverableList.Definition, parameters);
        var order = ListFilterParameters.Order(DeliverableList.Definition, parameters);
        await foreach (var page in store.PagesAsync(NodeLabels.Deliverable, filter, order, PageSize, cancellationToken))
        {
            var ids = page.Select(n => n.Id).ToList();
            var roles = new Dictionary<string, ILookup<string, GraphRelationship>>(StringComparer.Ordinal)
            {
                [RelationshipTypes.Delivers] = await store.RelatedAsync(ids, RelationshipTypes.Delivers, Direction.Incoming, cancellationToken),
                [RelationshipTypes.Funds] = await store.RelatedAsync(ids, RelationshipTypes.Funds, Direction.Incoming, cancellationToken),
                [RelationshipTypes.HasTheme] = await store.RelatedAsync(ids, RelationshipTypes.HasTheme, Direction.Outgoing, cancellationToken),
                [RelationshipTypes.AlignsWith] = await store.RelatedAsync(ids, RelationshipTypes.AlignsWith, Direction.Outgoing, cancellationToken),
                [RelationshipTypes.LocatedIn] = await store.RelatedAsync(ids, RelationshipTypes.LocatedIn, Direction.Outgoing, cancellationToken),
                [RelationshipTypes.Supports] = await store.RelatedAsync(ids, RelationshipTypes.Supports, Direction.Outgoing, cancellationToken),
            };
            var nodes = await store.NodesByIdAsync(
                [.. roles[RelationshipTypes.AlignsWith].SelectMany(a => a.Select(r => r.ToId)), .. roles[RelationshipTypes.LocatedIn].SelectMany(a => a.Select(r => r.ToId))],
                cancellationToken);

            yield return [.. page.Select(work =>
            {
                IReadOnlyList<string> Ends(string type, Direction direction) => roles[type][work.Id].OtherEnds(direction);
                var places = Ends(RelationshipTypes.LocatedIn, Direction.Outgoing).Select(id => nodes.GetValueOrDefault(id)).OfType<GraphNode>().ToList();
                var districts = places.Where(p => p.GetString(NodeProperties.Level) == "DISTRICT").ToList();
                var budget = work.GetStrings(NodeProperties.Amounts).Select(IatiGraphMapper.ParseAmount).FirstOrDefault(a => a.Kind == IatiAmount.Budget);
                var status = work.GetString(NodeProperties.Status);
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    [WorkbookColumns.Id] = work.Id,
                    [WorkbookColumns.Implementer] = Ends(RelationshipTypes.Delivers, Direction.Incoming),
                    [WorkbookColumns.Funder] = Ends(RelationshipTypes.Funds, Direction.Incoming),
                    [WorkbookColumns.Title] = work.Name,
                    [WorkbookColumns.Description] = work.GetString(NodeProperties.Description),
                    [WorkbookColumns.Themes] = Ends(RelationshipTypes.HasTheme, Direction.Outgoing),
                    [WorkbookColumns.Targets] = Ends(RelationshipTypes.AlignsWith, Direction.Outgoing)
                        .Select(id => nodes.TryGetValue(id, out var sdg) ? sdg.GetString(NodeProperties.Code) ?? id : id).Order(SdgCodeComparer.Instance).ToList(),
                    // A region by its ISO 3166-2 code (else its p-code); any other place but a district by its id.
                    [WorkbookColumns.Region] = places.Except(districts)
                        .Select(p => p.GetString(NodeProperties.Level) == "REGION" ? p.GetString(NodeProperties.IsoCode) ?? p.GetString(NodeProperties.Code) ?? p.Id : p.Id).ToList(),
                    [WorkbookColumns.District] = districts.Select(d => d.GetString(NodeProperties.Code) ?? d.Id).ToList(),
                    [WorkbookColumns.Start] = work.GetString(NodeProperties.PlannedStartDate) ?? work.GetInt64(NodeProperties.Year)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [WorkbookColumns.End] = work.GetString(NodeProperties.PlannedEndDate),
                    [WorkbookColumns.Status] = status?.Replace('_', ' ').ToLowerInvariant(),
                    [WorkbookColumns.Budget] = budget?.Value,
                    [WorkbookColumns.Currency] = budget?.Currency,
                    [WorkbookColumns.Counterparts] = Ends(RelationshipTypes.Supports, Direction.Outgoing),
                    [WorkbookColumns.Source] = work.GetString("source") ?? work.Provenance.DocumentId,
                    [WorkbookColumns.Excerpt] = work.GetString("sourceExcerpt") ?? work.Provenance.Excerpt,
                };
                return Columns.Select(c => cells[c]).ToArray();
            })];
        }
    }
}
