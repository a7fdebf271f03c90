using System.Text;
using HealthGraph.Graph;
using HealthGraph.Ingest.Workbook;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Ingest.Workbook;

/// <summary>
/// What a workbook import does, the same on both stores over the seed: every problem reported by sheet, row and column
/// with nothing written, an edited row updating its work, a removed row reported and removed only when asked.
/// </summary>
public abstract class WorkbookImportBehaviour
{
    protected abstract IGraphStore Store { get; }

    private Task<WorkbookImportReport> ImportAsync(WorkbookSheet sheet, WorkbookImportOptions? options = null) =>
        new WorkbookImporter(Store).ImportAsync(sheet, options ?? new WorkbookImportOptions());

    private static WorkbookSheet Csv(string fileName, params string[] lines) =>
        WorkbookReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")), fileName);

    private static readonly string s_templateHeader = string.Join(',', WorkbookColumns.All.Where(c => c.InTemplate).Select(c => c.Header));

    [Fact]
    public async Task AWorkbookWithOneOfEachProblemReportsEachBySheetRowAndColumn_AndWritesNothing()
    {
        var before = await Store.GetStatisticsAsync();
        var sheet = Csv("council-2025.csv",
            s_templateHeader,
            ",WHO,,Health workforce planning,,health-workforce,3.8,TJ-KT,,2024-01,2025-12,implementation,100000,USD,,,",
            ",,,No organisation,,,,,,,,,,,,,",
            ",Wrold Health Organisation,,A misspelt organisation,,,,,,,,,,,,,",
            ",WHO,,An unknown theme,,heath workforce,,,,,,,,,,,",
            ",WHO,,An unknown target,,,3.99,,,,,,,,,,",
            ",WHO,,An unknown region,,,,Khatlonn,,,,,,,,,",
            ",WHO,,An ambiguous district,,,,TJ-SU,Isfara,,,,,,,,",
            ",WHO,,A bad date,,,,,,15/03/2024,,,,,,,",
            ",WHO,,Ends before it starts,,,,,,2025,2024,,,,,,",
            ",WHO,,A bad status,,,,,,,,maybe,,,,,",
            ",WHO,,A budget without a currency,,,,,,,,,5000,,,,",
            "Bad Id!,WHO,,A bad id,,,,,,,,,,,,,");

        var report = await ImportAsync(sheet);

        Assert.False(report.Written);
        Assert.Equal(before.NodeCount, (await Store.GetStatisticsAsync()).NodeCount);
        var errors = string.Join("\n", report.Problems.Where(p => p.IsError));
        Assert.Equal(
            string.Join("\n", [
                "error: sheet 'council-2025', row 3, column B (Implementing organisation): the implementing organisation is missing: every row needs the organisation that does the work.",
                "error: sheet 'council-2025', row 4, column B (Implementing organisation): no organisation is called 'Wrold Health Organisation'; the closest are 'World Health Organization'. Use a name HealthGraph knows, or import with the option to create what is missing.",
                "error: sheet 'council-2025', row 5, column F (Themes): no theme is called 'heath workforce'; the closest are 'health-workforce'. Use a name HealthGraph knows, or import with the option to create what is missing.",
                "error: sheet 'council-2025', row 6, column G (SDG targets): '3.99' is not an SDG target or goal: write a target's code (3.8, 3.c) or a goal's number (3).",
                "error: sheet 'council-2025', row 7, column H (Region): no region is called 'Khatlonn'; the closest are 'Khatlon'.",
                "error: sheet 'council-2025', row 8, column I (District): 'Isfara' is the name of 2 places (Isfara 3505220, Isfara 3505404): give its p-code.",
                "error: sheet 'council-2025', row 9, column J (Start date): '15/03/2024' is not a date HealthGraph can read: write 2024-03-15, 2024-03 or 2024.",
                "error: sheet 'council-2025', row 10, column K (End date): the work ends (2024) before it starts (2025).",
                "error: sheet 'council-2025', row 11, column L (Status): 'maybe' is not a status HealthGraph knows: use one of pipeline, implementation, on track, finalisation, achieved, closed, suspended, cancelled.",
                "error: sheet 'council-2025', row 12, column N (Currency): the budget has no currency: give its ISO 4217 code (USD, EUR, TJS); amounts are never converted.",
                "error: sheet 'council-2025', row 13, column A (Work id): 'Bad Id!' is not a usable id: use lower-case letters, digits, '.' and '-' (or leave it empty).",
            ]),
            errors);
    }

    /// <summary>
    /// Places are matched by the other names a source gives them (the p-code list's notes): "J. Rasulov" is the district
    /// Jabar - Rasulov; "Bokhtar" is both a district and the city Qurghonteppa renamed in 2018, so it is reported as
    /// ambiguous with both codes, not guessed.
    /// </summary>
    [Fact]
    public async Task PlacesAreMatchedByTheirOtherNames_AndANameTwoPlacesGoByIsNotGuessed()
    {
        var rasulov = await ImportAsync(Csv("council-aliases.csv", s_templateHeader, "council-rasulov,WHO,,Health posts in J. Rasulov,,,,,J. Rasulov,2025,,,,,,,"));
        var bokhtar = await ImportAsync(Csv("council-bokhtar.csv", s_templateHeader, "council-bokhtar,WHO,,Health posts in Bokhtar,,,,TJ-KT,Bokhtar,2025,,,,,,,"));

        Assert.True(rasulov.Written, string.Join("\n", rasulov.Problems));
        Assert.Equal(["place-3505246"], (await Store.GetRelationshipsAsync(["council-rasulov"], RelationshipTypes.LocatedIn, Direction.Outgoing)).Select(r => r.ToId));
        Assert.False(bokhtar.Written);
        Assert.Contains(bokhtar.Problems, p => p.IsError && p.Message.Contains("'Bokhtar' is the name of 2 places (Bokhtar 3507217, Qurghonteppa 3507401): give its p-code.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEditedRowUpdatesItsWork_ARemovedRowIsReportedAndRemovedOnlyWhenAsked()
    {
        var first = Csv("council.csv",
            s_templateHeader,
            "council-hwf,WHO,European Union,Health workforce planning,,health-workforce,3.8,TJ-KT,,2024-01,2025-12,implementation,100000,USD,mohsp,,",
            "council-phc,WHO,,PHC in Vakhsh,,,3.8,,Vakhsh,2024,,pipeline,,,,,");
        Assert.True((await ImportAsync(first)).Written);
        var hwf = (await Store.GetNodesAsync(["council-hwf"])).Single();
        Assert.Equal(("2024-01", "2025-12", 2024L, "Tajikistan"), (hwf.GetString("plannedStartDate")!, hwf.GetString("plannedEndDate")!, hwf.GetInt64(NodeProperties.Year)!.Value, hwf.GetString(NodeProperties.Country)!));
        Assert.Equal(["place-3507000"], (await Store.GetRelationshipsAsync(["council-hwf"], RelationshipTypes.LocatedIn, Direction.Outgoing)).Select(r => r.ToId));
        var vakhsh = Assert.Single(await Store.GetRelationshipsAsync(["council-phc"], RelationshipTypes.LocatedIn, Direction.Outgoing));
        Assert.Equal("place-3507000", (await Store.GetRelationshipsAsync([vakhsh.ToId], RelationshipTypes.PartOf, Direction.Outgoing)).Single().ToId);
        Assert.Contains("council-phc", (await Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, new FieldCondition(NodeField.Within, FilterOperator.Equals, ["place-3507000"])))).Nodes.Select(n => n.Id));

        var edited = Csv("council.csv",
            s_templateHeader,
            "council-hwf,WHO,,Health workforce planning,,health-workforce,3.8,TJ-SU,,2024-01,2026-06,implementation,100000,USD,mohsp,,");
        var report = await ImportAsync(edited);

        Assert.True(report.ChangedAnything);
        Assert.Equal(["place-3505000"], (await Store.GetRelationshipsAsync(["council-hwf"], RelationshipTypes.LocatedIn, Direction.Outgoing)).Select(r => r.ToId));
        Assert.Empty(await Store.GetRelationshipsAsync(["council-hwf"], RelationshipTypes.Funds, Direction.Incoming));
        Assert.Equal(["council-phc"], report.NoLongerInWorkbook);
        Assert.Single(await Store.GetNodesAsync(["council-phc"]));

        var removing = await ImportAsync(edited, new WorkbookImportOptions { RemoveMissing = true });
        Assert.Equal(1, removing.Removed);
        Assert.Empty(await Store.GetNodesAsync(["council-phc"]));
        Assert.False((await ImportAsync(edited)).ChangedAnything);
    }
}

/// <summary>The workbook import on the embedded store.</summary>
public sealed class SqliteWorkbookImport : WorkbookImportBehaviour, IAsyncLifetime, IDisposable
{
    private readonly TemporaryStore _temporary = new();

    protected override IGraphStore Store => _temporary.Store;

    public async Task InitializeAsync() => Assert.True((await _temporary.SeedAsync()).IsValid);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();
}

/// <summary>The workbook import on the Neo4j leg's server.</summary>
[Collection(Neo4jTests.Name)]
[Trait(Neo4jTests.Category, Neo4jTests.Name)]
public sealed class Neo4jWorkbookImport(Neo4jServerFixture server) : WorkbookImportBehaviour, IAsyncLifetime, IDisposable
{
    private Neo4jTestStore? _store;

    protected override IGraphStore Store => _store!.Store;

    public async Task InitializeAsync() => _store = await server.CreateSeededStoreAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _store?.Dispose();
}
