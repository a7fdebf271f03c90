using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace HealthGraph.Tests.Store.Neo4j;

/// <summary>What the fake server received: method, path, the headers the client is responsible for, and the body.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? Authorization, string? Affinity, string? Accept, string Body)
{
    private static readonly System.Text.RegularExpressions.Regex s_attempt = new("\"hgAttempt\":\"(?<id>[0-9a-f]{32})\"");

    /// <summary>The body without the attempt parameter that marks each implicit transaction (a new id per attempt).</summary>
    public string Sent => s_attempt.Replace(Body, "").Replace(",}", "}", StringComparison.Ordinal).Replace("{,", "{", StringComparison.Ordinal);

    /// <summary>The attempt's id the body carries (QueryApiClient.AttemptParameter), if any.</summary>
    public string? Attempt => s_attempt.Match(Body) is { Success: true } match ? match.Groups["id"].Value : null;
}

/// <summary>One scripted answer: the documented status, body and headers, optionally late (to provoke a timeout).</summary>
public sealed record ScriptedReply(HttpStatusCode Status, string Body, string? Affinity = null, TimeSpan Delay = default);

/// <summary>
/// Bodies the Query API answers with, as Neo4j 5.26.30 writes them (QueryApiBodyShapeTests sends the same requests to
/// the real server and checks that its answers have these shapes and statuses).
/// </summary>
public static class QueryApiBodies
{
    /// <summary>202 to a statement that returns nothing.</summary>
    public const string EmptySuccess = """{"data":{"fields":[],"values":[]},"bookmarks":["FB:kcwQm9VK4Rq3QZK147C9gUAP88kGyZA="]}""";

    /// <summary>400 to a statement that does not parse.</summary>
    public const string SyntaxError =
        """{"errors":[{"code":"Neo.ClientError.Statement.SyntaxError","message":"Invalid input 'MATC': expected a valid clause"}]}""";

    /// <summary>202 to opening a transaction (<c>POST …/tx</c>).</summary>
    public const string TransactionOpened = """{"transaction":{"id":"lyU","expires":"2024-10-22T15:48:29Z"}}""";

    /// <summary>202 to a statement in a transaction.</summary>
    public const string TransactionStatement = """{"data":{"fields":[],"values":[]},"transaction":{"id":"lyU","expires":"2024-10-22T15:48:29Z"}}""";

    /// <summary>202 to a commit (<c>POST …/tx/{id}/commit</c>).</summary>
    public const string Committed = """{"bookmarks":["FB:committed"]}""";

    /// <summary>401 to a wrong password.</summary>
    public const string Unauthorized = """{"errors":[{"code":"Neo.ClientError.Security.Unauthorized","message":"Invalid credential."}]}""";

    /// <summary>A deadlock (the real server gives it to one of two transactions that lock in opposite orders).</summary>
    public const string DeadlockDetected =
        """{"errors":[{"code":"Neo.TransientError.Transaction.DeadlockDetected","message":"ForsetiClient[1] can't acquire ExclusiveLock"}]}""";

    /// <summary>The database is stopped or recovering: a fault the test server cannot be made to show on demand.</summary>
    public const string DatabaseUnavailable =
        """{"errors":[{"code":"Neo.TransientError.General.DatabaseUnavailable","message":"Database 'neo4j' is unavailable."}]}""";
}

/// <summary>
/// A local Kestrel listener on 127.0.0.1 and a free port that answers with the Query API's bodies
/// (<see cref="QueryApiBodies"/>), in the order scripted, and records every request, so tests go through real HTTP
/// rather than a mocked handler. It is for what the real server cannot be made to show on demand: transient errors,
/// an unavailable database, a proxy's 502, refused connections, a slow answer, Aura's cluster affinity.
/// </summary>
public sealed class FakeNeo4jServer : IAsyncDisposable
{
    /// <summary>The answer once the script is used up: a successful statement with no rows.</summary>
    public const string EmptySuccess = QueryApiBodies.EmptySuccess;

    private readonly ConcurrentQueue<ScriptedReply> _replies = new();
    private readonly List<(string Statement, ScriptedReply Reply)> _repliesTo = [];
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

    /// <summary>The answer to the next request whose body holds <paramref name="statement"/>, before any other script.</summary>
    public FakeNeo4jServer ReplyTo(string statement, HttpStatusCode status, string body)
    {
        lock (_repliesTo)
        {
            _repliesTo.Add((statement, new ScriptedReply(status, body)));
        }

        return this;
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

        var reply = NextReplyTo(body) ?? (_replies.TryDequeue(out var next) ? next : new ScriptedReply(HttpStatusCode.Accepted, EmptySuccess));
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

    /// <summary>The first reply scripted for a statement this body holds (taken off the script), if any.</summary>
    private ScriptedReply? NextReplyTo(string body)
    {
        lock (_repliesTo)
        {
            var match = _repliesTo.FindIndex(r => body.Contains(r.Statement, StringComparison.Ordinal));
            if (match < 0)
            {
                return null;
            }

            var reply = _repliesTo[match].Reply;
            _repliesTo.RemoveAt(match);
            return reply;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
