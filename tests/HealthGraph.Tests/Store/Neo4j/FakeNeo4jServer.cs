using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>What the fake server received: method, path, the headers the client is responsible for, and the body.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? Authorization, string? Affinity, string? Accept, string Body);

/// <summary>One scripted answer: the documented status, body and headers, optionally late (to provoke a timeout).</summary>
public sealed record ScriptedReply(HttpStatusCode Status, string Body, string? Affinity = null, TimeSpan Delay = default);

/// <summary>
/// A local Kestrel listener on 127.0.0.1 and a free port that answers with the Query API's documented bodies, in
/// the order scripted, and records every request, so tests go through real HTTP rather than a mocked handler.
/// </summary>
public sealed class FakeNeo4jServer : IAsyncDisposable
{
    /// <summary>The answer once the script is used up: a successful statement with no rows.</summary>
    public const string EmptySuccess = """{"data":{"fields":[],"values":[]},"bookmarks":[]}""";

    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private WebApplication _app = null!;

    private FakeNeo4jServer()
    {
    }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>The address, the same across <see cref="StopAsync"/> and <see cref="RestartAsync"/>.</summary>
    public Uri Uri { get; private set; } = null!;

    public static async Task<FakeNeo4jServer> StartAsync()
    {
        var server = new FakeNeo4jServer();
        await server.ListenAsync(port: 0);
        server.Uri = new Uri(server._app.Urls.First());
        return server;
    }

    /// <summary>Stops listening, as a Neo4j that is down: connections to <see cref="Uri"/> are refused.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Listens again on the same address, as a Neo4j that is back (the script and the record go on).</summary>
    public Task RestartAsync() => ListenAsync(Uri.Port);

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.Run(AnswerAsync);
        await _app.StartAsync();
    }

    public FakeNeo4jServer Reply(HttpStatusCode status, string body, string? affinity = null, TimeSpan delay = default)
    {
        _replies.Enqueue(new ScriptedReply(status, body, affinity, delay));
        return this;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers;
        Received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            headers.Authorization.FirstOrDefault(),
            headers["neo4j-cluster-affinity"].FirstOrDefault(),
            headers.Accept.FirstOrDefault(),
            body));

        var reply = _replies.TryDequeue(out var next) ? next : new ScriptedReply(HttpStatusCode.Accepted, EmptySuccess);
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = (int)reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.Affinity is not null)
        {
            context.Response.Headers["neo4j-cluster-affinity"] = reply.Affinity;
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
