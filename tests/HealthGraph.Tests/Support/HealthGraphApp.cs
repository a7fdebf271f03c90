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

namespace HealthGraph.Tests.Support;

/// <summary>
/// The real host over a fresh temporary SQLite store, seeded on start like a first run. The store is wrapped in a
/// counter so tests can see how many round trips a request makes.
/// </summary>
public class HealthGraphApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-api-").FullName;

    public CountingGraphStore Counter { get; private set; } = null!;

    /// <summary>Settings a test class needs besides the store's path.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>Whether to wrap the SQLite store in <see cref="Counter"/> (false for a host over another store).</summary>
    protected virtual bool CountsStoreCalls => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sqlite:Path", Path.Combine(_folder, "graph.db"));
        builder.UseSetting("GraphQL:AllowedOrigins:0", "https://explorer.example.org");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (!CountsStoreCalls)
        {
            return;
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => Counter = new CountingGraphStore(sp.GetRequiredService<HealthGraph.Store.Sqlite.SqliteGraphStore>()));
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

    /// <summary>Every GraphQL request of the tests goes out here (the place to add a credential header).</summary>
    public async Task<HttpResponseMessage> PostAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
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
