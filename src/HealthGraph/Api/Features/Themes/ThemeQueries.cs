using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Themes;

/// <summary>What the themes list can be filtered and ordered by.</summary>
public sealed class ThemeList : IListDefinition
{
    public static NodeListDefinition Definition { get; } = new(
        "Theme",
        NodeLabels.Theme,
        [
            new("id", "The theme's id.", NodeField.Id, FilterKind.Id),
            new("name", "Its name.", NodeField.Name, FilterKind.Text),
            new("originalLabel", "Its label in the source's language.", NodeField.Property(NodeProperties.OriginalLabel), FilterKind.Text),
            new("language", "The language of the original label.", NodeField.Property("language"), FilterKind.Text),
        ],
        [
            new("ID", "The id.", NodeField.Id),
            new("NAME", "The name.", NodeField.Name),
        ]);
}

public static class ThemeQueries
{
    public static void AddThemeQueries(this ObjectGraphType query)
    {
        query.AddList<ThemeList, ThemeType>("themes", "The themes organizations and work are tagged with.");
        query.AddLookup<ThemeType>("theme", NodeLabels.Theme, "A theme by id, such as 'health-workforce' (null when there is none).");
    }
}
