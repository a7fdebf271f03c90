using System.Text;
using HealthGraph.Graph;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Ingest.Workbook;

/// <summary>
/// `healthgraph seed import-workbook`: the template and real councils' 4W files in, every problem by sheet, row and
/// column, nothing written when a workbook has an error, and re-imports that change nothing or update what changed.
/// </summary>
public sealed class WorkbookImportTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryStore _temporary = new();

    private IGraphStore Store => _temporary.Store;

    public async Task InitializeAsync() => Assert.True((await _temporary.SeedAsync()).IsValid);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();

    private static string Fixture(string name) => RepositoryFiles.PathOf("tests", "HealthGraph.Tests", "Ingest", "Workbook", "data", name);

    private Task<WorkbookImportReport> ImportAsync(WorkbookSheet sheet, WorkbookImportOptions? options = null) =>
        new WorkbookImporter(Store).ImportAsync(sheet, options ?? new WorkbookImportOptions());

    private static WorkbookSheet Csv(string fileName, params string[] lines) =>
        WorkbookReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")), fileName);

    [Fact]
    public async Task OchaAfghanistans3WIsReadByItsHashtags_TwoRowsWithoutAnOrganisationReported_AndPlacesKeptWithTheirOwnCodes()
    {
        var sheet = WorkbookReader.Read(Fixture("afg_3w_operational_presence_2024q1.csv"));
        var options = new WorkbookImportOptions { CreateMissing = true, SkipInvalid = true };

        var report = await ImportAsync(sheet, options);

        Assert.True(report.Written);
        Assert.Equal(10_902, report.Rows);
        Assert.Contains("implementer: column G ('ORG_NAME', #org +name), by its hashtag", report.Layout);
        Assert.Contains("districtCode: column E ('DIST_CODE', #adm2+code), by its hashtag", report.Layout);
        Assert.DoesNotContain(report.Layout, l => l.StartsWith("region: column A", StringComparison.Ordinal)); // REGION (#region+name) is not a province
        Assert.Equal(
            [
                "error: sheet 'afg_3w_operational_presence_2024q1', row 10152, column G (ORG_NAME): the implementing organisation is missing: every row needs the organisation that does the work.",
                "error: sheet 'afg_3w_operational_presence_2024q1', row 10169, column G (ORG_NAME): the implementing organisation is missing: every row needs the organisation that does the work.",
            ],
            report.Problems.Where(p => p.IsError).Select(p => p.ToString()));
        // No row has a date (the quarter is only in the file's name): each is reported, none is dated by a guess.
        Assert.Equal(10_900, report.Problems.Count(p => p.Message.StartsWith("the row gives no start or end date", StringComparison.Ordinal)));
        Assert.Contains(report.Problems, p => p.Row is null && p.Message.StartsWith("no column holds an activity's title", StringComparison.Ordinal));
        var duplicates = report.Problems.Count(p => p.Message.StartsWith("the row repeats row", StringComparison.Ordinal));
        Assert.Equal(10_900 - duplicates, report.Work);

        // Kabul province and district, with their own p-codes, the district part of the province; no Tajik region used.
        var places = (await Store.GetNodesAsync(["place-af01", "place-af0101"])).ToDictionary(n => n.Id);
        Assert.Equal(("Kabul", "REGION", "AF01"), (places["place-af01"].Name, places["place-af01"].GetString(NodeProperties.Level)!, places["place-af01"].GetString(NodeProperties.Code)!));
        Assert.Equal("DISTRICT", places["place-af0101"].GetString(NodeProperties.Level));
        Assert.Contains(await Store.GetRelationshipsAsync(["place-af0101"], RelationshipTypes.PartOf, Direction.Outgoing), r => r.ToId == "place-af01");
        var located = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, new FieldCondition(NodeField.Within, FilterOperator.Equals, ["place-af01"]), First: 1));
        Assert.True(located.TotalCount > 0);
        Assert.Equal(1, (await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, new FieldCondition(NodeField.Within, FilterOperator.Equals, ["place-tjk"])))).TotalCount); // the seed's own

        // Every fact of a row is stated by the workbook, the row's cells as the excerpt.
        var work = (await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, new FieldCondition(NodeField.Within, FilterOperator.Equals, ["place-af0101"]), First: 1))).Nodes.Single();
        Assert.Equal((Basis.Stated, report.DocumentId), (work.Provenance.Basis, work.Provenance.DocumentId!));
        Assert.Contains("DISTRICT: Kabul", work.Provenance.Excerpt, StringComparison.Ordinal);

        var again = await ImportAsync(WorkbookReader.Read(Fixture("afg_3w_operational_presence_2024q1.csv")), options);
        Assert.False(again.ChangedAnything);
    }

    [Fact]
    public async Task OchaEthiopias4WIsReadFromItsVisibleSheet_WithItsRolesAndStatuses_AndRowsWithoutATitleOrAnOrganisationReported()
    {
        var sheet = WorkbookReader.Read(Fixture("eth_4w_february_2022.xlsx"));

        Assert.Equal("Eth_4Ws_February_2022", sheet.Name); // the hidden lookup sheets before it are not taken
        var refused = await ImportAsync(sheet, new WorkbookImportOptions { CreateMissing = true });
        Assert.False(refused.Written);
        Assert.Empty(await Store.GetNodesAsync([refused.DocumentId]));

        var report = await ImportAsync(sheet, new WorkbookImportOptions { CreateMissing = true, SkipInvalid = true });

        Assert.True(report.Written);
        Assert.Equal(7_900, report.Rows);
        Assert.Contains("funder: column C ('Donor', #org+funder), by its hashtag", report.Layout);
        Assert.Contains("programme: column D ('Programme Organization', #org+prog+name), by its hashtag", report.Layout);
        Assert.Contains("title: column P ('ClusterActivities', #activity), by its hashtag", report.Layout);
        Assert.Contains("subdistrictCode: column M ('HNO Woreda Pcode', #adm3+code), by its hashtag", report.Layout);
        var errors = report.Problems.Where(p => p.IsError).GroupBy(p => p.Message).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(435, errors["the work's title is missing: say in a line what the work is."]);
        Assert.Equal(69, errors["the implementing organisation is missing: every row needs the organisation that does the work."]);
        Assert.All(report.Problems.Where(p => p.IsError), p => Assert.Contains(p.Column, new[] { "P (ClusterActivities)", "F (Implementing agency Name)" }));

        var first = (await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable,
            new FieldCondition(NodeField.Property(WorkbookImporter.WorkbookProperty), FilterOperator.Equals, [report.DocumentId]), First: 500))).Nodes;
        Assert.Contains(first, n => n.GetString(NodeProperties.Status) == "IMPLEMENTATION" && n.GetString(NodeProperties.StatusLabel) == "On-going");
        var ids = first.Select(n => n.Id).ToList();

        // A woreda by its own p-code, inside its zone inside its region (Tigray, Central, Abi Adi town).
        var woreda = Assert.Single(await Store.GetNodesAsync(["place-et010211"]));
        Assert.Equal(("Abi Adi town", "SUBDISTRICT", "ET010211"), (woreda.Name, woreda.GetString(NodeProperties.Level)!, woreda.GetString(NodeProperties.Code)!));
        var zone = (await Store.GetRelationshipsAsync(["place-et010211"], RelationshipTypes.PartOf, Direction.Outgoing)).Single().ToId;
        Assert.Equal("place-tigray", (await Store.GetRelationshipsAsync([zone], RelationshipTypes.PartOf, Direction.Outgoing)).Single().ToId);
        var inTigray = await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, new FieldCondition(NodeField.Within, FilterOperator.Equals, ["place-tigray"]), First: 1));
        Assert.True(inTigray.TotalCount > 0);
        Assert.NotEmpty(await Store.GetRelationshipsAsync(ids, RelationshipTypes.Funds, Direction.Incoming));
        Assert.NotEmpty(await Store.GetRelationshipsAsync(ids, RelationshipTypes.Extends, Direction.Incoming));
    }

    [Fact]
    public async Task TheSeedsWorkExportedAsAWorkbookImportsIntoAnEmptyStoreAsTheSameWork()
    {
        var export = new HealthGraph.Web.Exports.WorkbookExport();
        var rows = new List<object?[]>();
        await foreach (var batch in export.RowsAsync(new HealthGraph.Web.Exports.ExportParameters(new Microsoft.AspNetCore.Http.QueryCollection(), export.Parameters, 100), Store, default))
        {
            rows.AddRange(batch);
        }

        var csv = new StringBuilder(string.Join(',', export.Columns) + "\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }

        using var empty = new TemporaryStore();
        Assert.True((await empty.SeedAsync(ReferenceOnlySeed(empty))).IsValid);
        var report = await new WorkbookImporter(empty.Store).ImportAsync(
            WorkbookReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "seed-work.csv"), new WorkbookImportOptions());

        Assert.True(report.Written, string.Join("\n", report.Problems.Where(p => p.IsError)));
        Assert.Equal(36, report.Work);
        var ids = rows.Select(r => (string)r[0]!).ToList();
        foreach (var (type, direction) in new[]
        {
            (RelationshipTypes.Delivers, Direction.Incoming), (RelationshipTypes.HasTheme, Direction.Outgoing), (RelationshipTypes.AlignsWith, Direction.Outgoing),
            (RelationshipTypes.LocatedIn, Direction.Outgoing), (RelationshipTypes.Supports, Direction.Outgoing), (RelationshipTypes.Funds, Direction.Incoming),
        })
        {
            var before = (await Store.GetRelationshipsAsync(ids, type, direction)).Select(r => (r.FromId, r.ToId)).Order().ToList();
            var after = (await empty.Store.GetRelationshipsAsync(ids, type, direction)).Select(r => (r.FromId, r.ToId)).Order().ToList();
            Assert.True(before.SequenceEqual(after), $"{type}: {string.Join(", ", before.Except(after))} lost, {string.Join(", ", after.Except(before))} added");
        }

        var titles = (await Store.GetNodesAsync(ids)).ToDictionary(n => n.Id, n => (n.Name, n.GetString(NodeProperties.Status), n.GetInt64(NodeProperties.Year)));
        Assert.Equal(titles, (await empty.Store.GetNodesAsync(ids)).ToDictionary(n => n.Id, n => (n.Name, n.GetString(NodeProperties.Status), n.GetInt64(NodeProperties.Year))));

        var again = await new WorkbookImporter(empty.Store).ImportAsync(
            WorkbookReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "seed-work.csv"), new WorkbookImportOptions());
        Assert.False(again.ChangedAnything);
    }

    /// <summary>A copy of the seed without its work: the SDG framework, organisations, themes, places and documents.</summary>
    private static string ReferenceOnlySeed(TemporaryStore store)
    {
        var folder = store.CopyOfSeed();
        File.WriteAllText(Path.Combine(folder, "deliverables.json"), "[]");
        File.WriteAllText(Path.Combine(folder, "outcomes.json"), "[]");
        File.WriteAllText(Path.Combine(folder, "alignments.json"), "[]");
        File.WriteAllText(Path.Combine(folder, "indicators.json"), "[]");
        return folder;
    }

    private static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            IEnumerable<string> list => string.Join("; ", list),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    [Fact]
    public void ColumnsAreFoundByHashtagIgnoringSpacesAndCase_ThenByHeadersInFourLanguages_ThenByTheUsersMapping()
    {
        var hxl = Csv("a.csv", "Who,What,Where", "#ORG +Impl +Name, #activity , #adm1 +name", "WHO,x,Sughd");
        var french = Csv("b.csv", "Organisation de mise en œuvre,Activité,Région,Date de début", "WHO,x,Sughd,2024");
        var russian = Csv("c.csv", "Организация,Название,Регион", "WHO,x,Sughd");
        var mapped = Csv("d.csv", "Agence,Projet,Lieu", "WHO,x,Sughd");

        Assert.Equal(["implementer", "title", "region"], WorkbookLayout.Find(hxl).Columns.OrderBy(c => c.Value).Select(c => c.Key));
        Assert.Equal(["implementer", "title", "region", "start"], WorkbookLayout.Find(french).Columns.OrderBy(c => c.Value).Select(c => c.Key));
        Assert.Equal(["implementer", "title", "region"], WorkbookLayout.Find(russian).Columns.OrderBy(c => c.Value).Select(c => c.Key));
        Assert.Empty(WorkbookLayout.Find(mapped).Columns);
        var map = new Dictionary<string, string> { ["Agence"] = "implementer", ["B"] = "title", ["lieu"] = "region" };
        Assert.Equal(["implementer", "title", "region"], WorkbookLayout.Find(mapped, map).Columns.OrderBy(c => c.Value).Select(c => c.Key));
        var unknown = Assert.Throws<WorkbookFileException>(() => WorkbookLayout.Find(mapped, new Dictionary<string, string> { ["Nowhere"] = "title" }));
        Assert.Contains("'Agence', 'Projet', 'Lieu'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTemplateImportsBackAsItIs_AndItsXlsxHasTheWorkSheetFirst()
    {
        using var xlsx = new MemoryStream();
        await WorkbookTemplate.WriteXlsxAsync(xlsx, Store, default);
        xlsx.Position = 0;
        var sheet = WorkbookReader.Read(xlsx, "template.xlsx");

        Assert.Equal(WorkbookTemplate.WorkSheet, sheet.Name);
        Assert.Equal(WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Hxl), sheet.Hashtags);
        Assert.Empty(sheet.Rows);
        Assert.True((await ImportAsync(sheet)).Written);
        var csv = WorkbookReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(WorkbookTemplate.Csv())), "template.csv");
        Assert.Equal(sheet.Hashtags, csv.Hashtags);
        Assert.Equal(WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Key), WorkbookLayout.Find(csv).Columns.OrderBy(c => c.Value).Select(c => c.Key));
    }
}
