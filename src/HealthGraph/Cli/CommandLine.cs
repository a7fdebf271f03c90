using System.CommandLine;
using HealthGraph.Store;
using HealthGraph.Web;

namespace HealthGraph.Cli;

/// <summary>
/// The <c>healthgraph</c> command line: with no command it serves the API (the store, the seed on a first run, the HTTP
/// surface); <c>seed</c>, <c>backup</c>, <c>restore</c>, <c>api-key</c> and <c>aggregates</c> work on the store through
/// <see cref="CommandHost"/>. Settings such as <c>--urls</c> or <c>--Sqlite:Path=FILE</c> pass through to the host.
/// </summary>
public static class CommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("HealthGraph: who does what in development cooperation, as a GraphQL knowledge graph")
        {
            SeedCommand.Create(),
            BackupCommands.Backup(),
            BackupCommands.Restore(),
            ApiKeyCommand.Create(),
            AggregateCommands.Create(),
        };
        root.TreatUnmatchedTokensAsErrors = false; // host settings such as --urls pass through to ASP.NET Core
        root.SetAction(async (parse, cancellationToken) =>
        {
            var builder = WebApplication.CreateBuilder([.. parse.UnmatchedTokens]);
            builder.AddGraphStore();
            builder.AddSeedOnFirstRun();
            builder.AddHealthGraphWeb();

            var app = builder.Build();
            app.MapHealthGraphWeb();
            await app.RunAsync(cancellationToken);
        });
        return root;
    }
}
