using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using HealthGraph.Api.Engine.Execution;

namespace HealthGraph.Api.Engine.Errors;

/// <summary>Integer arguments with a range (page sizes, list bounds, hops), checked and reported the same way everywhere.</summary>
public static class RangeArguments
{
    /// <summary>The most a bounded list inside an answer lists (its count beside it is always exact).</summary>
    public const int MaxListed = 1000;

    /// <summary>The argument's value; outside <paramref name="min"/>..<paramref name="max"/>, INVALID_INPUT with reason OUT_OF_RANGE and the argument as its field.</summary>
    public static int GetArgumentInRange(this IResolveFieldContext context, string name, int min, int max) =>
        InRange(name, context.GetArgument<int>(name), min, max);

    /// <summary>As <see cref="GetArgumentInRange"/>, for an optional argument: null when it is not given.</summary>
    public static int? GetOptionalArgumentInRange(this IResolveFieldContext context, string name, int min, int max) =>
        context.GetArgument<int?>(name) is { } value ? InRange(name, value, min, max) : null;

    private static int InRange(string name, int value, int min, int max) =>
        value >= min && value <= max
            ? value
            : throw new ApiError(ErrorCodes.InvalidInput, $"'{name}' must be between {min} and {max} (it was {value}).", name, "OUT_OF_RANGE");

    /// <summary>
    /// A list of ids (such as <c>ids</c> or <c>agencyIds</c>), each once, in the order given; null when it is not given.
    /// More than GraphQL:Limits:MaxBatchSize is INVALID_INPUT with reason TOO_MANY.
    /// </summary>
    public static List<string>? GetIdList(this IResolveFieldContext context, string name) =>
        context.GetArgument<List<string>?>(name) is { } ids ? [.. context.WithinBatchSize(name, ids).Distinct(StringComparer.Ordinal)] : null;

    /// <summary>The ids of the argument <paramref name="name"/>; more than GraphQL:Limits:MaxBatchSize is INVALID_INPUT with reason TOO_MANY.</summary>
    public static List<string> WithinBatchSize(this IResolveFieldContext context, string name, List<string> ids)
    {
        var maxBatchSize = GraphRequest.Of(context).Limits.MaxBatchSize;
        return ids.Count <= maxBatchSize
            ? ids
            : throw new ApiError(ErrorCodes.InvalidInput, $"'{name}' may hold at most {maxBatchSize} ids (it held {ids.Count}).", name, "TOO_MANY");
    }

    /// <summary>
    /// Declares a list's <c>first</c> argument: a non-null count with a default, at most <paramref name="max"/>, so that
    /// the list is bounded whatever the client asks (the complexity analyzer prices the list by it).
    /// </summary>
    public static FieldBuilder<TSource, TReturn> FirstArgument<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, string what, int defaultValue, int max) =>
        field.Argument<NonNullGraphType<IntGraphType>>("first", $"At most this many {what} (0 to {max}).", a => a.DefaultValue = defaultValue);

    /// <summary>The <c>first</c> a field declared with <see cref="FirstArgument"/>, checked against its maximum.</summary>
    public static int First(this IResolveFieldContext context, int max) => context.GetArgumentInRange("first", 0, max);
}
