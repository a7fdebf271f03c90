using System.Text.RegularExpressions;

namespace HealthGraph.Graph;

/// <summary>
/// The one rule for whether an excerpt quotes a document, shared by the seed validator and the API's inputs: every
/// part of the excerpt (parts joined by " … ") occurs in the text, in order, once white space is folded on both
/// sides. Nothing else is forgiven: a changed letter or quote fails.
/// </summary>
public static partial class Excerpts
{
    /// <summary>What separates the parts of an excerpt that quotes a long passage in pieces.</summary>
    public const string Gap = " … ";

    public static bool OccursIn(string text, string excerpt) => OccursInFolded(Fold(text), excerpt);

    /// <summary>As <see cref="OccursIn"/>, for a text already folded with <see cref="Fold"/> (fold once, check many).</summary>
    public static bool OccursInFolded(string foldedText, string excerpt)
    {
        var parts = Fold(excerpt).Split(Gap, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var from = 0;
        foreach (var part in parts)
        {
            var at = foldedText.IndexOf(part, from, StringComparison.Ordinal);
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

    [GeneratedRegex(@"[\s\u00A0\u2007\u202F]+")]
    private static partial Regex WhiteSpace();
}
