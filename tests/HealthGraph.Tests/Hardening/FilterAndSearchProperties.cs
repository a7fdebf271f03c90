using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// Generators of hostile filter and search inputs: arbitrary Unicode (control characters, unpaired surrogates), quotes
/// and the operators of FTS5, Lucene, SQL and Cypher, mixed with words that occur in the seed data, so that some inputs
/// match and some do not.
/// </summary>
public static partial class HostileInputs
{
    /// <summary>Runs per property: enough to find a crash, few enough to stay within seconds.</summary>
    public static Config Config { get; } = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly string[] s_words = ["health", "workforce", "WHO", "migration", "financing", "coverage", "Tajikistan", "social", "8", "3", "heal", "work", "emplo", "santé", "Здоровье"];

    private static readonly string[] s_syntax =
    [
        "\"", "'", "*", "^", "-", "+", "~", "?", ":", "\\", "/", "[", "]", "{", "}", "(", ")", ";", "%", "_", "$",
        "NEAR(a b)", "AND", "OR", "NOT", "name:", "'; DROP TABLE node; --", "}) MATCH (n) DETACH DELETE n //", "../../etc/passwd", "%00",
        "\u0000", "\u0007", "\u001b", "\ud800", "\udfff", "\u200b", "\ufeff", "é", "ﬁ", "İ", "ß", "🙂",
    ];

    /// <summary>Text from words, syntax and arbitrary strings, joined by spaces or nothing.</summary>
    public static Gen<string> Text { get; } =
        Gen.OneOf(
                Gen.Elements(s_words),
                Gen.Elements(s_syntax),
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
                ArbMap.Default.GeneratorFor<UnicodeString>().Select(s => s.Item ?? ""))
            .ListOf()
            .SelectMany(parts => Gen.Elements(" ", "").Select(separator => string.Join(separator, parts)));

    /// <summary>The filter fields the deliverables list offers.</summary>
    public static IReadOnlyList<FilterableField> Fields => DeliverableList.Definition.Filters;

    private static Gen<object> Value(FilterableField field) => field.Kind switch
    {
        FilterKind.Number => Gen.OneOf(ArbMap.Default.GeneratorFor<int>(), Gen.Elements(2015, 2017, 2019, 2020, 2021, int.MinValue, int.MaxValue)).Select(i => (object)i),
        FilterKind.Enum => Gen.Elements<object>("ON_TRACK", "CLOSED", "PRODUCT", "SERVICE", "DELAYED", "health", "'; DROP TABLE node; --"),
        FilterKind.Period => Gen.OneOf(Gen.Elements<object>("2020", "2021", "2021-06", "2021-12-31", "2022-02-29", "2021-13", "0000", "9999-12-31"), Text.Select(t => (object)t)),
        _ => Text.Select(t => (object)t),
    };

    private static Gen<string> Operator(FilterableField field) => field.Kind switch
    {
        FilterKind.Number => Gen.Elements("eq", "in", "gt", "gte", "lt", "lte"),
        FilterKind.Text => Gen.Elements("eq", "in", "contains"),
        FilterKind.Period => Gen.Elements("from", "to"),
        _ => Gen.Elements("eq", "in"),
    };

    /// <summary>A <c>where</c> input of the deliverables list, as the JSON a client sends: fields with operators, and/or/not.</summary>
    public static Gen<JsonNode> Where { get; } = Gen.Sized(size => WhereOfSize(Math.Min(size, 12)));

    private static Gen<JsonNode> WhereOfSize(int size)
    {
        var condition =
            from field in Gen.Elements(Fields.ToArray())
            from op in Operator(field)
            from values in Value(field).ListOf().Resize(4)
            select (JsonNode)new JsonObject { [field.Name] = new JsonObject { [op] = op == "in" ? new JsonArray([.. values.Select(ToJson)]) : ToJson(values.FirstOrDefault() ?? 0) } };
        if (size <= 1)
        {
            return condition;
        }

        var smaller = WhereOfSize(size / 2);
        return Gen.Frequency(
            (3, condition),
            (1, smaller.ListOf().Resize(3).Select(all => (JsonNode)new JsonObject { ["and"] = new JsonArray([.. all]) })),
            (1, smaller.ListOf().Resize(3).Select(any => (JsonNode)new JsonObject { ["or"] = new JsonArray([.. any]) })),
            (1, smaller.Select(one => (JsonNode)new JsonObject { ["not"] = one })),
            (1, Gen.Two(smaller).Select(pair => MergeObjects(pair.Item1, pair.Item2))));
    }

    private static JsonNode MergeObjects(JsonNode a, JsonNode b)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in a.AsObject().Concat(b.AsObject()))
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static JsonNode? ToJson(object value) => value switch
    {
        int i => JsonValue.Create(i),
        string s => JsonValue.Create(s),
        _ => throw new ArgumentException($"Unexpected {value.GetType()}.", nameof(value)),
    };

    /// <summary>A store filter tree over the deliverables' fields, with any operator on any field and any values.</summary>
    public static Gen<NodeFilter> StoreFilter { get; } = Gen.Sized(size => StoreFilterOfSize(Math.Min(size, 12)));

    private static Gen<NodeFilter> StoreFilterOfSize(int size)
    {
        var condition =
            from field in Gen.Elements(Fields.ToArray())
            from op in Gen.Elements(Enum.GetValues<FilterOperator>())
            from values in Gen.OneOf(Value(field), Value(Fields[0])).ListOf().Resize(4)
            select (NodeFilter)new FieldCondition(field.Field, op, [.. values.Select(v => v is int i ? (long)i : v)]);
        if (size <= 1)
        {
            return condition;
        }

        var smaller = StoreFilterOfSize(size / 2);
        return Gen.Frequency(
            (3, condition),
            (1, smaller.ListOf().Resize(3).Select(all => (NodeFilter)new AllOf([.. all]))),
            (1, smaller.ListOf().Resize(3).Select(any => (NodeFilter)new AnyOf([.. any]))),
            (1, smaller.Select(one => (NodeFilter)new NotFilter(one))));
    }

    /// <summary>
    /// A store filter tree the store must answer: each field compared by an operator its kind takes (the API's, see
    /// <see cref="Operator"/>), with values of its kind, one value except for In: mostly values the store holds
    /// (<paramref name="seed"/>), so that conditions match some work and not other, and sometimes hostile ones.
    /// </summary>
    public static Gen<NodeFilter> ValidStoreFilter(SeedValues seed) => Gen.Sized(size => ValidStoreFilterOfSize(seed, Math.Min(size, 12)));

    private static Gen<NodeFilter> ValidStoreFilterOfSize(SeedValues seed, int size)
    {
        var period =
            from days in Gen.Elements("0001-01-01", "2019-01-01", "2021-01-01", "2021-06-30", "2021-12-31", "2022-01-01", "9999-12-31").Two()
            select (NodeFilter)NodeField.ActiveBetween(
                string.CompareOrdinal(days.Item1, days.Item2) <= 0 ? days.Item1 : days.Item2, string.CompareOrdinal(days.Item1, days.Item2) <= 0 ? days.Item2 : days.Item1);
        var condition =
            from field in Gen.Elements(Fields.Where(f => f.Kind != FilterKind.Period).ToArray())
            from op in Operator(field).Select(FilterTranslator.OperatorOf)
            from values in op == FilterOperator.In ? ValueOf(seed, field).ListOf().Resize(4).Select(v => v.ToArray()) : ValueOf(seed, field).Select(v => new[] { v })
            select (NodeFilter)new FieldCondition(field.Field, op, [.. values.Select(v => v is int i ? (long)i : v)]);
        condition = Gen.Frequency((Fields.Count - 1, condition), (1, period));
        if (size <= 1)
        {
            return condition;
        }

        var smaller = ValidStoreFilterOfSize(seed, size / 2);
        return Gen.Frequency(
            (3, condition),
            (1, smaller.ListOf().Resize(3).Select(all => (NodeFilter)new AllOf([.. all]))),
            (1, smaller.ListOf().Resize(3).Select(any => (NodeFilter)new AnyOf([.. any]))),
            (1, smaller.Select(one => (NodeFilter)new NotFilter(one))));
    }

    private static Gen<object> ValueOf(SeedValues seed, FilterableField field) => Gen.Frequency(
        (1, Value(field)),
        (3, field.Kind switch
        {
            FilterKind.Number => Gen.Elements(seed.Years).Select(y => (object)y),
            FilterKind.Enum => Gen.Elements(seed.Codes).Select(c => (object)c),
            FilterKind.Text => Gen.Elements(seed.Words).Select(w => (object)w),
            _ => Gen.Elements(seed.Ids).Select(i => (object)i),
        }));

    /// <summary>Words that occur in the seed's texts, some with syntax around them, and sometimes hostile text.</summary>
    public static Gen<string> SearchText(SeedValues seed) => Gen.Frequency(
        (1, Text),
        (3, Gen.Elements(seed.Words).ListOf().Resize(3).Where(w => w.Count > 0)
            .SelectMany(words => Gen.Elements("", "\"", "*", " OR ", "-").Select(syntax => string.Join(' ', words) + syntax))));

    /// <summary>The words search looks for, as the store finds them: runs of letters and digits, the first 16.</summary>
    public static IEnumerable<string> SearchWords(string text) => Words().Matches(text).Select(m => m.Value).Take(16);

    /// <summary>
    /// A node's searchable text as FTS5's unicode61 tokenizer sees it (remove_diacritics 2): tokens of letters and
    /// digits, lower case, without diacritics.
    /// </summary>
    public static IReadOnlyList<string> Tokens(GraphNode node)
    {
        var text = string.Join(' ', new[] { node.Name }
            .Concat(new[] { "shortName", "code", "description", "originalLabel" }.Select(node.GetString))
            .Concat(node.GetStrings("items"))
            .Concat(node.GetStrings("aliases"))
            .OfType<string>());
        return [.. Words().Matches(Fold(text)).Select(m => m.Value)];
    }

    /// <summary>Lower case without diacritics.</summary>
    public static string Fold(string text) =>
        new([.. text.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).Select(char.ToLowerInvariant)]);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();

    [GeneratedRegex("^[a-z0-9]+$")]
    public static partial Regex AsciiWord();
}

/// <summary>Values the seeded store holds, for generators whose cases must match something: ids, codes, years, words.</summary>
public sealed record SeedValues(string[] Ids, string[] Codes, int[] Years, string[] Words)
{
    public static SeedValues Of(IGraphStore store)
    {
        var nodes = NodeLabels.All.SelectMany(label => store.ListNodesAsync(new NodeListQuery(label)).GetAwaiter().GetResult().Nodes).ToList();
        var deliverables = nodes.Where(n => n.Label == NodeLabels.Deliverable).ToList();
        return new SeedValues(
            [.. nodes.Where(n => n.Label != NodeLabels.Deliverable).Select(n => n.Id).Concat(Enumerable.Range(1, 17).Select(g => g.ToString(CultureInfo.InvariantCulture)))],
            [.. deliverables.SelectMany(d => new[] { d.GetString("status"), d.GetString("kind") }).OfType<string>().Distinct()],
            [.. deliverables.Select(d => d.GetInt64("year")).OfType<long>().Select(y => (int)y).Distinct()],
            [.. deliverables.SelectMany(d => HostileInputs.Tokens(d)).Where(t => t.Length >= 4 && HostileInputs.AsciiWord().IsMatch(t)).Distinct()]);
    }
}

/// <summary>Properties of the store's search and list queries, against the real SQLite store with the seed data.</summary>
public sealed class StoreFilterAndSearchProperties(SeededStore seeded) : IClassFixture<SeededStore>
{
    [Fact]
    public Task SearchAnswersAnyText_AndEveryHitHoldsEveryAsciiWord_TheLastAsAPrefix() => Task.Run(() =>
    {
        var found = 0;
        Prop.ForAll(HostileInputs.SearchText(SeedValues.Of(seeded.Store)).ToArbitrary(), text =>
        {
            var hits = seeded.Store.SearchAsync(new SearchQuery(text, null, 100)).GetAwaiter().GetResult();
            if (hits.Count > 0)
            {
                Interlocked.Increment(ref found);
            }

            var words = HostileInputs.SearchWords(text).Select(HostileInputs.Fold).ToList();
            var checkable = words.Select((word, i) => (Word: word, IsPrefix: i == words.Count - 1)).Where(w => HostileInputs.AsciiWord().IsMatch(w.Word)).ToList();
            return hits.Count <= 100
                && hits.Select(h => h.Node.Id).Distinct().Count() == hits.Count
                && hits.All(hit => checkable.All(w => HostileInputs.Tokens(hit.Node).Any(token =>
                    w.IsPrefix ? token.StartsWith(w.Word, StringComparison.Ordinal) : token == w.Word)));
        }).Check(HostileInputs.Config.WithMaxTest(500));

        // Not vacuous: every hit is checked, so enough of the texts must find something (132 to 151 of 500 in six runs).
        Assert.True(found >= 60, $"only {found} of the texts found anything");
    });

    /// <summary>A node is found by any of its words, whole or as a prefix of three letters or more (what a search box sends).</summary>
    [Fact]
    public Task EveryNodeIsFoundByEachOfItsWords_WholeOrAsAPrefix() => Task.Run(() =>
    {
        var nodes = NodeLabels.All.SelectMany(label => seeded.Store.ListNodesAsync(new NodeListQuery(label)).GetAwaiter().GetResult().Nodes)
            .Select(n => (Node: n, Words: HostileInputs.Tokens(n).Where(t => t.Length >= 3 && HostileInputs.AsciiWord().IsMatch(t)).ToArray()))
            .Where(n => n.Words.Length > 0)
            .ToArray();
        var cases =
            from node in Gen.Elements(nodes)
            from word in Gen.Elements(node.Words)
            from length in Gen.Choose(3, word.Length)
            select (node.Node, Prefix: word[..length]);
        Prop.ForAll(cases.ToArbitrary(), c =>
            seeded.Store.SearchAsync(new SearchQuery(c.Prefix, [c.Node.Label], 1_000)).GetAwaiter().GetResult().Any(h => h.Node.Id == c.Node.Id)
                .Label($"{c.Node.Id} by '{c.Prefix}'"))
            .Check(HostileInputs.Config);
    });

    [Fact]
    public Task SearchForTextWithoutWordsFindsNothing() => Task.Run(() =>
        Prop.ForAll(HostileInputs.Text.Select(t => new string([.. t.Where(c => !char.IsLetterOrDigit(c))])).ToArbitrary(), text =>
            seeded.Store.SearchAsync(new SearchQuery(text, null, 100)).GetAwaiter().GetResult().Count == 0)
        .Check(HostileInputs.Config));

    /// <summary>
    /// Every valid filter tree is answered, and NOT is its complement; and the cases are not vacuous: a share of them
    /// split the deliverables (some match, some do not): 56 to 78 of 500 in six runs, so at least 25 are required.
    /// </summary>
    [Fact]
    public Task AnyValidFilterTreeIsAnswered_AndItsNegationIsTheComplement() => Task.Run(() =>
    {
        var all = Count(null);
        var splitting = 0;
        Prop.ForAll(HostileInputs.ValidStoreFilter(SeedValues.Of(seeded.Store)).ToArbitrary(), filter =>
        {
            var matching = Count(filter);
            var notMatching = Count(new NotFilter(filter));
            if (matching > 0 && notMatching > 0)
            {
                Interlocked.Increment(ref splitting);
            }

            return matching + notMatching == all
                && Count(new AllOf([filter, new NotFilter(filter)])) == 0
                && Count(new AnyOf([filter, new NotFilter(filter)])) == all;
        }).Check(HostileInputs.Config.WithMaxTest(500));
        Assert.True(splitting >= 25, $"only {splitting} of the cases split the deliverables");
    });

    /// <summary>
    /// Any filter tree at all (any operator on any field, values of any kind) is answered as above or refused with the
    /// store's documented ArgumentException (a field of ids compared other than by equality, Contains with a number, a
    /// comparison with several values), never with another failure.
    /// </summary>
    [Fact]
    public Task AnyFilterTreeIsAnsweredWithItsComplementOrRefusedAsAnArgument() => Task.Run(() =>
    {
        var all = Count(null);
        Prop.ForAll(HostileInputs.StoreFilter.ToArbitrary(), filter =>
        {
            try
            {
                return Count(filter) + Count(new NotFilter(filter)) == all;
            }
            catch (ArgumentException)
            {
                return true;
            }
        }).Check(HostileInputs.Config);
    });

    private long Count(NodeFilter? filter) =>
        seeded.Store.ListNodesAsync(new NodeListQuery(NodeLabels.Deliverable, filter, First: 0)).GetAwaiter().GetResult().TotalCount;
}

/// <summary>Properties of the API's search and list filters through the real host: an answer or a validation error, never a server error.</summary>
public sealed class ApiFilterAndSearchProperties(HealthGraphApp app) : IClassFixture<HealthGraphApp>
{
    private static readonly HashSet<string> s_validationCodes = ["INVALID_INPUT", "INVALID_VALUE", "ARGUMENTS_OF_CORRECT_TYPE", "BAD_REQUEST"];

    [Fact]
    public Task AnyWhereIsAnsweredOrRefusedWithAValidationError() => Task.Run(() =>
        Prop.ForAll(HostileInputs.Where.ToArbitrary(), where =>
        {
            var (status, body) = Post("query($w: DeliverableFilter) { deliverables(where: $w, first: 100) { totalCount edges { node { id } } } }", new JsonObject { ["w"] = where });
            return IsAnswerOrValidationError(status, body)
                && (body["errors"] is not null || (int)body["data"]!["deliverables"]!["totalCount"]! >= body["data"]!["deliverables"]!["edges"]!.AsArray().Count);
        }).Label("where").Check(HostileInputs.Config));

    [Fact]
    public Task AnySearchTextIsAnswered_WithWhatTheStoreFinds() => Task.Run(() =>
    {
        var store = app.Services.GetRequiredService<IGraphStore>();
        Prop.ForAll(HostileInputs.Text.Where(t => t.Length <= 500 && !HasUnpairedSurrogate(t)).ToArbitrary(), text =>
        {
            var (status, body) = Post("query($t: String!) { search(text: $t, first: 100) { entity { id } } }", new JsonObject { ["t"] = text });
            var expected = store.SearchAsync(new SearchQuery(text, null, 100)).GetAwaiter().GetResult().Select(h => h.Node.Id);
            return status == HttpStatusCode.OK
                && body["errors"] is null
                && body["data"]!["search"]!.AsArray().Select(h => (string)h!["entity"]!["id"]!).SequenceEqual(expected);
        }).Check(HostileInputs.Config);
    });

    [Fact]
    public Task TextWithUnpairedSurrogatesIsRefusedAsNotUnicode() => Task.Run(() =>
        Prop.ForAll(HostileInputs.Text.Where(HasUnpairedSurrogate).ToArbitrary(), text =>
        {
            var (status, body) = Post("query($t: String!) { search(text: $t) { entity { id } } }", new JsonObject { ["t"] = text });
            return status == HttpStatusCode.BadRequest
                && (string?)body["errors"]![0]!["extensions"]!["code"] == "BAD_REQUEST"
                && ((string?)body["errors"]![0]!["message"])!.Contains("is not Unicode text", StringComparison.Ordinal);
        }).Check(HostileInputs.Config.WithMaxTest(50)));

    private static bool IsAnswerOrValidationError(HttpStatusCode status, JsonNode body) =>
        (status, body["errors"]?.AsArray()) switch
        {
            (HttpStatusCode.OK, null) => body["data"] is not null,
            (HttpStatusCode.OK or HttpStatusCode.BadRequest, { } errors) => errors.All(e => s_validationCodes.Contains((string?)e!["extensions"]?["code"] ?? "")),
            _ => false,
        };

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>POSTs with the variables written by hand: System.Text.Json would replace an unpaired surrogate rather than send it.</summary>
    private (HttpStatusCode Status, JsonNode Body) Post(string query, JsonObject variables)
    {
        var body = $$"""{"query":{{JsonEscaped(query)}},"variables":{{Json(variables)}}}""";
        using var client = app.CreateClient();
        using var content = new StringContent(body, new UTF8Encoding(false, false), "application/json");
        client.DefaultRequestHeaders.Add("Accept", "application/graphql-response+json");
        using var response = client.PostAsync("/graphql", content).GetAwaiter().GetResult();
        return (response.StatusCode, JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult())!);
    }

    private static string Json(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(',', o.Select(p => $"{JsonEscaped(p.Key)}:{Json(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(',', a.Select(Json)) + "]",
        JsonValue v when v.TryGetValue<string>(out var s) => JsonEscaped(s),
        _ => node.ToJsonString(),
    };

    /// <summary>A JSON string literal with every non-ASCII or control character as a \u escape (surrogates one by one).</summary>
    private static string JsonEscaped(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            literal.Append(c is '"' or '\\' ? $"\\{c}" : c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return literal.Append('"').ToString();
    }
}
