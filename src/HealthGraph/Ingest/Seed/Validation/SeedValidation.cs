using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using HealthGraph.Graph;

namespace HealthGraph.Ingest.Seed.Validation;

/// <summary>
/// Validates a whole seed set and returns every problem at once (reading problems included), each pinned to file,
/// record and field. An empty list means the set may be loaded.
/// </summary>
public static class SeedValidation
{
    public static IReadOnlyList<SeedProblem> Validate(SeedSet set) => Validate(set, new SeedCatalog(set));

    /// <summary>Validates <paramref name="set"/> against <paramref name="catalog"/>, the catalog of the set.</summary>
    public static IReadOnlyList<SeedProblem> Validate(SeedSet set, SeedCatalog catalog)
    {
        var problems = new List<SeedProblem>(set.Problems);

        Check(set.Documents, new DocumentRecordValidator(catalog), problems);
        Check(set.Organizations, new OrganizationRecordValidator(catalog), problems);
        Check(set.Frameworks, new FrameworkRecordValidator(catalog), problems);
        Check(set.Indicators, new IndicatorRecordValidator(catalog), problems);
        Check(set.Outcomes, new OutcomeRecordValidator(catalog), problems);
        Check(set.Deliverables, new DeliverableRecordValidator(catalog), problems);
        Check(set.Themes, new ThemeRecordValidator(catalog), problems);
        Check(set.Alignments, new AlignmentRecordValidator(catalog), problems);
        Check(set.Places, new PlaceRecordValidator(catalog), problems);

        CheckUniqueIds(set, problems);
        CheckUniqueAlignments(set, problems);
        CheckSdgFramework(set, problems);
        CheckGazetteer(set, catalog, problems);
        return problems;
    }

    /// <summary>
    /// Validates a part of the seed read after the set whose catalog <paramref name="catalog"/> is (the synthetic work:
    /// deliverables and their alignments), and adds its deliverables to the catalog: the checks <see cref="Validate(SeedSet)"/>
    /// makes of such records, ids used once among the set and every part so far included.
    /// </summary>
    public static IReadOnlyList<SeedProblem> ValidatePart(SeedSet part, SeedCatalog catalog)
    {
        var problems = new List<SeedProblem>(part.Problems);
        problems.AddRange(catalog.Include(part).Select(e => new SeedProblem(e.File, e.Key, "id", $"id '{e.Record.Id}' is already used")));
        Check(part.Deliverables, new DeliverableRecordValidator(catalog), problems);
        Check(part.Alignments, new AlignmentRecordValidator(catalog), problems);
        CheckUniqueAlignments(part, problems);
        return problems;
    }

    private static void Check<T>(IEnumerable<SeedEntry<T>> entries, IValidator<T> validator, List<SeedProblem> problems)
        where T : SeedRecord
    {
        // Validators are immutable once built, so records are checked on every core; problems keep the records' order.
        problems.AddRange(entries
            .AsParallel()
            .AsOrdered()
            .SelectMany(entry => validator.Validate(entry.Record).Errors
                .Select(e => new SeedProblem(entry.File, entry.Key, FieldPath(e), e.ErrorMessage))));
    }

    /// <summary>"Outcomes[0].Id" becomes "outcomes[0].id", the field's name as written in the JSON file.</summary>
    private static string? FieldPath(ValidationFailure failure) =>
        string.IsNullOrEmpty(failure.PropertyName)
            ? null
            : string.Join('.', failure.PropertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    private static void CheckUniqueIds(SeedSet set, List<SeedProblem> problems)
    {
        var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sdg in set.SdgRows)
        {
            firstUse.TryAdd(SdgId(sdg), SeedReader.DisplayName(set, SeedSet.Files.SdgFramework));
        }

        IEnumerable<(string File, string Key, string? Id)> all =
        [
            .. set.Documents.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Organizations.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Frameworks.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Indicators.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Outcomes.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Deliverables.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Themes.Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.Places.Where(e => !set.InGazetteer(e.Record.Id)).Select(e => (e.File, e.Key, e.Record.Id)),
            .. set.PlaceRows.Select(r => (SeedReader.DisplayName(set, SeedSet.Files.Gazetteer), $"line {r.Line}", (string?)r.Id)),
        ];
        foreach (var (file, key, id) in all)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                continue;
            }

            if (!firstUse.TryAdd(id, file))
            {
                problems.Add(new SeedProblem(file, key, "id", $"id '{id}' is already used in {firstUse[id]}"));
            }
        }
    }

    private static void CheckUniqueAlignments(SeedSet set, List<SeedProblem> problems)
    {
        var seen = new HashSet<(string?, string?)>();
        foreach (var entry in set.Alignments)
        {
            if (!seen.Add((entry.Record.From, entry.Record.To)))
            {
                problems.Add(new SeedProblem(entry.File, entry.Key, null, $"alignment '{entry.Record.From}' -> '{entry.Record.To}' is listed twice"));
            }
        }
    }

    /// <summary>
    /// The gazetteer: a document describes it, each row has a known admin level, a name, a code and a parent that is a
    /// region of the gazetteer (a district) or a country place (a region).
    /// </summary>
    private static void CheckGazetteer(SeedSet set, SeedCatalog catalog, List<SeedProblem> problems)
    {
        var file = SeedReader.DisplayName(set, SeedSet.Files.Gazetteer);
        if (SeedGraphBuilder.GazetteerDocumentId(set) is null)
        {
            problems.Add(new SeedProblem(
                SeedReader.DisplayName(set, SeedSet.Files.Documents), null, null,
                $"no document describes '{SeedSet.Files.Gazetteer}', the source of the places"));
        }

        var regions = set.PlaceRows.Where(r => r.Level == "REGION").Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var row in set.PlaceRows)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"line {row.Line}");
            if (row.Level is null)
            {
                problems.Add(new SeedProblem(file, line, "Admin Level", $"admin level '{row.AdminLevel}' is not 1 (a region) or 2 (a district)"));
            }

            if (string.IsNullOrWhiteSpace(row.Name) || string.IsNullOrWhiteSpace(row.Code))
            {
                problems.Add(new SeedProblem(file, line, null, "a place needs its p-code and its name"));
            }

            var parentExists = row.Level == "DISTRICT"
                ? regions.Contains(row.ParentCode)
                : catalog.Exists(Vocabulary.PlaceId(row.ParentCode), NodeLabels.Place) && !set.InGazetteer(Vocabulary.PlaceId(row.ParentCode));
            if (row.Level is not null && !parentExists)
            {
                problems.Add(new SeedProblem(file, line, "Parent P-Code",
                    $"parent '{row.ParentCode}' is not {(row.Level == "DISTRICT" ? "a region of the gazetteer" : "a country place of places.json")}"));
            }
        }
    }

    private static void CheckSdgFramework(SeedSet set, List<SeedProblem> problems)
    {
        var file = SeedReader.DisplayName(set, SeedSet.Files.SdgFramework);
        if (SeedGraphBuilder.SdgDocumentId(set) is null)
        {
            problems.Add(new SeedProblem(
                SeedReader.DisplayName(set, SeedSet.Files.Documents), null, null,
                $"no document describes '{SeedSet.Files.SdgFramework}', the source of the SDG framework"));
        }

        var codes = new Dictionary<string, string>(StringComparer.Ordinal); // code -> kind
        foreach (var row in set.SdgRows)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"line {row.Line}");
            if (row.Kind is not ("goal" or "target" or "indicator"))
            {
                problems.Add(new SeedProblem(file, line, "kind", $"kind '{row.Kind}' is not one of goal, target, indicator"));
                continue;
            }

            if (!codes.TryAdd(row.Code, row.Kind))
            {
                problems.Add(new SeedProblem(file, line, "code", $"code '{row.Code}' appears twice"));
            }

            if (string.IsNullOrWhiteSpace(row.Title))
            {
                problems.Add(new SeedProblem(file, line, "title", "title is required"));
            }
        }

        foreach (var row in set.SdgRows.Where(r => r.Kind is "target" or "indicator"))
        {
            var parentKind = row.Kind == "target" ? "goal" : "target";
            if (row.ParentCode is null || !codes.TryGetValue(row.ParentCode, out var kind) || kind != parentKind)
            {
                problems.Add(new SeedProblem(
                    file, string.Create(CultureInfo.InvariantCulture, $"line {row.Line}"), "parent_code",
                    $"{row.Kind} '{row.Code}' names parent {parentKind} '{row.ParentCode}', which does not exist"));
            }
        }

        var namesFile = SeedReader.DisplayName(set, SeedSet.Files.SdgGoalShortNames);
        foreach (var goal in set.SdgGoalShortNames.Keys.Where(g => !codes.TryGetValue(g, out var k) || k != "goal"))
        {
            problems.Add(new SeedProblem(namesFile, $"'{goal}'", "goal", $"goal '{goal}' is not in the SDG framework"));
        }

        var indicatorFile = SeedReader.DisplayName(set, SeedSet.Files.SdgIndicatorCodes);
        foreach (var code in set.SdgIndicatorCodes.Keys.Where(c => !codes.TryGetValue(c, out var k) || k != "indicator"))
        {
            problems.Add(new SeedProblem(indicatorFile, $"'{code}'", "indicator_code", $"indicator '{code}' is not in the SDG framework"));
        }
    }

    internal static string SdgId(SdgRow row) => row.Kind switch
    {
        "goal" => Vocabulary.SdgGoalId(row.Code),
        "target" => Vocabulary.SdgTargetId(row.Code),
        _ => Vocabulary.SdgIndicatorId(row.Code),
    };
}
