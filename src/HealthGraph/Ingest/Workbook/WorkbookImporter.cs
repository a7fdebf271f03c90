using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HealthGraph.Graph;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;

namespace HealthGraph.Ingest.Workbook;

/// <summary>How a workbook is imported.</summary>
public sealed record WorkbookImportOptions
{
    /// <summary>The sheet to read (by default the first visible one).</summary>
    public string? Sheet { get; init; }

    /// <summary>Columns the user maps by hand: a header or a column letter to a workbook column's key.</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Organisations, themes and places the store does not know are created (stated by the workbook) instead of reported.</summary>
    public bool CreateMissing { get; init; }

    /// <summary>Work that an earlier import of this workbook wrote and the workbook no longer has is removed (otherwise only reported).</summary>
    public bool RemoveMissing { get; init; }

    /// <summary>Rows with errors are reported and left out, and the others are written (otherwise any error means nothing is written).</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Who writes (the change log's writer).</summary>
    public string Writer { get; init; } = "seed";
}

/// <summary>
/// Imports a council's who-what-where-when workbook (the template, or a real 3W/4W file): one piece of work per row,
/// with its organisations and their roles, themes, SDG targets, places, dates, status, budget and counterparts. The
/// workbook is a document of the graph and every fact of a row is STATED by it, the row's cells as the excerpt. Every
/// problem is reported at once, by sheet, row and column; a workbook with an error writes nothing. Names are matched
/// to what the store holds (<see cref="WorkbookReferences"/>); an unknown one is an error with the closest names,
/// unless the import is asked to create what is missing. A place given by a code the store lacks (a p-code of another
/// country) is kept with its own code. Re-importing the same workbook changes nothing; an edited row updates its work
/// (the rows of the template carry the work's id; rows without one are known by their content).
/// </summary>
public sealed partial class WorkbookImporter(IGraphStore store)
{
    /// <summary>The rows one load writes.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>The relationships a row's work has, each way: what a re-import replaces.</summary>
    private static readonly (string Type, Direction Direction)[] s_rowRelationships =
    [
        (RelationshipTypes.Delivers, Direction.Incoming), (RelationshipTypes.Funds, Direction.Incoming), (RelationshipTypes.Extends, Direction.Incoming),
        (RelationshipTypes.HasTheme, Direction.Outgoing), (RelationshipTypes.AlignsWith, Direction.Outgoing),
        (RelationshipTypes.LocatedIn, Direction.Outgoing), (RelationshipTypes.Supports, Direction.Outgoing),
    ];

    /// <summary>The property that names the workbook (document) a piece of work was imported from.</summary>
    public const string WorkbookProperty = "workbook";

    public async Task<WorkbookImportReport> ImportAsync(WorkbookSheet sheet, WorkbookImportOptions options, CancellationToken cancellationToken = default)
    {
        var layout = WorkbookLayout.Find(sheet, options.Mapping);
        var documentId = DocumentId(sheet.FileName);
        var problems = new List<WorkbookProblem>();
        if (!layout.Has(WorkbookColumns.Implementer))
        {
            problems.Add(new(sheet.Name, null, null, true,
                $"no column names the implementing organisation: give it the header '{WorkbookColumns.Get(WorkbookColumns.Implementer).Header}' or the hashtag #org+impl, or map one."));
        }

        var titleFromSector = !layout.Has(WorkbookColumns.Title) && layout.Has(WorkbookColumns.Themes);
        if (!layout.Has(WorkbookColumns.Title) && !titleFromSector)
        {
            problems.Add(new(sheet.Name, null, null, true,
                $"no column holds the work's title: give it the header '{WorkbookColumns.Get(WorkbookColumns.Title).Header}' or the hashtag #activity+name, or map one."));
        }

        if (problems.Count > 0)
        {
            return Report(false, documentId, sheet, 0, problems, layout, [], [], 0, 0, null);
        }

        if (titleFromSector)
        {
            problems.Add(new(sheet.Name, null, null, false, "no column holds an activity's title: each row's work is named by its sector and organisation."));
        }

        var references = await WorkbookReferences.ReadAsync(store, cancellationToken);
        var rows = new RowReader(sheet, layout, references, options.CreateMissing, documentId, titleFromSector, problems);
        foreach (var row in sheet.Rows)
        {
            rows.Read(row);
        }

        if (problems.Any(p => p.IsError) && !options.SkipInvalid)
        {
            return Report(false, documentId, sheet, rows.Work.Count, problems, layout, [], [], 0, 0, null);
        }

        var document = GraphNode.Create(documentId, NodeLabels.Document, sheet.FileName, new Provenance(Basis.Stated, documentId, null, null),
            (NodeProperties.Title, sheet.FileName), ("file", sheet.FileName), (NodeProperties.Kind, "WORKBOOK"), ("sheet", sheet.Name));
        var counts = new LoadTally();
        var work = rows.Work.Values.ToList();
        var stored = (await store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable,
            new FieldCondition(NodeField.Property(WorkbookProperty), FilterOperator.Equals, [documentId])), cancellationToken)).Nodes;
        var storedIds = stored.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var relationshipsRemoved = 0;
        var first = true;
        foreach (var batch in work.Chunk(BatchSize))
        {
            // The first load writes the document and what the rows create (organisations, themes, places), so that
            // every batch's relationships find their ends.
            List<GraphNode> nodes = first ? [document, .. rows.Created.Values] : [document];
            nodes.AddRange(batch.Select(b => b.Node));
            var relationships = batch.SelectMany(b => b.Relationships).Concat(first ? rows.CreatedRelationships : []).ToList();
            first = false;
            counts.Add(await store.LoadAsync(new SeedGraph(nodes, relationships), cancellationToken: cancellationToken));
            relationshipsRemoved += await RemoveStaleAsync([.. batch.Where(b => storedIds.Contains(b.Id)).Select(b => b.Id)], relationships, options.Writer, cancellationToken);
        }

        var gone = stored.Select(n => n.Id).Except(work.Select(w => w.Id), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var removed = 0;
        if (gone.Count > 0 && options.RemoveMissing)
        {
            removed = await RemoveWorkAsync(gone, options.Writer, cancellationToken);
        }
        else if (gone.Count > 0)
        {
            problems.Add(new(sheet.Name, null, null, false,
                $"{gone.Count} piece(s) of work an earlier import of this workbook wrote are no longer in it ({string.Join(", ", gone.Take(10))}{(gone.Count > 10 ? ", …" : "")}); they stay until the import is asked to remove them."));
        }

        return Report(true, documentId, sheet, work.Count, problems, layout, [.. rows.Created.Keys.Order(StringComparer.Ordinal)], gone, removed, relationshipsRemoved, counts);
    }

    private static WorkbookImportReport Report(
        bool written, string documentId, WorkbookSheet sheet, int work, List<WorkbookProblem> problems, WorkbookLayout layout,
        IReadOnlyList<string> created, IReadOnlyList<string> gone, int removed, int relationshipsRemoved, LoadTally? counts) =>
        new(written, documentId, sheet.Name, sheet.Rows.Count, work,
            [.. problems.OrderBy(p => p.Row ?? 0).ThenBy(p => p.IsError ? 0 : 1)], layout.Notes, created, gone, removed, relationshipsRemoved,
            counts?.Nodes ?? new Dictionary<string, ChangeCounts>(), counts?.Relationships ?? new Dictionary<string, ChangeCounts>());

    /// <summary>The document id of a workbook: "workbook-" and its file name, folded into an id.</summary>
    public static string DocumentId(string fileName) => "workbook-" + Slug(Path.GetFileNameWithoutExtension(fileName));

    /// <summary>Text as an id's part: lower-case letters and digits joined by '-'.</summary>
    public static string Slug(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && folded.Length > 0 && folded[^1] != '-')
            {
                folded.Append('-');
            }
        }

        var slug = folded.ToString().Trim('-');
        return slug.Length == 0 ? "x" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }

    /// <summary>Removes what updated work had and its row no longer has.</summary>
    private async Task<int> RemoveStaleAsync(List<string> updated, List<GraphRelationship> current, string writer, CancellationToken cancellationToken)
    {
        if (updated.Count == 0)
        {
            return 0;
        }

        var keep = current.Select(r => (r.FromId, r.Type, r.ToId)).ToHashSet();
        var stale = new List<RelationshipRemoval>();
        foreach (var (type, direction) in s_rowRelationships)
        {
            foreach (var r in await store.GetRelationshipsAsync(updated, type, direction, cancellationToken))
            {
                if (!keep.Contains((r.FromId, r.Type, r.ToId)))
                {
                    stale.Add(new RelationshipRemoval(r.FromId, r.Type, Direction.Outgoing, r.ToId));
                }
            }
        }

        return stale.Count == 0 ? 0 : (int)(await store.ApplyAsync(
            new GraphChange(writer, "importWorkbook", $"{stale.Count} relationship(s) that edited rows no longer have", [], [], stale), cancellationToken)).Removed;
    }

    /// <summary>Removes work the workbook no longer has, with its relationships.</summary>
    private async Task<int> RemoveWorkAsync(List<string> gone, string writer, CancellationToken cancellationToken)
    {
        var removals = new List<RelationshipRemoval>();
        foreach (var (type, direction) in s_rowRelationships)
        {
            removals.AddRange(gone.Select(id => new RelationshipRemoval(id, type, direction)));
        }

        await store.ApplyAsync(new GraphChange(writer, "importWorkbook", $"{gone.Count} piece(s) of work no longer in the workbook", [], [], removals)
        {
            NodeDeletions = gone,
        }, cancellationToken);
        return gone.Count;
    }

    /// <summary>A row's piece of work: its node and relationships.</summary>
    private sealed record RowWork(string Id, int Row, GraphNode Node, List<GraphRelationship> Relationships, string Content);

    /// <summary>Reads rows into work, reporting each problem with its sheet, row and column.</summary>
    private sealed partial class RowReader(
        WorkbookSheet sheet, WorkbookLayout layout, WorkbookReferences references, bool createMissing, string documentId, bool titleFromSector, List<WorkbookProblem> problems)
    {
        public Dictionary<string, RowWork> Work { get; } = new(StringComparer.Ordinal);

        /// <summary>Organisations, themes and places the rows name and the store lacks, created by the first row that names each.</summary>
        public Dictionary<string, GraphNode> Created { get; } = new(StringComparer.Ordinal);

        public List<GraphRelationship> CreatedRelationships { get; } = [];

        private int _row;
        private bool _failed;

        public void Read(WorkbookRow row)
        {
            _row = row.Number;
            _failed = false;
            string Cell(string key) => CellOf(row, key);
            var excerpt = string.Join(" | ", layout.Columns.OrderBy(c => c.Value).Where(c => row.Cell(c.Value).Length > 0)
                .Select(c => $"{HeaderOf(c.Key)}: {row.Cell(c.Value)}")); // the row as the file has it: its own headers
            var provenance = Provenance.Stated(documentId, excerpt);

            var implementers = Names(Cell(WorkbookColumns.Implementer));
            if (implementers.Count == 0)
            {
                Error(WorkbookColumns.Implementer, "the implementing organisation is missing: every row needs the organisation that does the work.");
            }

            var themeNames = Names(Cell(WorkbookColumns.Themes));
            var title = titleFromSector
                ? string.Join(" – ", new[] { Cell(WorkbookColumns.Themes), Cell(WorkbookColumns.Implementer) }.Where(t => t.Length > 0))
                : Cell(WorkbookColumns.Title);
            if (title.Length == 0)
            {
                Error(titleFromSector ? WorkbookColumns.Themes : WorkbookColumns.Title, "the work's title is missing: say in a line what the work is.");
            }

            var idCell = Cell(WorkbookColumns.Id);
            if (idCell.Length > 0 && !Regex.IsMatch(idCell, Vocabulary.IdPattern))
            {
                Error(WorkbookColumns.Id, $"'{idCell}' is not a usable id: use lower-case letters, digits, '.' and '-' (or leave it empty).");
            }

            var content = string.Join('\u001f', layout.Columns.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => WorkbookLayout.Fold(row.Cell(c.Value))));
            var id = idCell.Length > 0 ? idCell : $"{documentId}-{Hash(content)}";
            var start = Date(WorkbookColumns.Start, Cell(WorkbookColumns.Start));
            var end = Date(WorkbookColumns.End, Cell(WorkbookColumns.End));
            if (start is not null && end is not null && string.CompareOrdinal(end, start[..Math.Min(start.Length, end.Length)]) < 0)
            {
                Error(WorkbookColumns.End, $"the work ends ({end}) before it starts ({start}).");
            }

            if (start is null && end is null && !_failed)
            {
                Warning(layout.Has(WorkbookColumns.Start) ? WorkbookColumns.Start : null, "the row gives no start or end date: its work is kept without a period (it is in no period's answers).");
            }

            var status = Status(Cell(WorkbookColumns.Status));
            var amounts = Budget(Cell(WorkbookColumns.Budget), Cell(WorkbookColumns.Currency), start, end);
            var relationships = new List<GraphRelationship>();
            void Link(string type, string from, string to) =>
                relationships.Add(new GraphRelationship(type, from, to, GraphRelationship.NoProperties, provenance));

            foreach (var org in implementers.Select(n => Find(NodeLabels.Organization, WorkbookColumns.Implementer, n, provenance)).OfType<string>())
            {
                Link(RelationshipTypes.Delivers, org, id);
            }

            foreach (var org in Names(Cell(WorkbookColumns.Funder)).Select(n => Find(NodeLabels.Organization, WorkbookColumns.Funder, n, provenance)).OfType<string>())
            {
                Link(RelationshipTypes.Funds, org, id);
            }

            foreach (var org in Names(Cell(WorkbookColumns.Programme)).Select(n => Find(NodeLabels.Organization, WorkbookColumns.Programme, n, provenance)).OfType<string>())
            {
                Link(RelationshipTypes.Extends, org, id);
            }

            foreach (var org in Names(Cell(WorkbookColumns.Counterparts)).Select(n => Find(NodeLabels.Organization, WorkbookColumns.Counterparts, n, provenance)).OfType<string>())
            {
                Link(RelationshipTypes.Supports, id, org);
            }

            foreach (var theme in themeNames.Select(n => Find(NodeLabels.Theme, WorkbookColumns.Themes, n, provenance)).OfType<string>())
            {
                Link(RelationshipTypes.HasTheme, id, theme);
            }

            foreach (var target in Targets(Cell(WorkbookColumns.Targets)))
            {
                Link(RelationshipTypes.AlignsWith, id, target);
            }

            var places = Places(row, provenance);
            foreach (var place in places)
            {
                Link(RelationshipTypes.LocatedIn, id, place);
            }

            if (places.Count == 0 && !_failed)
            {
                Warning(layout.Has(WorkbookColumns.Region) ? WorkbookColumns.Region : null, "the row names no place: its work is kept without one (in no region's answers).");
            }

            if (_failed)
            {
                return;
            }

            var node = DeliverableNode.Create(id, title, provenance, "ACTIVITY", null, status?.Code, status?.Label,
                start is null ? null : int.Parse(start[..4], CultureInfo.InvariantCulture), places.Count > 0 ? Country(places[0]) : null, null);
            var properties = new SortedDictionary<string, object?>(node.Properties.ToDictionary(), StringComparer.Ordinal)
            {
                [WorkbookProperty] = documentId,
            };
            void Set(string key, object? value)
            {
                if (value is not null and not "")
                {
                    properties[key] = value;
                }
            }

            Set(NodeProperties.Description, Cell(WorkbookColumns.Description));
            Set(NodeProperties.PlannedStartDate, start);
            Set(NodeProperties.PlannedEndDate, end);
            Set(NodeProperties.Amounts, amounts);
            Set("source", Cell(WorkbookColumns.Source));
            Set("sourceExcerpt", Cell(WorkbookColumns.Excerpt));
            if (Work.TryGetValue(id, out var earlier))
            {
                if (earlier.Content == content)
                {
                    Warning(null, $"the row repeats row {earlier.Row} in every column HealthGraph reads: its work is loaded once.");
                }
                else
                {
                    Error(WorkbookColumns.Id, $"row {earlier.Row} already has the id '{id}' with other cells: give each piece of work its own id.");
                }

                return;
            }

            Work[id] = new RowWork(id, row.Number, node with { Properties = properties }, relationships, content);
        }

        /// <summary>The name of the country a place lies in, when the graph knows it.</summary>
        private string? Country(string placeId) =>
            references.Ancestors(placeId).Select(references.Places.GetValueOrDefault).FirstOrDefault(p => p?.GetString(NodeProperties.Level) == "COUNTRY")?.Name;

        /// <summary>Names in a cell: separated by ';' or line breaks.</summary>
        private static List<string> Names(string cell) =>
            [.. cell.Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

        /// <summary>The id of the one node a name names; an error (or a created node) when it names none, an error when several.</summary>
        private string? Find(string label, string column, string name, Provenance provenance)
        {
            var found = references[label].Find(name);
            if (found.Count == 1)
            {
                return found[0].Id;
            }

            var what = label == NodeLabels.Organization ? "organisation" : label == NodeLabels.Theme ? "theme" : "place";
            if (found.Count > 1)
            {
                Error(column, $"'{name}' names more than one {what} ({string.Join(", ", found.Select(n => $"{n.Name} ({n.Id})"))}): write its id instead.");
                return null;
            }

            if (!createMissing)
            {
                var closest = references[label].Closest(name);
                Error(column, $"no {what} is called '{name}'{(closest.Count > 0 ? $"; the closest are {string.Join(", ", closest.Select(c => $"'{c}'"))}" : "")}. Use a name HealthGraph knows, or import with the option to create what is missing.");
                return null;
            }

            var prefix = label == NodeLabels.Organization ? "org" : "theme";
            var id = $"{prefix}-{Slug(name)}";
            if (!Created.ContainsKey(id))
            {
                var node = GraphNode.Create(id, label, name, provenance, ("name", name), (NodeProperties.Kind, label == NodeLabels.Organization ? "OTHER" : null));
                Created[id] = node;
                references[label].Add(node);
            }

            return id;
        }

        /// <summary>The SDG targets (or goals) a cell names by code: "3.8; 1.3", "SDG 3", "Target 3.c".</summary>
        private List<string> Targets(string cell)
        {
            var ids = new List<string>();
            foreach (var code in cell.Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var bare = SdgPrefix().Replace(code, "").Trim().ToLowerInvariant();
                var id = bare.Contains('.', StringComparison.Ordinal) ? Vocabulary.SdgTargetId(bare) : Vocabulary.SdgGoalId(bare);
                if (references.SdgIds.Contains(id))
                {
                    ids.Add(id);
                }
                else
                {
                    Error(WorkbookColumns.Targets, $"'{code}' is not an SDG target or goal: write a target's code (3.8, 3.c) or a goal's number (3).");
                }
            }

            return ids;
        }

        /// <summary>
        /// The row's places: the finest it names (a subdistrict, else a district, else a region), by code or name, each
        /// within the coarser place the row gives. A code the store lacks is another country's place, kept with its own code.
        /// </summary>
        private List<string> Places(WorkbookRow row, Provenance provenance)
        {
            string Cell(string key) => CellOf(row, key);
            var regions = Level("REGION", WorkbookColumns.Region, Names(Cell(WorkbookColumns.Region)), Names(Cell(WorkbookColumns.RegionCode)), null, provenance);
            var districtNames = Names(Cell(WorkbookColumns.District));
            var districtCodes = Names(Cell(WorkbookColumns.DistrictCode));
            var districts = districtNames.Count == 0 && districtCodes.Count == 0
                ? regions
                : Level("DISTRICT", WorkbookColumns.District, districtNames, districtCodes, regions.Count == 1 ? regions[0] : null, provenance);
            var subdistrictNames = Names(Cell(WorkbookColumns.Subdistrict));
            var subdistrictCodes = Names(Cell(WorkbookColumns.SubdistrictCode));
            return subdistrictNames.Count == 0 && subdistrictCodes.Count == 0
                ? districts
                : Level("SUBDISTRICT", WorkbookColumns.Subdistrict, subdistrictNames, subdistrictCodes, districts.Count == 1 ? districts[0] : null, provenance);
        }

        private List<string> Level(string level, string column, List<string> names, List<string> codes, string? within, Provenance provenance)
        {
            var ids = new List<string>();
            var count = Math.Max(names.Count, codes.Count);
            for (var i = 0; i < count; i++)
            {
                var name = i < names.Count ? names[i] : null;
                var code = i < codes.Count ? codes[i] : null;
                var byCode = code is null ? [] : references[NodeLabels.Place].Find(code).Where(p => p.GetString(NodeProperties.Code) == code || p.GetString(NodeProperties.IsoCode) == code).ToList();
                // A place's own id names it at any level (the export writes a site or a country so); a name or code, at the column's level.
                var byName = name is null ? [] : references[NodeLabels.Place].Find(name)
                    .Where(p => p.Id == name || (p.GetString(NodeProperties.Level) == level && (within is null || references.Within(p.Id, within)))).ToList();
                if (byCode.Count == 1)
                {
                    ids.Add(byCode[0].Id);
                }
                else if (code is not null && !IsTajik(code))
                {
                    ids.Add(CreatePlace(Vocabulary.PlaceId(code), name ?? code, code, level, within, provenance));
                }
                else if (byName.Count == 1)
                {
                    ids.Add(byName[0].Id);
                }
                else if (byName.Count > 1)
                {
                    Error(column, $"'{name}' is the name of {byName.Count} places ({string.Join(", ", byName.Select(p => $"{p.Name} {p.GetString(NodeProperties.Code)}"))}): give its p-code{(within is null ? " or its region" : "")}.");
                }
                else if (name is not null && createMissing && !IsTajik(code ?? ""))
                {
                    ids.Add(CreatePlace($"place-{(within is null ? "" : within["place-".Length..] + "-")}{Slug(name)}", name, null, level, within, provenance));
                }
                else
                {
                    var closest = references[NodeLabels.Place].Closest(name ?? code!, p => p.GetString(NodeProperties.Level) == level);
                    Error(column, $"no {level.ToLowerInvariant()} is called '{name ?? code}'{(within is null ? "" : $" in {references.Places.GetValueOrDefault(within)?.Name ?? within}")}{(closest.Count > 0 ? $"; the closest are {string.Join(", ", closest.Select(c => $"'{c}'"))}" : "")}.");
                }
            }

            return ids;
        }

        /// <summary>A Tajik place's code: a p-code of Tajikistan (35…) or an ISO 3166-2 code (TJ-…).</summary>
        private static bool IsTajik(string code) => code.StartsWith("35", StringComparison.Ordinal) || code.StartsWith("TJ", StringComparison.OrdinalIgnoreCase);

        private string CreatePlace(string id, string name, string? code, string level, string? within, Provenance provenance)
        {
            if (!Created.ContainsKey(id) && !references.Places.ContainsKey(id))
            {
                var node = GraphNode.Create(id, NodeLabels.Place, name, provenance, ("name", name), (NodeProperties.Level, level), (NodeProperties.Code, code));
                Created[id] = node;
                references.Places[id] = node;
                references[NodeLabels.Place].Add(node);
                if (within is not null)
                {
                    references.PlaceParents[id] = within;
                    CreatedRelationships.Add(new GraphRelationship(RelationshipTypes.PartOf, id, within, GraphRelationship.NoProperties, provenance));
                }
            }

            return id;
        }

        /// <summary>A date as precise as the cell gives it: YYYY, YYYY-MM or YYYY-MM-DD (an Excel date comes as YYYY-MM-DD).</summary>
        private string? Date(string column, string cell)
        {
            if (cell.Length == 0)
            {
                return null;
            }

            var text = cell.Length > 10 && cell[10] == 'T' ? cell[..10] : cell;
            foreach (var (format, length) in new[] { ("yyyy-MM-dd", 10), ("yyyy-MM", 7), ("yyyy", 4) })
            {
                if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1945 and <= 2100)
                {
                    return date.ToString(format, CultureInfo.InvariantCulture)[..length];
                }
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 16_437 and < 73_051)
            {
                return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // an Excel serial date (1945-2099)
            }

            foreach (var format in new[] { "MMMM yyyy", "MMM yyyy", "d MMMM yyyy", "d MMM yyyy" })
            {
                if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var named))
                {
                    return named.ToString(format.StartsWith('d') ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);
                }
            }

            if (CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Any(m => m.Length > 0 && string.Equals(m, text, StringComparison.OrdinalIgnoreCase)))
            {
                Warning(column, $"'{cell}' is a month without a year: the row cannot be dated from it, so it is kept without a period.");
                return null;
            }

            Error(column, $"'{cell}' is not a date HealthGraph can read: write 2024-03-15, 2024-03 or 2024.");
            return null;
        }

        private (string Code, string Label)? Status(string cell)
        {
            if (cell.Length == 0)
            {
                return null;
            }

            var folded = WorkbookLayout.Fold(cell);
            foreach (var (code, words) in WorkbookColumns.StatusWords)
            {
                if (WorkbookLayout.Fold(code) == folded || words.Any(w => WorkbookLayout.Fold(w) == folded))
                {
                    return (code, cell);
                }
            }

            Error(WorkbookColumns.Status, $"'{cell}' is not a status HealthGraph knows: use one of {string.Join(", ", WorkbookColumns.Get(WorkbookColumns.Status).Allowed)}.");
            return null;
        }

        private List<string>? Budget(string budget, string currency, string? start, string? end)
        {
            if (budget.Length == 0)
            {
                if (currency.Length > 0)
                {
                    Warning(WorkbookColumns.Currency, "a currency without a budget: the currency is left out.");
                }

                return null;
            }

            if (!decimal.TryParse(budget.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                Error(WorkbookColumns.Budget, $"'{budget}' is not an amount: write the number alone (1250000 or 1,250,000.50), the currency in its own column.");
                return null;
            }

            if (!CurrencyCode().IsMatch(currency.Trim().ToUpperInvariant()))
            {
                Error(WorkbookColumns.Currency, currency.Length == 0
                    ? "the budget has no currency: give its ISO 4217 code (USD, EUR, TJS); amounts are never converted."
                    : $"'{currency}' is not a currency code: give its ISO 4217 code (USD, EUR, TJS).");
                return null;
            }

            return [IatiGraphMapper.Serialize(new IatiAmount(IatiAmount.Budget, "1", value, currency.Trim().ToUpperInvariant(), start, end, null))];
        }

        private void Error(string? column, string message)
        {
            _failed = true;
            problems.Add(new WorkbookProblem(sheet.Name, _row, ColumnName(column), true, message));
        }

        private void Warning(string? column, string message) =>
            problems.Add(new WorkbookProblem(sheet.Name, _row, ColumnName(column), false, message));

        private string? ColumnName(string? key) =>
            key is not null && layout.Columns.TryGetValue(key, out var index) ? $"{WorkbookLayout.Letter(index)} ({HeaderOf(key)})" : null;

        /// <summary>A row's cell of a workbook column; empty when the sheet has no such column.</summary>
        private string CellOf(WorkbookRow row, string key) => layout.Columns.TryGetValue(key, out var index) ? row.Cell(index) : "";

        /// <summary>A column's header in the file, else the template's.</summary>
        private string HeaderOf(string key) =>
            sheet.Headers.ElementAtOrDefault(layout.Columns[key]) is { Length: > 0 } header ? header.Trim() : WorkbookColumns.Get(key).Header;

        private static string Hash(string content) =>
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12];

        [GeneratedRegex("^(sdg|odd|ods|цур|target|goal|cible|meta|задача)\\s*", RegexOptions.IgnoreCase)]
        private static partial Regex SdgPrefix();

        [GeneratedRegex("^[A-Z]{3}$")]
        private static partial Regex CurrencyCode();
    }
}
