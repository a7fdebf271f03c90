using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using HealthGraph.Store.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// The SQLite store reads a row's properties lazily, straight from UTF-8 (<see cref="StoredProperties"/>); it must give
/// the same map as reading the JSON into a document, for any JSON object a row may hold: canonical or not, with
/// duplicate keys, escapes, numbers that are not longs and values that are not scalars.
/// </summary>
public sealed class StoredPropertiesTests
{
    private static readonly string[] s_keys = ["", "a", "aa", "b", "Z", "year", "title", "é", "ß", "🙂", "a\"b", "line\nbreak", "\u0000"];

    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Any text JSON can hold (well-formed UTF-16: the store only ever holds UTF-8).</summary>
    private static readonly Gen<string> s_text = Gen.OneOf(
        Gen.Elements(s_keys),
        ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
        ArbMap.Default.GeneratorFor<UnicodeString>().Select(s => s.Item ?? "")).Where(WellFormed);

    private static bool WellFormed(string text)
    {
        try
        {
            s_strict.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A writer of one JSON value: every kind a stored map may hold, and some it should not.</summary>
    private static Gen<Action<Utf8JsonWriter>> Value(int depth)
    {
        var scalars = Any(
            s_text.Select(s => (Action<Utf8JsonWriter>)(w => w.WriteStringValue(s))),
            Gen.OneOf(Gen.Choose(-100_000, 100_000).Select(i => (long)i), Gen.Elements(long.MinValue, long.MaxValue, 0L))
                .Select(l => (Action<Utf8JsonWriter>)(w => w.WriteNumberValue(l))),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(d => (Action<Utf8JsonWriter>)(w => w.WriteNumberValue(d.Item))),
            Gen.Elements(0.5m, 1e20m, -0.0m, 12.000m).Select(d => (Action<Utf8JsonWriter>)(w => w.WriteNumberValue(d))),
            ArbMap.Default.GeneratorFor<bool>().Select(b => (Action<Utf8JsonWriter>)(w => w.WriteBooleanValue(b))),
            Gen.Constant((Action<Utf8JsonWriter>)(w => w.WriteNullValue())));
        if (depth == 0)
        {
            return scalars;
        }

        var list = Value(depth - 1).ListOf().Resize(4).Select(items => (Action<Utf8JsonWriter>)(w =>
        {
            w.WriteStartArray();
            foreach (var item in items)
            {
                item(w);
            }

            w.WriteEndArray();
        }));
        var stringList = s_text.ListOf().Resize(4).Select(items => (Action<Utf8JsonWriter>)(w =>
        {
            w.WriteStartArray();
            foreach (var item in items)
            {
                w.WriteStringValue(item);
            }

            w.WriteEndArray();
        }));
        return Gen.Frequency((6, scalars), (3, stringList), (1, list), (1, Object(depth - 1)));
    }

    /// <summary>One of the generators, each as likely.</summary>
    private static Gen<T> Any<T>(params Gen<T>[] generators) => Gen.Choose(0, generators.Length - 1).SelectMany(i => generators[i]);

    private static Gen<Action<Utf8JsonWriter>> Object(int depth) =>
        Gen.Zip(s_text, Value(depth)).ListOf().Resize(8).Select(members => (Action<Utf8JsonWriter>)(w =>
        {
            w.WriteStartObject();
            foreach (var (key, value) in members)
            {
                w.WritePropertyName(key);
                value(w);
            }

            w.WriteEndObject();
        }));

    private static Gen<byte[]> Json(bool canonical) => Object(2).Select(write =>
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = !canonical }))
        {
            write(writer);
        }

        var json = buffer.ToArray();
        return canonical ? Encoding.UTF8.GetBytes(SqliteRows.SerializeProperties(Reference(json))) : json;
    });

    [Fact]
    public void AnyStoredObjectReadsAsTheMapItsJsonDocumentGives() =>
        Prop.ForAll(Gen.Elements(true, false).SelectMany(Json).ToArbitrary(), json => AssertSameMap(Reference(json), StoredProperties.FromUtf8(json)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Fact]
    public void AKeyGivenTwiceReadsAsItsLastValueAndKeysComeInOrdinalOrder()
    {
        var properties = StoredProperties.FromUtf8("""{"year":2019,"title":"first","Title":"upper","title":"last"}"""u8.ToArray());

        Assert.Equal(["Title", "title", "year"], properties.Keys);
        Assert.Equal("last", properties["title"]);
        Assert.Equal(2019L, properties["year"]);
        Assert.False(properties.ContainsKey("TITLE"));
    }

    [Fact]
    public void AnEmptyObjectHasNoProperties()
    {
        var properties = StoredProperties.FromUtf8("{}"u8.ToArray());

        Assert.Empty(properties);
        Assert.False(properties.TryGetValue("title", out _));
    }

    [Fact]
    public void ThreadsReadingOneMapAtOnceAllSeeItWhole()
    {
        var json = Encoding.UTF8.GetBytes(SqliteRows.SerializeProperties(Enumerable.Range(0, 200).ToDictionary(i => $"k{i:D3}", i => (object?)(long)i)));
        for (var round = 0; round < 50; round++)
        {
            var properties = StoredProperties.FromUtf8(json);
            Parallel.For(0, 8, i => Assert.Equal((long)(i * 25), properties[$"k{i * 25:D3}"]));
            Assert.Equal(200, properties.Count);
        }
    }

    private static void AssertSameMap(IReadOnlyDictionary<string, object?> expected, IReadOnlyDictionary<string, object?> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var read), key);
            Assert.Equal(value, read);
            Assert.Equal(value, actual[key]);
        }

        Assert.False(actual.ContainsKey("\uffff not a key"));
    }

    /// <summary>What the store read before properties were read lazily: the JSON into a document, then into a sorted map.</summary>
    private static SortedDictionary<string, object?> Reference(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.TryGetInt64(out var l) ? (object)l : property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Array => property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }

        return map;
    }
}
