using System.Text.RegularExpressions;
using HealthGraph.Graph;

namespace HealthGraph.Seeding.Validation;

/// <summary>
/// What the validators look things up in: every id in the seed set with its label, and each document's text with
/// white space folded, so that an excerpt can be checked against its source.
/// </summary>
public sealed partial class SeedCatalog
{
    /// <summary>Joins the non-adjacent parts of one excerpt: " … " (U+2026).</summary>
    public const string ExcerptGap = " … ";

    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _foldedTexts = new(StringComparer.Ordinal);

    public SeedCatalog(SeedSet set)
    {
        Add(set.Documents, NodeLabels.Document);
        Add(set.Organizations, NodeLabels.Organization);
        Add(set.Frameworks, NodeLabels.ResultsFramework);
        Add(set.Indicators, NodeLabels.Indicator);
        Add(set.Outcomes, NodeLabels.Outcome);
        Add(set.Deliverables, NodeLabels.Deliverable);
        Add(set.Themes, NodeLabels.Theme);
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
    }

    public bool Exists(string? id, params string[] labels) =>
        id is not null && _labels.TryGetValue(id, out var label) && (labels.Length == 0 || labels.Contains(label));

    public bool IsDocument(string? id) => Exists(id, NodeLabels.Document);

    /// <summary>
    /// True when every part of the excerpt (parts joined by " … ") occurs in the document, in order, once white
    /// space is folded on both sides. Nothing else is forgiven: a changed letter or quote fails.
    /// </summary>
    public bool ExcerptOccursIn(string? documentId, string? excerpt)
    {
        if (documentId is null || excerpt is null || !_foldedTexts.TryGetValue(documentId, out var text))
        {
            return false;
        }

        var parts = Fold(excerpt).Split(ExcerptGap, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var from = 0;
        foreach (var part in parts)
        {
            var at = text.IndexOf(part, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            from = at + part.Length;
        }

        return parts.Length > 0;
    }

    /// <summary>Folds every run of white space (including no-break spaces) into one space.</summary>
    public static string Fold(string text) => WhiteSpace().Replace(text, " ").Trim();

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

    [GeneratedRegex(@"[\s\u00A0\u2007\u202F]+")]
    private static partial Regex WhiteSpace();
}
