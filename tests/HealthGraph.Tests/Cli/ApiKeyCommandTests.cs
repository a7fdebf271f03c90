using System.Net.Http.Json;
using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Cli;

/// <summary>
/// <c>healthgraph apikey</c> prints a new key once and the settings that grant it, by its hash only; <c>apikey issue</c>,
/// <c>list</c> and <c>revoke</c> keep an editor's key in the store, and the API refuses it once revoked.
/// </summary>
public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-apikey-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TheCommandPrintsAKeyAndSettingsHoldingOnlyItsHash()
    {
        using var process = await HealthGraphProcess.RunAsync("apikey", "--name", "dcc-secretariat", "--role", Roles.Editor, "--index", "2");
        var lines = process.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(0, process.ExitCode);
        var key = Assert.Single(lines, l => l.StartsWith("hg_", StringComparison.Ordinal));
        Assert.Contains("Auth__ApiKeys__2__Name=dcc-secretariat", lines);
        Assert.Contains($"Auth__ApiKeys__2__Hash={ApiKeys.Hash(key)}", lines);
        Assert.Contains($"Auth__ApiKeys__2__Roles__0={Roles.Editor}", lines);
        Assert.Single(lines, l => l.Contains(key, StringComparison.Ordinal)); // the key itself appears once, never in a setting
    }

    /// <summary>The viewer as the API takes <paramref name="key"/> for: the answer's text, whatever its status.</summary>
    private static async Task<string> ViewerAsync(HealthGraphProcess api, string key)
    {
        using var http = new HttpClient { BaseAddress = api.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ viewer { name organizationIds } }" }) };
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task AnIssuedKeyIsKeptAsItsHash_Listed_AndRefusedByTheApiOnceRevoked()
    {
        var database = Path.Combine(_folder, "graph.db");
        var store = $"--Sqlite:Path={database}";
        using (var seed = await HealthGraphProcess.RunAsync("seed", store))
        {
            Assert.True(seed.ExitCode == 0, seed.Output);
        }

        using var issue = await HealthGraphProcess.RunAsync("apikey", "issue", "--name", "who-focal-point", "--organisation", "who", store);
        using var unknown = await HealthGraphProcess.RunAsync("apikey", "issue", "--name", "x-focal-point", "--organisation", "no-such-org", store);
        using var again = await HealthGraphProcess.RunAsync("apikey", "issue", "--name", "who-focal-point", "--organisation", "who", store);
        var key = Assert.Single(issue.Output.Split('\n', StringSplitOptions.TrimEntries), l => l.StartsWith("hg_", StringComparison.Ordinal));

        Assert.True(issue.ExitCode == 0, issue.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no Organization 'no-such-org'", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("there is a key named 'who-focal-point' already", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(database, System.Text.Encoding.Latin1), StringComparison.Ordinal);

        using (var api = await HealthGraphProcess.StartApiAsync(database))
        {
            var viewer = await ViewerAsync(api, key);
            Assert.Contains("\"key:who-focal-point\"", viewer, StringComparison.Ordinal);

            using var list = await HealthGraphProcess.RunAsync("apikey", "list", store);
            using var revoke = await HealthGraphProcess.RunAsync("apikey", "revoke", "--name", "who-focal-point", store);
            using var listedAfter = await HealthGraphProcess.RunAsync("apikey", "list", store);
            var refused = await ViewerAsync(api, key);

            var listed = Assert.Single(list.Output.Split('\n').Select(l => l.TrimEnd('\r')), l => l.StartsWith("who-focal-point\t", StringComparison.Ordinal)).Split('\t');
            var revokedLine = Assert.Single(listedAfter.Output.Split('\n').Select(l => l.TrimEnd('\r')), l => l.StartsWith("who-focal-point\t", StringComparison.Ordinal)).Split('\t');
            Assert.Equal(["who-focal-point", "editor", "who"], listed[..3]);
            Assert.Equal("", listed[5]);
            Assert.True(revoke.ExitCode == 0, revoke.Output);
            Assert.NotEqual("", revokedLine[5]);
            Assert.StartsWith("command:", revokedLine[6], StringComparison.Ordinal);
            Assert.Contains("'who-focal-point' was revoked", refused, StringComparison.Ordinal);
        }
    }
}
