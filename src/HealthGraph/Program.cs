// `healthgraph` serves the API; its commands (seed, backup, restore, api-key, aggregates) work on the store: Cli/.
return await HealthGraph.Cli.CommandLine.Create().Parse(args).InvokeAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
