using GraphQL.Types;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Filtering;

/// <summary>How a filter field's conditions are typed.</summary>
public enum FilterKind
{
    Id,
    Text,
    Number,
    Enum,

    /// <summary>The SDG goals and targets work is aligned with (<see cref="Store.AlignedField"/>), by paths and basis.</summary>
    Alignment,

    /// <summary>An SDG goal, given by its number or its id alike ("8", "sdg-goal-8"), matched exactly against a goal number.</summary>
    SdgGoal,

    /// <summary>Work active in a period (<see cref="Graph.WorkPeriod"/>): from and to, each a year, a month or a day.</summary>
    Period,
}

/// <summary>A field of a list's <c>where</c> filter: its GraphQL name, what it tests, and how.</summary>
public sealed record FilterableField(string Name, string Description, NodeField Field, FilterKind Kind, Type? EnumFilterType = null)
{
    /// <summary>Set when the field is kept only for old clients: what to use instead.</summary>
    public string? DeprecationReason { get; init; }
}

/// <summary>A value of a list's <c>orderBy</c> field enumeration: its GraphQL name and what it sorts by.</summary>
public sealed record SortableField(string Name, string Description, NodeField Field);

/// <summary>
/// What a list of one kind of entity can be filtered and ordered by. The filter input type, the order input type
/// and the translation to a store <see cref="NodeListQuery"/> are all made from this one table.
/// </summary>
public sealed record NodeListDefinition(
    string TypeName,
    string Label,
    IReadOnlyList<FilterableField> Filters,
    IReadOnlyList<SortableField> Sorts,
    IReadOnlyList<SortableField>? DefaultSorts = null)
{
    /// <summary>The order used when the client gives none (besides the final tie-break on id).</summary>
    public IReadOnlyList<SortableField> DefaultOrder => DefaultSorts ?? [];

    public string FilterTypeName => $"{TypeName}Filter";

    public string OrderTypeName => $"{TypeName}Order";

    public string OrderFieldTypeName => $"{TypeName}OrderField";
}

/// <summary>
/// A list's <c>where</c> input: one entry per filterable field, plus <c>and</c>, <c>or</c> and <c>not</c>. All
/// entries given in one object must hold.
/// </summary>
public abstract class NodeFilterInputType : InputObjectGraphType
{
    protected NodeFilterInputType(NodeListDefinition definition)
    {
        Name = definition.FilterTypeName;
        Description = $"Which {definition.TypeName} entities to list. Every condition given must hold; combine with and, or, not.";
        foreach (var field in definition.Filters)
        {
            var type = field.Kind switch
            {
                FilterKind.Id or FilterKind.SdgGoal => typeof(IdFilterType),
                FilterKind.Text => typeof(TextFilterType),
                FilterKind.Number => typeof(IntFilterType),
                FilterKind.Alignment => typeof(AlignmentFilterType),
                FilterKind.Period => typeof(PeriodFilterType),
                _ => field.EnumFilterType ?? throw new InvalidOperationException($"{definition.TypeName}.{field.Name} needs an enum filter type."),
            };
            Field(field.Name, type).Description(field.Description).DeprecationReason(field.DeprecationReason);
        }

        var self = new GraphQLTypeReference(definition.FilterTypeName);
        Field("and", new ListGraphType(new NonNullGraphType(self))).Description("All of these filters hold.");
        Field("or", new ListGraphType(new NonNullGraphType(self))).Description("At least one of these filters holds (an empty list matches nothing).");
        Field("not", self).Description("This filter does not hold.");
    }
}

/// <summary>A list's <c>orderBy</c> entry: a field and a direction.</summary>
public abstract class NodeOrderInputType : InputObjectGraphType
{
    protected NodeOrderInputType(NodeListDefinition definition, Type orderFieldEnum)
    {
        Name = definition.OrderTypeName;
        Description = $"One key of the order of a {definition.TypeName} list; ties fall to the next key, and finally to id.";
        Field("field", typeof(NonNullGraphType<>).MakeGenericType(orderFieldEnum)).Description("What to order by.");
        Field<SortDirectionEnum>("direction").DefaultValue(false).Description("Ascending (the default) or descending.");
    }
}

/// <summary>The fields a list can be ordered by.</summary>
public abstract class NodeOrderFieldEnum : EnumerationGraphType
{
    protected NodeOrderFieldEnum(NodeListDefinition definition)
    {
        Name = definition.OrderFieldTypeName;
        Description = $"What a {definition.TypeName} list can be ordered by.";
        foreach (var sort in definition.Sorts)
        {
            Add(sort.Name, sort.Name, sort.Description);
        }
    }
}
