using System.Globalization;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Store;

namespace HealthGraph.Api.Engine.Filtering;

/// <summary>Turns a coerced <c>where</c> argument into a store <see cref="NodeFilter"/> (null when it filters nothing).</summary>
public static class FilterTranslator
{
    /// <summary>How deep and/or/not may nest: deeper filters are refused rather than left to the store.</summary>
    public const int MaxNesting = 8;

    /// <summary>
    /// How many terms a filter may hold: every field condition and every and/or/not entry counts. Wider filters are
    /// refused rather than left to the store (SQLite refuses an expression deeper than 1000); a list of ids belongs in <c>in</c>.
    /// </summary>
    public const int MaxTerms = 200;

    /// <summary>
    /// The store filter of a where argument. An <c>in</c> list may hold at most <paramref name="maxValues"/> values
    /// (GraphQL:Limits:MaxBatchSize): more is INVALID_INPUT with reason TOO_MANY, as for every list of ids. Errors name
    /// the field below <paramref name="path"/>: "where.status.in" for the GraphQL argument, "status.in" with an empty path
    /// (an export's query parameters, which are named by field).
    /// </summary>
    public static NodeFilter? Translate(NodeListDefinition definition, object? where, int maxValues, string path = "where") =>
        Translate(definition, where, path, 0, new TermCount(), maxValues);

    private sealed class TermCount
    {
        private int _terms;

        public void Add(int terms, string path)
        {
            _terms += terms;
            if (_terms > MaxTerms)
            {
                throw new ApiError(ErrorCodes.InvalidInput,
                    $"The filter has more than {MaxTerms} conditions (counting each and/or/not entry) at '{path}'; give a list of values with 'in' instead.",
                    path, "TOO_MANY_CONDITIONS");
            }
        }
    }

    /// <summary>The store operator of a filter input's operator field ("eq", "in", "contains", "gt", "gte", "lt", "lte").</summary>
    public static FilterOperator OperatorOf(string op) => op switch
    {
        "eq" => FilterOperator.Equals,
        "in" => FilterOperator.In,
        "contains" => FilterOperator.Contains,
        "gt" => FilterOperator.GreaterThan,
        "gte" => FilterOperator.GreaterThanOrEqual,
        "lt" => FilterOperator.LessThan,
        "lte" => FilterOperator.LessThanOrEqual,
        _ => throw new InvalidOperationException($"Unknown filter operator '{op}'."),
    };

    private static NodeFilter? Translate(NodeListDefinition definition, object? where, string path, int depth, TermCount count, int maxValues)
    {
        if (where is not IDictionary<string, object?> entries)
        {
            return null;
        }

        if (depth > MaxNesting)
        {
            throw new ApiError(ErrorCodes.InvalidInput, $"The filter nests and/or/not more than {MaxNesting} deep at '{path}'.", path, "TOO_DEEP");
        }

        if (depth > 0)
        {
            count.Add(1, path);
        }

        var conditions = new List<NodeFilter>();
        foreach (var (name, value) in entries)
        {
            var at = path.Length == 0 ? name : $"{path}.{name}";
            switch (name)
            {
                case "and" when value is IEnumerable<object?> all:
                    conditions.AddRange(all.Select((f, i) => Translate(definition, f, $"{at}[{i}]", depth + 1, count, maxValues)).OfType<NodeFilter>());
                    break;
                case "or" when value is IEnumerable<object?> any:
                    conditions.Add(new AnyOf([.. any.Select((f, i) => Translate(definition, f, $"{at}[{i}]", depth + 1, count, maxValues) ?? s_everything)]));
                    break;
                case "not" when value is not null:
                    conditions.Add(new NotFilter(Translate(definition, value, at, depth + 1, count, maxValues) ?? s_everything));
                    break;
                default:
                    var field = definition.Filters.FirstOrDefault(f => f.Name == name);
                    if (field is not null && value is IDictionary<string, object?> operators)
                    {
                        var fieldConditions = Conditions(field, operators, at, maxValues).ToList();
                        count.Add(fieldConditions.Count, at);
                        conditions.AddRange(fieldConditions);
                    }

                    break;
            }
        }

        return conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => new AllOf(conditions),
        };
    }

    /// <summary>A filter every node satisfies (an empty AND), for <c>or: [{}]</c> and <c>not: {}</c>.</summary>
    private static readonly NodeFilter s_everything = new AllOf([]);

    private static IEnumerable<NodeFilter> Conditions(FilterableField field, IDictionary<string, object?> operators, string path, int maxValues)
    {
        if (field.Kind == FilterKind.Period)
        {
            return [Period(operators, path)];
        }

        return FieldConditions(field, operators, path, maxValues);
    }

    /// <summary>Work active in the period (<see cref="NodeField.ActiveIn"/>), from the filter's from and to.</summary>
    public static NodeFilter Period(IDictionary<string, object?> operators, string path)
    {
        string? Bound(string op, Func<string?, string?> day)
        {
            var text = operators.TryGetValue(op, out var value) ? value as string : null;
            return text is null ? null : day(text) ?? throw new ApiError(
                ErrorCodes.InvalidInput, $"'{path}.{op}' is '{text}', not a year (2025), a month (2025-03) or a day (2025-03-15).", $"{path}.{op}", "NOT_A_DATE");
        }

        var from = Bound("from", HealthGraph.Graph.WorkPeriod.First);
        var to = Bound("to", HealthGraph.Graph.WorkPeriod.Last);
        if (from is not null && to is not null && string.CompareOrdinal(from, to) > 0)
        {
            throw new ApiError(ErrorCodes.InvalidInput, $"'{path}' ends ({to}) before it starts ({from}).", path, "EMPTY_PERIOD");
        }

        return NodeField.ActiveBetween(from ?? "0001-01-01", to ?? "9999-12-31");
    }

    private static IEnumerable<NodeFilter> FieldConditions(FilterableField field, IDictionary<string, object?> operators, string path, int maxValues)
    {
        var nodeField = field.Kind == FilterKind.Alignment
            ? NodeField.Aligned(new AlignmentRule(
                Features.Common.AlignmentPathEnum.Of(operators.TryGetValue("via", out var via) ? via : null),
                operators.TryGetValue("basis", out var basis) ? basis as HealthGraph.Graph.Basis? : null))
            : field.Field;
        foreach (var (op, value) in operators)
        {
            if (value is null || (field.Kind == FilterKind.Alignment && op is "via" or "basis"))
            {
                continue;
            }

            var @operator = OperatorOf(op);
            IReadOnlyList<object> values = value is not string && value is IEnumerable<object?> list
                ? [.. list.OfType<object>().Select(v => Normalize(field, v))]
                : [Normalize(field, value)];
            if (values.Count > maxValues)
            {
                throw new ApiError(ErrorCodes.InvalidInput, $"'{path}.{op}' may hold at most {maxValues} values (it held {values.Count}).", $"{path}.{op}", "TOO_MANY");
            }

            yield return new FieldCondition(nodeField, @operator, values);
        }
    }

    private static object Normalize(FilterableField field, object value) => field.Kind switch
    {
        FilterKind.Number => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        FilterKind.Alignment => HealthGraph.Graph.Vocabulary.SdgNodeId(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        FilterKind.SdgGoal => HealthGraph.Graph.Vocabulary.SdgGoalCode(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
