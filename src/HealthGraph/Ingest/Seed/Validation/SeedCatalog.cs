using HealthGraph.Graph;

namespace HealthGraph.Ingest.Seed.Validation;

/// <summary>
/// What the validators look things up in: every id in the seed set with its label, and each document's text with
/// white space folded, so that an excerpt can be checked against its source.
/// </summary>
public sealed class SeedCatalog
{
    /// <summary>Joins the non-adjacent parts of one excerpt: " … " (U+2026).</summary>
    public const string ExcerptGap = Excerpts.Gap;

    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _foldedTexts = new(StringComparer.Ordinal);

    private readonly SeedSet _set;

    public SeedCatalog(SeedSet set)
    {
        _set = set;
        Add(set.Documents, NodeLabels.Document);
        Add(set.Organizations, NodeLabels.Organization);
        Add(set.Frameworks, NodeLabels.ResultsFramework);
        Add(set.Indicators, NodeLabels.Indicator);
        Add(set.Outcomes, NodeLabels.Outcome);
        Add(set.Deliverables, NodeLabels.Deliverable);
        Add(set.Themes, NodeLabels.Theme);
        Add(set.Places, NodeLabels.Place);
        foreach (var row in set.PlaceRows)
        {
            _labels.TryAdd(row.Id, NodeLabels.Place);
        }

        foreach (var row in set.SdgRows)
        {
            switch (row.Kind)
            {
                case "goal": _labels.TryAdd(Vocabulary.SdgGoalId(row.Code), NodeLabels.SdgGoal); break;
                case "target": _labels.TryAdd(Vocabulary.SdgTargetId(row.Code), NodeLabels.SdgTarget); break;
                case "indicator": _labels.TryAdd(Vocabulary.SdgIndicatorId(row.Code), NodeLabels.SdgIndicator); break;
                default: break;
            }
        }

        foreach (var (id, text) in set.DocumentTexts)
        {
            _foldedTexts[id] = Fold(text);
        }

        Provenance = new MemoizedValidator<ProvenanceRecord>(new ProvenanceValidator(this));
    }

    /// <summary>Provenance checks, run once per distinct provenance (see <see cref="MemoizedValidator{T}"/>).</summary>
    public MemoizedValidator<ProvenanceRecord> Provenance { get; }

    /// <summary>
    /// Adds the deliverables of <paramref name="part"/>, a part of the seed read after the set (the synthetic work), and
    /// returns those whose id is already used (they are not added).
    /// </summary>
    public IReadOnlyList<SeedEntry<DeliverableRecord>> Include(SeedSet part) =>
        [.. part.Deliverables.Where(e => !string.IsNullOrWhiteSpace(e.Record.Id) && !_labels.TryAdd(e.Record.Id, NodeLabels.Deliverable))];

    public bool Exists(string? id, params string[] labels) =>
        id is not null && _labels.TryGetValue(id, out var label) && (labels.Length == 0 || labels.Contains(label));

    public bool IsDocument(string? id) => Exists(id, NodeLabels.Document);

    /// <summary>True when the place is a row of the gazetteer (<see cref="SeedSet.Files.Gazetteer"/>).</summary>
    public bool InGazetteer(string? id) => _set.InGazetteer(id);

    /// <summary>True when the excerpt quotes the document (see <see cref="Excerpts"/> for the rule).</summary>
    public bool ExcerptOccursIn(string? documentId, string? excerpt) =>
        documentId is not null && excerpt is not null && _foldedTexts.TryGetValue(documentId, out var text) && Excerpts.OccursInFolded(text, excerpt);

    /// <summary>Folds every run of white space (including no-break spaces) into one space.</summary>
    public static string Fold(string text) => Excerpts.Fold(text);

    private void Add<T>(IEnumerable<SeedEntry<T>> entries, string label)
        where T : SeedRecord
    {
        foreach (var entry in entries)
        {
            if (!string.IsNullOrWhiteSpace(entry.Record.Id))
            {
                _labels.TryAdd(entry.Record.Id, label);
            }
        }
    }

}
