using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// With introspection off the schema is private, and validation errors must not give it away: a message names only
/// what the caller wrote (no "Did you mean ...?", no required field or argument it left out, no type it did not name),
/// while the error keeps its code and location.
/// </summary>
public sealed partial class SchemaPrivacyTests : IDisposable
{
    private readonly HealthGraphApp _private = new() { ApiKey = HealthGraphApp.EditorKey, With = { ["GraphQL:Introspection"] = "false" } };

    public void Dispose() => _private.Dispose();

    public static TheoryData<string, string, string, object?> Mistakes => new()
    {
        { "a misspelt field", """{ agenc(id: "who") { id } }""", "FIELDS_ON_CORRECT_TYPE", null },
        { "a misspelt argument", """{ agency(idd: "who") { id } }""", "KNOWN_ARGUMENT_NAMES", null },
        { "a misspelt enum value", "{ deliverables(where: { status: { eq: ONTRACK } }) { totalCount } }", "ARGUMENTS_OF_CORRECT_TYPE", null },
        { "an object without a selection", """{ agency(id: "who") }""", "SCALAR_LEAFS", null },
        { "a misspelt input field", """mutation { upsertDeliverable(input: { id: "x", agencyId: "who", titel: "t", kind: ACTIVITY }) { created } }""", "ARGUMENTS_OF_CORRECT_TYPE", null },
        { "a variable of the wrong type", """query($id: Int) { agency(id: $id) { id } }""", "VARIABLES_IN_ALLOWED_POSITION", null },
        {
            "a misspelt field in a variable's input",
            "mutation($input: UpsertDeliverableInput!) { upsertDeliverable(input: $input) { created } }",
            "INVALID_VALUE",
            new { input = new { id = "x", agencyId = "who", titel = "t", kind = "ACTIVITY" } }
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task AMistakesMessageNamesOnlyWhatTheCallerWrote_AndKeepsItsCode(string mistake, string query, string code, object? variables)
    {
        using var response = await _private.PostAsync(query, variables);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(code, errors.Select(e => (string?)e!["extensions"]!["code"]));
        var written = NamesIn(query).Concat(variables is null ? [] : NamesIn(System.Text.Json.JsonSerializer.Serialize(variables))).ToHashSet();
        foreach (var message in errors.Select(e => (string)e!["message"]!))
        {
            Assert.DoesNotContain("Did you mean", message, StringComparison.Ordinal);
            Assert.All(Quoted().Matches(message), m => Assert.True(written.Contains(m.Groups["name"].Value), $"{mistake}: '{m.Groups["name"].Value}' in \"{message}\" was not written by the caller"));
        }

        Assert.All(errors, e => Assert.NotNull(e!["locations"]));
    }

    [Fact]
    public async Task WithIntrospectionOn_MessagesStillSuggestWhatWasMeant()
    {
        using var open = new HealthGraphApp();

        using var response = await open.PostAsync("""{ agenc(id: "who") { id } }""");
        var message = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["message"];

        Assert.Contains("Did you mean 'agency'?", message, StringComparison.Ordinal);
    }

    /// <summary>Every name and variable in a GraphQL document, or every property name and string in JSON.</summary>
    private static IEnumerable<string> NamesIn(string text) =>
        Word().Matches(text).Select(m => m.Value).SelectMany(w => new[] { w, w.TrimStart('$') });

    [GeneratedRegex(@"\$?[_A-Za-z][_0-9A-Za-z]*")]
    private static partial Regex Word();

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex Quoted();
}
