using GraphQL;

namespace HealthGraph.Api.Errors;

/// <summary>Integer arguments with a range (page sizes, list bounds, hops), checked and reported the same way everywhere.</summary>
public static class RangeArguments
{
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
}
