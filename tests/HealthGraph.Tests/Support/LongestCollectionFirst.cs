using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("HealthGraph.Tests.Support.LongestCollectionFirst", "HealthGraph.Tests")]

namespace HealthGraph.Tests.Support;

/// <summary>
/// Starts the Neo4j collection before the others. Its tests take turns on one database and together take longer than
/// all the other collections, which run beside it on the remaining threads; started last, it would run alone at the end.
/// The others keep xunit's own order.
/// </summary>
public sealed class LongestCollectionFirst : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections).OrderBy(collection => collection.DisplayName == Neo4jTests.Name ? 0 : 1);
}
