using System.Net;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;
using Microsoft.Extensions.Logging;

namespace HealthGraph.Tests.Hardening;

/// <summary>
/// Requests graphql-dotnet accepts and then cannot run (it throws) are the caller's mistakes, refused while the
/// document is validated: 400 with graphql-response+json (200 with application/json, as for any invalid document),
/// a message that says what to do and a stable code; logged at debug level, never as a failure of the server. So is a
/// body that Kestrel cannot read.
/// </summary>
public sealed class ClientMistakeTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly HealthGraphApp _app;

    public ClientMistakeTests() => _app = new HealthGraphApp().WithLogging(_logs);

    public void Dispose() => _app.Dispose();

    public static TheoryData<string, object?, string, string> Mistakes => new()
    {
        { "subscription { statistics }", null, "OPERATION_NOT_SUPPORTED", "This API has no subscriptions" },
        { "subscription Changes { changes { sequence } }", null, "OPERATION_NOT_SUPPORTED", "This API has no subscriptions" },
        { """{ __type(name: "") { name } }""", null, "INVALID_INPUT", "__type(name:) needs the name of a type" },
        { "query($name: String!) { __type(name: $name) { name } }", new { name = "" }, "INVALID_INPUT", "__type(name:) needs the name of a type" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task AMistakeIsA400WithItsCode_LoggedAtDebugLevelOnly(string query, object? variables, string code, string message)
    {
        using var response = await _app.PostAsync(query, variables);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(body["data"]);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal(code, (string?)error["extensions"]!["code"]);
        Assert.StartsWith(message, (string?)error["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACachedDocumentIsCheckedForAnEmptyTypeName_WhateverItsVariablesWereBefore()
    {
        const string query = "query($name: String!) { __type(name: $name) { name } }";

        var named = await _app.DataAsync(query, new { name = "Deliverable" });
        using var empty = await _app.PostAsync(query, new { name = "" }); // the same text: its parsed document is cached now
        var body = JsonNode.Parse(await empty.Content.ReadAsStringAsync())!;

        Assert.Equal("Deliverable", (string?)named["__type"]!["name"]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("INVALID_INPUT", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task WithPlainJsonTheMistakeIsA200WithTheSameError()
    {
        using var response = await _app.PostAsync("subscription { statistics }", accept: "application/json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OPERATION_NOT_SUPPORTED", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task AMalformedChunkedBodyIsA400WithItsCode_NotAnUnhandledError()
    {
        var logs = new CapturingLoggerProvider();
        using var kestrel = new KestrelHealthGraphApp();
        kestrel.WithLogging(logs);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(kestrel.Address.Host, kestrel.Address.Port);
        var stream = tcp.GetStream();

        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n"));
        var response = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"BAD_REQUEST_BODY\"", response, StringComparison.Ordinal);
        Assert.Contains("Bad chunk size data", response, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ATypeThatDoesNotExistIsStillNull_NotAMistake()
    {
        var data = await _app.DataAsync("""{ missing: __type(name: "NoSuchType") { name } blank: __type(name: " ") { name } }""");

        Assert.Null(data["missing"]);
        Assert.Null(data["blank"]);
    }
}
