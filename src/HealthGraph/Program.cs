using System.CommandLine;
using HealthGraph.Api;
using HealthGraph.Api.Exports;
using HealthGraph.Explorer;
using HealthGraph.Hosting;
using HealthGraph.Seeding;
using HealthGraph.Store;

// `healthgraph` serves the API; `healthgraph seed` loads the curated data. Both use the same store registration.
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
    builder.AddSecurityHeaders();
    builder.AddGraphStore();
    builder.AddSeedOnFirstRun();
    builder.AddHealthGraphHealthChecks();
    builder.AddHealthGraphApi();
    builder.AddExplorer();

    var app = builder.Build();
    app.UseSecurityHeaders();
    app.MapHealthGraphHealthChecks();
    app.MapHealthGraphApi();
    app.MapHealthGraphExports();
    app.MapExplorer();
    await app.RunAsync(cancellationToken);
});

return await root.Parse(args).InvokeAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
