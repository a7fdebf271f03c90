using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Store.Neo4j;

public sealed class Neo4jLegTests
{
    /// <summary>The classes that share the Neo4j server are exactly those CI counts as the Neo4j leg (by their category).</summary>
    [Fact]
    public void EveryClassInTheNeo4jCollectionHasTheNeo4jCategory_AndNoOtherHasIt()
    {
        var classes = typeof(Neo4jLegTests).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract).ToList();

        var inCollection = classes.Where(t => Attributes<CollectionAttribute>(t).Any(a => Equals(a[0], Neo4jTests.Name))).Select(t => t.Name);
        var inCategory = classes.Where(t => Attributes<TraitAttribute>(t).Any(a => Equals(a[0], Neo4jTests.Category) && Equals(a[1], Neo4jTests.Name))).Select(t => t.Name);

        Assert.Contains(nameof(Neo4jGraphStoreBehaviour), inCollection);
        Assert.Equal(inCollection.Order(StringComparer.Ordinal), inCategory.Order(StringComparer.Ordinal));
    }

    /// <summary>The constructor arguments of each attribute of the type <typeparamref name="T"/> on <paramref name="type"/>.</summary>
    private static IEnumerable<object?[]> Attributes<T>(Type type) =>
        type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(T)).Select(a => a.ConstructorArguments.Select(c => c.Value).ToArray());
}
