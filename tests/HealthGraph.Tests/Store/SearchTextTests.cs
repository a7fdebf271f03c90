using System.Text.RegularExpressions;
using HealthGraph.Store;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The words search reads (<see cref="SearchText"/>) are the words SQLite's full-text index reads, so that the Neo4j
/// store, which indexes <see cref="SearchText.Normalize"/>d text, finds what the embedded store finds.
/// </summary>
public sealed partial class SearchTextTests
{
    [Theory]
    [InlineData("Tajikistan’s Ministry", "tajikistan s ministry")]
    [InlineData("Tajikistan's  Sughd-oblast", "tajikistan s sughd oblast")]
    [InlineData("Réforme de la SANTÉ", "reforme de la sante")]
    [InlineData("Re\u0301forme", "reforme")]
    [InlineData("SDG 8.3 / 3.b.1", "sdg 8 3 3 b 1")]
    [InlineData("a_b (x) «y»", "a b x y")]
    [InlineData("Душанбе, Йод", "душанбе йод")]
    [InlineData("\"*()-^ ", "")]
    public void TextIsNormalizedToItsWords(string text, string words)
    {
        Assert.Equal(words, SearchText.Normalize(text));
    }

    [Fact]
    public void AtMostSixteenWordsAreSearched()
    {
        Assert.Equal(SearchText.MaxWords, SearchText.Words(string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i}"))).Count);
    }

    /// <summary>
    /// Every character of Latin-1, Latin Extended-A and -B, the combining accents, Greek and Cyrillic, and the punctuation
    /// found in names, between two letters: SQLite's unicode61 tokenizer (remove_diacritics 2) reads the same words as
    /// <see cref="SearchText"/>, but for three letters that only NFKD would fold (ſ) or SQLite does not (Ǡ, ǡ).
    /// </summary>
    [Fact]
    public async Task SqlitesTokenizerReadsTheSameWords()
    {
        var characters = Enumerable.Range(0xC0, 0x530 - 0xC0)
            .Select(c => (char)c).Where(c => char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.OtherNotAssigned)
            .Concat("’'‘ʼʻ-_.·,;:/()«»\"!?")
            .Except("ſǠǡ")
            .Select(c => $"a{c}b")
            .ToList();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2');
                CREATE VIRTUAL TABLE words USING fts5vocab(t, 'instance');
                """;
            await create.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < characters.Count; i++)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (rowid, x) VALUES ($id, $x)";
            insert.Parameters.AddWithValue("$id", i);
            insert.Parameters.AddWithValue("$x", characters[i]);
            await insert.ExecuteNonQueryAsync();
        }

        var sqlite = new Dictionary<long, List<string>>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT doc, term FROM words ORDER BY doc, offset";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var doc = reader.GetInt64(0);
                (sqlite.TryGetValue(doc, out var terms) ? terms : sqlite[doc] = []).Add(reader.GetString(1));
            }
        }

        var differences = characters.Select((text, i) => (text, SQLite: string.Join(' ', sqlite.GetValueOrDefault(i) ?? []), Ours: SearchText.Normalize(text)))
            .Where(d => !string.Equals(d.SQLite, d.Ours, StringComparison.OrdinalIgnoreCase))
            .Select(d => $"{d.text}: SQLite '{d.SQLite}', SearchText '{d.Ours}'")
            .ToList();
        Assert.Empty(differences);
    }

    /// <summary>The SQLite schema's search_text column reads the properties <see cref="SearchText.SearchedProperties"/> names, in that order.</summary>
    [Fact]
    public void SqlitesSearchTextColumnReadsTheSearchedProperties()
    {
        var schema = File.ReadAllText(RepositoryFiles.PathOf("src", "HealthGraph", "Store", "Sqlite", "Migrations", "0001_property_graph.sql"));
        var column = schema[schema.IndexOf("search_text TEXT GENERATED", StringComparison.Ordinal)..];
        column = column[..column.IndexOf("VIRTUAL", StringComparison.Ordinal)];

        Assert.Equal(SearchText.SearchedProperties, JsonPaths().Matches(column).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex(@"'\$\.(\w+)'")]
    private static partial Regex JsonPaths();
}
