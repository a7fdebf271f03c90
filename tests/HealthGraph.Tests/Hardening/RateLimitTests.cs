using System.Net;
using System.Text.Json.Nodes;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Hardening;

/// <summary>One token bucket per client: over it, 429 with Retry-After and a GraphQL error; other clients are not affected.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task AClientOverItsLimitGets429WithRetryAfter_WhileAnotherClientIsServed()
    {
        using var app = new HealthGraphApp
        {
            With = { ["GraphQL:RateLimit:Enabled"] = "true", ["GraphQL:RateLimit:Burst"] = "3", ["GraphQL:RateLimit:PermitsPerSecond"] = "1" },
        };
        const string query = "{ statistics { entityCount } }";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await app.PostAsync(query);
            statuses.Add(allowed.StatusCode);
        }

        // The bucket gains a token a second, so on a slow machine the burst may have been partly refilled by now: the
        // client keeps asking until it is refused, which at one token a second comes within a few requests.
        var limited = await app.PostAsync(query);
        for (var extra = 0; limited.StatusCode == HttpStatusCode.OK && extra < 20; extra++)
        {
            limited.Dispose();
            limited = await app.PostAsync(query);
        }

        using var refused = limited;
        using var otherClient = await app.PostAsync(query, headers: h => h.Add(HealthGraph.Web.Security.ApiKeyAuthenticationHandler.Header, HealthGraphApp.ReaderKey));
        var body = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 5);
        Assert.Equal("RATE_LIMITED", (string?)body["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task AnExportOverTheClientsLimit_IsA429ProblemWithRetryAfter()
    {
        using var app = new HealthGraphApp
        {
            With = { ["GraphQL:RateLimit:Enabled"] = "true", ["GraphQL:RateLimit:Burst"] = "3", ["GraphQL:RateLimit:PermitsPerSecond"] = "1" },
        };
        using var client = app.CreateClient();

        // The bucket is the one /graphql uses; exports are refused once it is spent (at one token a second, within a few requests).
        for (var i = 0; i < 3; i++)
        {
            using var graphql = await app.PostAsync("{ statistics { entityCount } }");
        }

        var limited = await client.GetAsync("/export/coverage.csv?goal=3");
        for (var extra = 0; limited.StatusCode == HttpStatusCode.OK && extra < 20; extra++)
        {
            limited.Dispose();
            limited = await client.GetAsync("/export/coverage.csv?goal=3");
        }

        using var refused = limited;
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (int)problem["status"]!);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 5);
    }
}
