using System.Text.RegularExpressions;
using HealthGraph.Cli;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Cli;

/// <summary><c>healthgraph aggregates check</c> and <c>rebuild</c> as an operator runs them: the built executable on a seeded store.</summary>
public sealed class AggregateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthgraph-aggregates-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TheCheckSaysWhatIsWrong_AndTheRebuildRepairsIt()
    {
        var database = Path.Combine(_folder, "graph.db");
        using (var seed = await HealthGraphProcess.RunAsync("seed", $"--Sqlite:Path={database}"))
        {
            Assert.True(seed.ExitCode == 0, seed.Output);
        }

        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO agency_item VALUES ('who', 'GOAL', 'not-an-item', 1, 0, 0)";
            await command.ExecuteNonQueryAsync();
        }

        using var check = await HealthGraphProcess.RunAsync("aggregates", "check", $"--Sqlite:Path={database}");
        using var rebuild = await HealthGraphProcess.RunAsync("aggregates", "rebuild", $"--Sqlite:Path={database}");
        using var again = await HealthGraphProcess.RunAsync("aggregates", "check", $"--Sqlite:Path={database}");

        Assert.True(check.ExitCode == AggregateCommands.Inexact, check.Output);
        Assert.Contains("who GOAL not-an-item: stored 1 stated, 0 inferred, 0 derived, recomputed none", OneLine(check.Output), StringComparison.Ordinal);
        Assert.True(rebuild.ExitCode == 0, rebuild.Output);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Exact:", again.Output, StringComparison.Ordinal);
    }

    /// <summary>The output with its line breaks (the console wraps at 80 columns when redirected) as single spaces.</summary>
    private static string OneLine(string output) => Regex.Replace(output, @"\s+", " ");
}
