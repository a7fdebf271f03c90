using System.Globalization;
using System.Text;
using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// How every store reads text for search, so that the same words find the same entities in each: the words of a text
/// are its runs of letters and digits, lower-cased, with the accents taken off Latin letters. That is how SQLite's
/// full-text index reads it (FTS5's <c>unicode61</c> tokenizer with <c>remove_diacritics 2</c>: "Tajikistan’s" is the
/// words <c>tajikistan</c> and <c>s</c>, "Réforme" is <c>reforme</c>, "8.3" is <c>8</c> and <c>3</c>); the Neo4j store
/// indexes <see cref="Normalize"/>d text, whose words Lucene's whitespace analyzer then reads the same way.
/// </summary>
public static class SearchText
{
    /// <summary>The most words of a search that count; the rest are ignored.</summary>
    public const int MaxWords = 16;

    /// <summary>The searched words of a user's text, in order: at most <see cref="MaxWords"/>.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxWords)];

    /// <summary>
    /// The text's words joined by single spaces. A letter or digit is part of a word; a combining accent
    /// (<see cref="CombiningAccents"/>) too, and is dropped; anything else separates words.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new StringBuilder(text.Length);
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCombiningAccent(rune))
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber:
                    if (!inWord && words.Length > 0)
                    {
                        words.Append(' ');
                    }

                    AppendFolded(words, rune);
                    inWord = true;
                    break;
                default:
                    inWord = false;
                    break;
            }
        }

        return words.ToString();
    }

    private static bool IsCombiningAccent(Rune rune) => rune.IsBmp && CombiningAccents.Contains((char)rune.Value, StringComparison.Ordinal);

    /// <summary>The combining accents that make up the accented Latin letters (grave, acute, circumflex, …, cedilla, ogonek): SQLite's diacritics.</summary>
    private const string CombiningAccents = "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u0309\u030A\u030B\u030C\u030F\u0311\u031B\u0323\u0324\u0325\u0326\u0327\u0328\u032D\u032E\u0330\u0331";

    /// <summary>A letter lower-cased; a Latin letter with accents (é, ş, ö) as its plain ASCII letter, as <c>remove_diacritics 2</c> does.</summary>
    private static void AppendFolded(StringBuilder words, Rune rune)
    {
        var lower = Rune.ToLowerInvariant(rune);
        var at = lower.IsBmp ? AccentedLatin.IndexOf((char)lower.Value, StringComparison.Ordinal) : -1;
        if (at >= 0)
        {
            words.Append(PlainLatin[at]);
        }
        else
        {
            words.Append(lower.ToString());
        }
    }

    /// <summary>
    /// İ (which invariant lower-casing keeps), then the lower-case Latin letters (U+00C0 to U+024F, U+1E00 to U+1EFF)
    /// whose canonical decomposition is a plain ASCII letter and accents, except ǡ, which SQLite leaves as it is; <see cref="PlainLatin"/> has their plain letters at
    /// the same places. A table, because the app runs with invariant globalization, where string normalization is not
    /// available (Python's <c>unicodedata.normalize('NFD', c)</c> made it; SearchTextTests checks it against SQLite).
    /// </summary>
    private const string AccentedLatin = "İàáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";

    private const string PlainLatin = "iaaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuagkoojgnaaaeeiioorruusthaeooooyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy";

    /// <summary>
    /// About 16 words of the name or the searchable text around the first word that begins with a searched word, those
    /// words marked «like this»: a hit's snippet, the same whichever store found it.
    /// </summary>
    public static string Snippet(GraphNode node, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(node);
        var texts = new[] { node.Name }.Concat(s_snippetProperties.Select(node.GetString))
            .Concat(node.GetStrings(NodeProperties.Items)).Concat(node.GetStrings(NodeProperties.Aliases)).OfType<string>();
        foreach (var text in texts)
        {
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hit = Array.FindIndex(tokens, t => IsMatch(t, words));
            if (hit < 0)
            {
                continue;
            }

            var from = Math.Max(0, hit - 5);
            var window = tokens.Skip(from).Take(16).Select(t => IsMatch(t, words) ? $"«{t}»" : t);
            return (from > 0 ? "…" : "") + string.Join(' ', window) + (from + 16 < tokens.Length ? "…" : "");
        }

        return node.Name;
    }

    /// <summary>The node's own properties searched besides its name, items and aliases (as the stores index them).</summary>
    public static IReadOnlyList<string> SearchedProperties { get; } = ["shortName", "code", "description", "items", "aliases", "originalLabel"];

    private static readonly string[] s_snippetProperties = ["shortName", "code", "description", "originalLabel"];

    private static bool IsMatch(string token, IReadOnlyList<string> words) =>
        Normalize(token).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(word => words.Any(w => word.StartsWith(w, StringComparison.Ordinal)));
}
