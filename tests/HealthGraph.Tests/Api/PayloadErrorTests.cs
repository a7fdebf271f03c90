using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Api;

/// <summary>
/// The edits that had only top-level errors (linkAlignment, unlinkAlignment, setDeliverableStatus, upsertDeliverable,
/// upsertOrganization) report each problem typed in their payload's errors when the request selects them, write
/// nothing, and still answer a request that does not select errors as before: a null payload and top-level errors.
/// </summary>
public sealed class PayloadErrorTests : IDisposable
{
    private readonly HealthGraphApp _app = new() { ApiKey = HealthGraphApp.EditorKey };

    public void Dispose() => _app.Dispose();

    private const string ErrorFields = """
        errors { __typename ... on UserError { code message } ... on InvalidInputError { field reason } ... on ConflictError { id } ... on NotFoundError { id } }
        """;

    private static readonly object s_reason = new { basis = "INFERRED", reason = "Recorded by the DCC secretariat." };

    /// <summary>Each mutation with an input it refuses, the entity field of its payload, and the (field, reason) of each problem.</summary>
    public static TheoryData<string, string, string, string[]> Refusals() => new()
    {
        {
            "linkAlignment", "LinkAlignmentInput", "work",
            ["input.sdgCode:UNKNOWN_SDG"]
        },
        {
            "unlinkAlignment", "UnlinkAlignmentInput", "work",
            ["input.workId:UNKNOWN_WORK"]
        },
        {
            "setDeliverableStatus", "SetDeliverableStatusInput", "deliverable",
            ["input.id:UNKNOWN_DELIVERABLE"]
        },
        {
            "upsertDeliverable", "UpsertDeliverableInput", "deliverable",
            ["input.agencyId:UNKNOWN_ORGANIZATION", "input.title:NOT_EMPTY"]
        },
        {
            "upsertOrganization", "UpsertOrganizationInput", "organization",
            ["input.id:INVALID_ID", "input.themeIds[0]:UNKNOWN_THEME"]
        },
    };

    private static object InputOf(string mutation) => mutation switch
    {
        "linkAlignment" => new { workId = "who-hwf-strategy", sdgCode = "3.99", source = s_reason },
        "unlinkAlignment" => new { workId = "no-such-work", sdgCode = "3.8" },
        "setDeliverableStatus" => new { id = "no-such-deliverable", status = "ACHIEVED" },
        "upsertDeliverable" => new { id = "dcc-new-work", agencyId = "no-such-agency", title = " ", kind = "ACTIVITY", source = s_reason },
        _ => new { id = "Not An Id", name = "A partner", kind = "NGO", themeIds = new[] { "no-such-theme" }, source = s_reason },
    };

    private Task<JsonNode> StatisticsAsync() => _app.DataAsync("{ statistics { entities { key count } relationships { key count } } changes(first: 1) { sequence } }");

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARefusedEditReportsEachProblemTypedInItsPayload_AndWritesNothing(string mutation, string inputType, string entity, string[] expected)
    {
        var before = await StatisticsAsync();

        var json = await _app.QueryAsync(
            $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ {entity} {{ __typename }} changed change {{ sequence }} {ErrorFields} }} }}",
            new { input = InputOf(mutation) });

        Assert.True(json["errors"] is null, json.ToJsonString());
        var payload = json["data"]![mutation]!;
        Assert.Equal(expected, payload["errors"]!.AsArray().Select(e => $"{e!["field"]}:{e["reason"]}").Order(StringComparer.Ordinal));
        Assert.All(payload["errors"]!.AsArray(), e =>
        {
            Assert.Equal(("InvalidInputError", "INVALID_INPUT"), ((string)e!["__typename"]!, (string)e["code"]!));
            Assert.StartsWith((string)e["field"]!, (string)e["message"]!, StringComparison.Ordinal);
        });
        Assert.Null(payload[entity]);
        Assert.Null(payload["change"]);
        Assert.False((bool)payload["changed"]!);
        Assert.Equal(before.ToJsonString(), (await StatisticsAsync()).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARequestThatDoesNotSelectErrorsGetsThemAtTheTopLevelAsBefore(string mutation, string inputType, string entity, string[] expected)
    {
        var json = await _app.QueryAsync(
            $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ changed {entity} {{ __typename }} }} }}",
            new { input = InputOf(mutation) });

        Assert.Null(json["data"]![mutation]);
        Assert.Equal(expected, json["errors"]!.AsArray().Select(e => $"{e!["extensions"]!["field"]}:{e["extensions"]!["reason"]}").Order(StringComparer.Ordinal));
        Assert.All(json["errors"]!.AsArray(), e =>
        {
            Assert.Equal("INVALID_INPUT", (string?)e!["extensions"]!["code"]);
            Assert.Equal(mutation, (string?)e["path"]![0]);
        });
    }

    [Fact]
    public async Task ErrorsSelectedUnderAnAliasOrInAFragmentCountAsSelected()
    {
        var json = await _app.QueryAsync("""
            fragment Problems on AlignmentPayload { problems: errors { ... on InvalidInputError { field } } }
            mutation { linkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "3.99", source: { basis: INFERRED, reason: "r" } }) { ...Problems } }
            """);

        Assert.True(json["errors"] is null, json.ToJsonString());
        Assert.Equal("input.sdgCode", (string?)json["data"]!["linkAlignment"]!["problems"]![0]!["field"]);
    }

    [Fact]
    public async Task AnOrganizationIdThatNamesAnotherKindOfEntityIsRefusedAtItsField()
    {
        var before = await StatisticsAsync();

        var json = await _app.QueryAsync($$"""
            mutation { upsertOrganization(input: { id: "who-hwf-strategy", name: "A partner", kind: NGO, source: { basis: INFERRED, reason: "r" } }) {
              organization { id } {{ErrorFields}} } }
            """);

        Assert.True(json["errors"] is null, json.ToJsonString());
        var error = Assert.Single(json["data"]!["upsertOrganization"]!["errors"]!.AsArray())!;
        Assert.Equal(("InvalidInputError", "input.id", "ID_TAKEN"), ((string)error["__typename"]!, (string)error["field"]!, (string)error["reason"]!));
        Assert.Equal(before.ToJsonString(), (await StatisticsAsync()).ToJsonString());
    }

    [Fact]
    public async Task AnEditCannotClaimTheDerivedBasis_WhichIsForLinksTheSoftwareComputes()
    {
        var json = await _app.QueryAsync($$"""
            mutation { linkAlignment(input: { workId: "who-hwf-strategy", sdgCode: "16.9", source: { basis: DERIVED, reason: "From a code." } }) {
              work { __typename } {{ErrorFields}} } }
            """);

        Assert.True(json["errors"] is null, json.ToJsonString());
        var error = Assert.Single(json["data"]!["linkAlignment"]!["errors"]!.AsArray())!;
        Assert.Equal(("input.source.basis", "DERIVED_NOT_EDITABLE"), ((string)error["field"]!, (string)error["reason"]!));
    }
}
