using HealthGraph.Graph;
using HealthGraph.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealthGraph.Tests.Store;

/// <summary>
/// DERIVED is for SDG alignments the software computes from codes: no node and no other relationship can carry it, in
/// memory (the one rule, <see cref="Provenance.CanBeDerived"/>) or in the embedded store's table.
/// </summary>
public sealed class DerivedBasisTests : IDisposable
{
    private static readonly Provenance s_derived = Provenance.Derived("A rule of the SDG framework.", "who-uhcp-tajikistan", "a code");

    private readonly TemporaryStore _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void OnlyAnSdgAlignmentCanBeDerived_NeitherANodeNorAnotherRelationship()
    {
        Assert.Equal(Basis.Derived, new GraphRelationship(RelationshipTypes.AlignsWith, "w", "sdg-target-16.9", GraphRelationship.NoProperties, s_derived).Provenance.Basis);
        Assert.Throws<ArgumentException>(() => new GraphRelationship(RelationshipTypes.Delivers, "who", "w", GraphRelationship.NoProperties, s_derived));
        Assert.Throws<ArgumentException>(() => new GraphNode("x", NodeLabels.Theme, "x", GraphRelationship.NoProperties, s_derived));
        var stated = new GraphNode("x", NodeLabels.Theme, "x", GraphRelationship.NoProperties, Provenance.Inferred("A curator's reason."));
        Assert.Throws<ArgumentException>(() => stated with { Provenance = s_derived });
    }

    [Fact]
    public async Task TheEmbeddedStoresTableRefusesADerivedRelationshipThatIsNotAnAlignment()
    {
        Assert.True((await _temporary.SeedAsync()).IsValid);
        await using var connection = new SqliteConnection($"Data Source={_temporary.Store.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        const string Insert = """
            INSERT INTO edge (src, type, dst, basis, created_at, updated_at, updated_by)
            VALUES ('who-hwf-strategy', @type, @dst, 'DERIVED', '2026-12-06', '2026-12-06', 'test')
            """;
        command.CommandText = Insert;
        command.Parameters.AddWithValue("@type", RelationshipTypes.HasTheme);
        command.Parameters.AddWithValue("@dst", "health-workforce");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("CHECK constraint failed", refused.Message, StringComparison.Ordinal);
        command.Parameters["@type"].Value = RelationshipTypes.AlignsWith;
        command.Parameters["@dst"].Value = "sdg-target-16.9";
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
