using HealthGraph.Tests.Support;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Cli;

/// <summary><c>healthgraph apikey</c> prints a new key once and the settings that grant it, by its hash only.</summary>
public sealed class ApiKeyCommandTests
{
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
}
