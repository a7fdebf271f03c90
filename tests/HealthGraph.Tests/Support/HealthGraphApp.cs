using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGraph.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthGraph.Tests.Support;

/// <summary>
/// The real host over a fresh temporary SQLite store, seeded on start like a first run. The store is wrapped in a
/// counter so tests can see how many round trips a request makes.
/// </summary>
public class HealthGraphApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-api-").FullName;

    /// <summary>The secretariat's API key, an administrator's (it edits everything), configured by its hash like a real one.</summary>
    public const string EditorKey = "hg_test-editor-key-0123456789abcdefghijklmnopqrstuv";

    /// <summary>A WHO focal point's key: the editor role for WHO's work only.</summary>
    public const string WhoEditorKey = "hg_test-who-editor-key-0123456789abcdefghijklmnopq";

    /// <summary>The WHO focal point key's configured name.</summary>
    public const string WhoEditorName = "who-focal-point";

    /// <summary>An API key without roles: authenticated, but not an editor.</summary>
    public const string ReaderKey = "hg_test-reader-key-0123456789abcdefghijklmnopqrstuv";

    /// <summary>The keys' configured names.</summary>
    public const string EditorName = "dcc-secretariat", ReaderName = "analytics-script";

    /// <summary>Who changes made with the editor's key are recorded as: the key, by its name (README, "Who may do what").</summary>
    public const string EditorWriter = "key:" + EditorName;

    /// <summary>The shared key test bearer tokens are signed with (see <see cref="TestTokens"/>).</summary>
    public const string JwtSigningKey = "healthgraph-tests-signing-key-of-at-least-32-characters";

    /// <summary>The store calls the host has made (its host started on first use, so a test may reset it before any request).</summary>
    public CountingGraphStore Counter => Services.GetRequiredService<CountingGraphStore>();

    private ILoggerProvider? _logging;

    /// <summary>Sends every log line, at every level, to <paramref name="provider"/> too.</summary>
    public HealthGraphApp WithLogging(ILoggerProvider provider)
    {
        _logging = provider;
        return this;
    }

    /// <summary>Settings for one test, e.g. <c>new HealthGraphApp { With = { ["GraphQL:Limits:MaxDepth"] = "3" } }</c>.</summary>
    public Dictionary<string, string> With { get; } = [];

    /// <summary>The API key <see cref="PostAsync"/> sends (none by default: an anonymous caller).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The host's environment (WebApplicationFactory's default is Development, which shows exception details).</summary>
    public string? Environment { get; init; }

    /// <summary>Settings a test class needs besides the store's path.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>Whether to wrap the SQLite store in <see cref="Counter"/> (false for a host over another store).</summary>
    protected virtual bool CountsStoreCalls => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Environment is not null)
        {
            builder.UseEnvironment(Environment);
        }

        builder.UseSetting("Sqlite:Path", Path.Combine(_folder, "graph.db"));
        builder.UseSetting("GraphQL:AllowedOrigins:0", "https://explorer.example.org");
        builder.UseSetting("GraphQL:RateLimit:Enabled", "false"); // tests share one client address; RateLimitTests turns it on
        builder.UseSetting("Auth:ApiKeys:0:Name", EditorName);
        builder.UseSetting("Auth:ApiKeys:0:Hash", HealthGraph.Web.Security.ApiKeys.Hash(EditorKey));
        builder.UseSetting("Auth:ApiKeys:0:Roles:0", HealthGraph.Web.Security.Roles.Editor);
        builder.UseSetting("Auth:ApiKeys:0:Roles:1", HealthGraph.Web.Security.Roles.Administrator);
        builder.UseSetting("Auth:ApiKeys:2:Name", WhoEditorName);
        builder.UseSetting("Auth:ApiKeys:2:Hash", HealthGraph.Web.Security.ApiKeys.Hash(WhoEditorKey));
        builder.UseSetting("Auth:ApiKeys:2:Roles:0", HealthGraph.Web.Security.Roles.Editor);
        builder.UseSetting("Auth:ApiKeys:2:Organisations:0", "who");
        builder.UseSetting("Auth:ApiKeys:1:Name", ReaderName);
        builder.UseSetting("Auth:ApiKeys:1:Hash", HealthGraph.Web.Security.ApiKeys.Hash(ReaderKey));
        builder.UseSetting("Auth:Jwt:Issuer", TestTokens.Issuer);
        builder.UseSetting("Auth:Jwt:Audience", TestTokens.Audience);
        if (!With.ContainsKey("Auth:Jwt:Authority"))
        {
            builder.UseSetting("Auth:Jwt:SigningKey", JwtSigningKey); // tokens from an identity provider, or signed with this key
        }
        foreach (var (key, value) in Settings.Concat(With))
        {
            builder.UseSetting(key, value);
        }

        if (_logging is not null)
        {
            // A rule for this provider alone outranks appsettings.json's levels (Information by default), for it only.
            var provider = _logging.GetType().FullName;
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logging)
                .Services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(provider, null, LogLevel.Trace, null))));
        }

        if (!CountsStoreCalls)
        {
            return;
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new CountingGraphStore(sp.GetRequiredService<HealthGraph.Store.Sqlite.SqliteGraphStore>()));
            services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<CountingGraphStore>());
        });
    }

    /// <summary>POSTs a GraphQL request and returns the response's JSON (asserting it is 200 OK).</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        using var response = await PostAsync(query, variables);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>POSTs a GraphQL request, asserts it has no errors and returns its data.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var json = await QueryAsync(query, variables);
        Assert.True(json["errors"] is null, json["errors"]?.ToJsonString());
        return json["data"]!;
    }

    /// <summary>Every GraphQL request of the tests goes out here, with <see cref="ApiKey"/> and any other headers.</summary>
    public async Task<HttpResponseMessage> PostAsync(
        string query, object? variables = null, string accept = "application/graphql-response+json", Action<HttpRequestHeaders>? headers = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (ApiKey is not null)
        {
            request.Headers.Add(HealthGraph.Web.Security.ApiKeyAuthenticationHandler.Header, ApiKey);
        }

        headers?.Invoke(request.Headers);
        return await client.SendAsync(request);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
