using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Tests.Store;

/// <summary>What a change did to its subject, as its history shows it (the rule both stores apply).</summary>
public sealed class ChangeDetailsTests
{
    private static GraphNode Work(string title, params (string Key, object? Value)[] more) =>
        GraphNode.Create("w", NodeLabels.Deliverable, title, Provenance.Inferred("test"), [("title", title), .. more]);

    [Fact]
    public void ATitleThatIsAlsoTheNameIsOneChange_AndTheDatesPeriodIsLeftOut()
    {
        var details = ChangeDetails.Of(
            Work("Census", ("year", 2024L)), [],
            Work("Census, Khatlon", ("year", 2025L), ("items", new[] { "Forms", "Visits" })), []);

        Assert.Equal(
            [new FieldChange("items", null, "Forms; Visits"), new FieldChange("title", "Census", "Census, Khatlon"), new FieldChange("year", "2024", "2025")],
            details.Fields);
    }

    [Fact]
    public void LinksAreMadeOrRemoved_InTypeDirectionAndIdOrder_AndSurviveTheLogsJson()
    {
        LinkChange[] before = [new(RelationshipTypes.HasTheme, true, "a"), new(RelationshipTypes.Delivers, false, "who")];
        LinkChange[] after = [new(RelationshipTypes.HasTheme, true, "b"), new(RelationshipTypes.Delivers, false, "who"), new(RelationshipTypes.Delivers, false, "ilo")];

        var details = ChangeDetails.Of(Work("x"), before, Work("x"), after);

        Assert.Empty(details.Fields);
        Assert.Equal([new LinkChange(RelationshipTypes.Delivers, false, "ilo"), new LinkChange(RelationshipTypes.HasTheme, true, "b")], details.Added);
        Assert.Equal([new LinkChange(RelationshipTypes.HasTheme, true, "a")], details.Removed);
        Assert.Equal(details, ChangeDetails.FromJson(details.ToJson()));
    }

    [Fact]
    public void TheTypesAChangeTouchesAtItsSubjectAreRead_InBothDirections()
    {
        var change = new GraphChange(
            "alice", "updateDeliverable", "w", [],
            [new GraphRelationship(RelationshipTypes.Delivers, "who", "w", GraphRelationship.NoProperties, Provenance.Inferred("t"))],
            [new RelationshipRemoval("w", RelationshipTypes.HasTheme, Direction.Outgoing)]);

        Assert.Equal([(RelationshipTypes.Delivers, false), (RelationshipTypes.HasTheme, true)], ChangeDetails.TypesAt(change));
    }
}
