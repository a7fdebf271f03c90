using HealthGraph.Store;
using Microsoft.Extensions.Configuration;

namespace HealthGraph.Tests.Store;

/// <summary>HealthGraph:Store chooses the store; SQLite is the default and a wrong value is named.</summary>
public sealed class StoreSelectionTests
{
    private static IConfiguration Settings(string? store) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [GraphStoreExtensions.StoreSetting] = store }).Build();

    [Theory]
    [InlineData(null, StoreKind.Sqlite)]
    [InlineData("", StoreKind.Sqlite)]
    [InlineData("Sqlite", StoreKind.Sqlite)]
    [InlineData("neo4j", StoreKind.Neo4j)]
    public void TheSettingChoosesTheStore(string? value, StoreKind expected) =>
        Assert.Equal(expected, GraphStoreExtensions.ConfiguredStore(Settings(value)));

    [Theory]
    [InlineData("Mongo")]
    [InlineData("1")]
    public void AnyOtherValueFailsWithAMessageNamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => GraphStoreExtensions.ConfiguredStore(Settings(value)));

        Assert.Equal($"HealthGraph:Store must be Sqlite or Neo4j (it was '{value}').", error.Message);
    }
}
