using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Coordination;

/// <summary>
/// The <c>activeIn</c> and <c>place</c> arguments of a coordination question: the question asked of only the work
/// active in a period and located in a place (<see cref="WorkLimit"/>), answered from that work rather than from the
/// aggregates, so that it costs what reading that work's links costs.
/// </summary>
public static class WorkLimits
{
    /// <summary>Example place ids for the descriptions: Khatlon.</summary>
    private const string Example = "place-3507000";

    /// <summary>Adds the arguments (<c>place</c> only when the question is not about places itself).</summary>
    public static FieldBuilder<TSource, TReturn> WorkLimitArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, bool withPlace = true)
    {
        field.Argument<PeriodFilterType>(
            "activeIn",
            "Only work active in this period, as the deliverables filter activeIn: the answer is what it would be if the graph held only that work (its deliverables, the outcomes they serve, and outcomes of results frameworks that are active in it themselves; an agency's own themes, which belong to no piece of work, left out). With place, the work both active in the period and located there.");
        if (withPlace)
        {
            field.Argument<IdGraphType>(
                "place",
                $"Only work located in this place or in a place within it, as the deliverables filter place (\"{Example}\" for Khatlon): the answer is what it would be if the graph held only that work.");
        }

        return field;
    }

    /// <summary>
    /// The limit the arguments ask for, or null when neither is given. A period that is no period, or a place id that is
    /// no place, is refused (INVALID_INPUT: NOT_A_DATE, EMPTY_PERIOD, NOT_A_PLACE).
    /// </summary>
    public static Task<WorkLimit?> WorkLimitAsync(this IResolveFieldContext context) =>
        ReadAsync(context.GetArgument<Dictionary<string, object?>?>("activeIn"), context.GetArgument<string?>("place"), context.Store(), context.CancellationToken);

    /// <summary>
    /// The limit of a period (<c>from</c>, <c>to</c>, as the PeriodFilter input) and a place id, checked as
    /// <see cref="WorkLimitAsync"/> checks them: the one reading of a limit, for the API and the exports.
    /// </summary>
    public static async Task<WorkLimit?> ReadAsync(IDictionary<string, object?>? activeIn, string? place, IGraphStore store, CancellationToken cancellationToken)
    {
        var period = activeIn is null ? null : FilterTranslator.Period(activeIn, "activeIn");
        if (place is not null && (await store.GetNodesAsync([place], cancellationToken)).SingleOrDefault() is not { Label: NodeLabels.Place })
        {
            throw new ApiError(
                ErrorCodes.InvalidInput, $"'place' is '{place}', which is no place: give a place's id, such as \"{Example}\" (Khatlon).", "place", "NOT_A_PLACE");
        }

        return period is null && place is null ? null : new WorkLimit(period, place);
    }

    /// <summary>
    /// Whether a question is limited (activeIn or place given a value): then it may read the links of all work once, priced
    /// by <see cref="LinksOfAllWork"/>. The analyzer's arguments hold every argument of a field once any is given, those not
    /// given with a null value, so a key alone says nothing.
    /// </summary>
    public static bool IsLimited(FieldImpactContext context) => HasValue(context, "activeIn") || HasValue(context, "place");

    private static bool HasValue(FieldImpactContext context, string argument) =>
        context.Arguments?.TryGetValue(argument, out var value) == true && value.Value is not null;

    /// <summary>What a limited question may read at most: every link of every piece of work, once (a limit that holds all work).</summary>
    public static double LinksOfAllWork(FieldImpactContext context) => Complexity.WholeGraph(
        context,
        RelationshipTypes.Delivers,
        RelationshipTypes.Serves,
        RelationshipTypes.InFramework,
        RelationshipTypes.AlignsWith,
        RelationshipTypes.HasTheme,
        RelationshipTypes.Supports,
        RelationshipTypes.LocatedIn).FieldImpact;
}
