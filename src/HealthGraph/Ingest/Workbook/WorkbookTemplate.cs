using HealthGraph.Graph;
using HealthGraph.Store;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace HealthGraph.Ingest.Workbook;

/// <summary>
/// The empty who-what-where-when workbook a council fills in: a "Work" sheet with the template's headers and their HXL
/// hashtags (frozen, with filters), a "Columns" sheet that explains each column and its allowed values, and sheets that
/// list what names the import knows (organisations, themes, places, SDG targets). As CSV: the headers and hashtags.
/// Both import back as they are (<see cref="WorkbookImporter"/>).
/// </summary>
public static class WorkbookTemplate
{
    public const string WorkSheet = "Work";

    private static IEnumerable<WorkbookColumn> Columns => WorkbookColumns.All.Where(c => c.InTemplate);

    public static string Csv() =>
        string.Join(',', Columns.Select(c => c.Header)) + "\r\n" + string.Join(',', Columns.Select(c => c.Hxl)) + "\r\n";

    public static async Task WriteXlsxAsync(Stream output, IGraphStore store, CancellationToken cancellationToken)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [WorkSheet] = new[] { Columns.ToDictionary(c => c.Header, c => (object?)c.Hxl) },
            ["Columns"] = Columns.Select(c => new Dictionary<string, object?>
            {
                ["Column"] = c.Header,
                ["Hashtag"] = c.Hxl,
                ["Required"] = c.Required ? "yes" : "",
                ["What to write"] = c.Explanation,
                ["Allowed values"] = c.Allowed.Count > 0 ? string.Join(", ", c.Allowed) : c.Multiple ? "several, separated by ';'" : "",
                ["Example"] = c.Example,
            }).ToList(),
            ["Organisations"] = await ListAsync(store, NodeLabels.Organization, n => new Dictionary<string, object?>
            {
                ["Id"] = n.Id,
                ["Name"] = n.Name,
                ["Short name"] = n.GetString(NodeProperties.ShortName),
                ["Kind"] = n.GetString(NodeProperties.Kind),
            }, cancellationToken),
            ["Themes"] = await ListAsync(store, NodeLabels.Theme, n => new Dictionary<string, object?> { ["Id"] = n.Id, ["Name"] = n.Name }, cancellationToken),
            ["Places"] = await ListAsync(store, NodeLabels.Place, n => new Dictionary<string, object?>
            {
                ["Id"] = n.Id,
                ["Level"] = n.GetString(NodeProperties.Level),
                ["Name"] = n.Name,
                ["Code"] = n.GetString(NodeProperties.Code),
                ["ISO code"] = n.GetString(NodeProperties.IsoCode),
            }, cancellationToken),
            ["SDG targets"] = await ListAsync(store, NodeLabels.SdgTarget, n => new Dictionary<string, object?> { ["Code"] = n.GetString(NodeProperties.Code), ["Target"] = n.GetString(NodeProperties.Title) }, cancellationToken),
        };
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            EnableAutoWidth = true,
            FastMode = true, // auto width needs it: the rows are written once, as they come
            TableStyles = TableStyles.Default,
        };
        await output.SaveAsAsync(sheets, configuration: configuration, cancellationToken: cancellationToken);
    }

    private static async Task<List<Dictionary<string, object?>>> ListAsync(
        IGraphStore store, string label, Func<GraphNode, Dictionary<string, object?>> row, CancellationToken cancellationToken)
    {
        var rows = new List<Dictionary<string, object?>>();
        await foreach (var page in store.PagesAsync(label, null, [], 1_000, cancellationToken))
        {
            rows.AddRange(page.Select(row));
        }

        return rows;
    }
}
