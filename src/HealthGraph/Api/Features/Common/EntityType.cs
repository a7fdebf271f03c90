using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Common;

/// <summary>
/// The base of every entity type: one node label, the Node and Entity interfaces with their fields, and helpers that
/// declare property fields and relationship fields (always resolved through the request's batch loaders).
/// </summary>
public abstract class EntityType : ObjectGraphType<GraphNode>
{
    private readonly string _label;

    protected EntityType(string label, string name, string description)
    {
        _label = label;
        Name = name;
        Description = description;
        IsTypeOf = source => source is GraphNode node && node.Label == label;
        Interface<NodeInterface>();
        Interface<EntityInterface>();
        EntityFields.AddTo(this);
    }

    protected GraphQL.Builders.FieldBuilder<GraphNode, object> Text(string name, string description, string? property = null) =>
        Field<StringGraphType>(name).Description(description).Resolve(c => c.Source.GetString(property ?? name));

    protected void RequiredText(string name, string description, string? property = null) =>
        Field<NonNullGraphType<StringGraphType>>(name).Description(description).Resolve(c => c.Source.GetString(property ?? name) ?? string.Empty);

    protected void Texts(string name, string description, string? property = null) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>(name)
            .Description(description)
            .Resolve(c => c.Source.GetStrings(property ?? name));

    protected void Number(string name, string description, string? property = null) =>
        Field<IntGraphType>(name).Description(description).Resolve(c => c.Source.GetInt64(property ?? name) is { } value ? (int?)checked((int)value) : null);

    /// <summary>A date as precise as its source gives it (<see cref="PartialDate"/>); null when there is none.</summary>
    protected void Date(string name, string description, string? property = null) =>
        Field<PartialDateType>(name).Description(description).Resolve(c => PartialDate.From(c.Source.Properties.GetValueOrDefault(property ?? name)));

    /// <summary>
    /// The status kept apart as results-framework progress (<c>progress</c>) and activity lifecycle (<c>lifecycle</c>):
    /// each answers only the statuses of its kind, null for the other kind and for none.
    /// </summary>
    protected void ProgressAndLifecycle(string what)
    {
        Field<ProgressEnum>("progress")
            .Description($"How {what} is progressing, as a results framework's report gives it (on track, achieved); null when its status is a lifecycle stage or there is none.")
            .Resolve(c => c.Source.GetString(NodeProperties.Status) is { } status && Vocabulary.Progresses.Contains(status) ? status : null);
        Field<LifecycleEnum>("lifecycle")
            .Description($"Where {what} is in an activity's lifecycle (IATI's ActivityStatus); null when its status is a progress or there is none.")
            .Resolve(c => c.Source.GetString(NodeProperties.Status) is { } status && Vocabulary.Lifecycles.Contains(status) ? status : null);
    }

    /// <summary>The period <paramref name="what"/> runs (<see cref="WorkPeriod"/>), as the filter activeIn reads it.</summary>
    protected void Period(string what)
    {
        Text("periodStart", $"The first day of the period {what} runs (YYYY-MM-DD), from its dates (actual before planned) or else its year; null when neither is known. The filter activeIn reads it.", NodeProperties.PeriodStart);
        Text("periodEnd", $"The last day of the period {what} runs (YYYY-MM-DD); null while it is running, or when no period is known.", NodeProperties.PeriodEnd);
    }

    /// <summary>A count with its qualifier as its source reports it (<see cref="ReportedCount"/>); null when there is none.</summary>
    protected void Count(string name, string description, string? property = null) =>
        Field<ReportedCountType>(name).Description(description).Resolve(c => ReportedCount.From(c.Source.Properties.GetValueOrDefault(property ?? name)));

    protected void Code<TEnum>(string name, string description, string? property = null, bool required = false)
        where TEnum : EnumerationGraphType
    {
        if (required)
        {
            Field<NonNullGraphType<TEnum>>(name).Description(description).Resolve(c => c.Source.GetString(property ?? name));
        }
        else
        {
            Field<TEnum>(name).Description(description).Resolve(c => c.Source.GetString(property ?? name));
        }
    }

    /// <summary>
    /// The entities at the other end of a relationship type (optionally only those of one label), as a connection by
    /// id, paged with first/after.
    /// </summary>
    protected void Related<TType>(string name, string description, string relationshipType, Direction direction, string? label = null)
        where TType : IComplexGraphType, new() =>
        Field<NonNullGraphType<EntityConnectionType<TType>>>(name)
            .Description($"{description} By id, a page at a time: first/after (at most {NodeConnections.MaxPageSize} per page, {NodeConnections.DefaultPageSize} by default).")
            .Argument<IntGraphType>("first", $"At most this many (0 to {NodeConnections.MaxPageSize}; default {NodeConnections.DefaultPageSize}) after the 'after' cursor.")
            .Argument<StringGraphType>("after", "The cursor (endCursor) to page forwards from.")
            .WithComplexityImpact(c => Complexity.Related(c, relationshipType, _label))
            .Resolve(c => NodeConnections.ResolveRelated(c, relationshipType, direction, label));

    /// <summary>The single entity at the other end of a relationship type, or null (the first by id if several).</summary>
    protected void RelatedOne<TType>(string name, string description, string relationshipType, Direction direction, string? label = null)
        where TType : IGraphType =>
        Field<TType>(name)
            .Description(description)
            .Resolve(c => c.Loaders().RelatedPage(c.Source.Id, relationshipType, direction, label, first: 1, after: null).Then(page =>
                page.Items is [var first] ? c.Loaders().Node(direction == Direction.Outgoing ? first.ToId : first.FromId) : null));
}

public static class ResolveFieldContextExtensions
{
    /// <summary>The batch loaders of the current request.</summary>
    public static GraphLoaders Loaders(this IResolveFieldContext context) => GraphRequest.Of(context).Loaders;

    /// <summary>The store, for root fields that ask it a whole question at once.</summary>
    public static IGraphStore Store(this IResolveFieldContext context) => GraphRequest.Of(context).Store;

    /// <summary>What one request may ask (GraphQL:Limits), for the limits resolvers check themselves (page and batch sizes).</summary>
    public static GraphQLLimits Limits(this IResolveFieldContext context) => GraphRequest.Of(context).Limits;
}
