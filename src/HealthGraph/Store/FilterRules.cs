using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthGraph.Store;

/// <summary>
/// The rules of <see cref="NodeListQuery"/> that do not depend on the query language, shared by every store's
/// translation so that they refuse and accept exactly the same filters.
/// </summary>
public static partial class FilterRules
{
    /// <summary>Property names a filter or ordering may use: they become part of a query's text, so they are checked.</summary>
    public const string PropertyNamePattern = "^[A-Za-z][A-Za-z0-9]*$";

    /// <summary>The property name, if it is one (letters and digits, starting with a letter).</summary>
    public static string CheckedPropertyName(string propertyName) =>
        PropertyName().IsMatch(propertyName)
            ? propertyName
            : throw new ArgumentException(
                $"'{propertyName}' is not a property name (letters and digits, starting with a letter).", nameof(propertyName));

    /// <summary>The comparison symbol of an ordering or equality operator (the same in SQL and Cypher).</summary>
    public static string Symbol(FilterOperator op) => op switch
    {
        FilterOperator.Equals => "=",
        FilterOperator.GreaterThan => ">",
        FilterOperator.GreaterThanOrEqual => ">=",
        FilterOperator.LessThan => "<",
        FilterOperator.LessThanOrEqual => "<=",
        _ => throw new ArgumentException($"Unknown operator {op}.", nameof(op)),
    };

    /// <summary>The text a Contains condition looks for, lower-cased (Contains takes only text).</summary>
    public static string ContainsText(IReadOnlyList<object> values) =>
        values[0] is string text ? text.ToLowerInvariant() : throw new ArgumentException("Contains takes a text value.", nameof(values));

    /// <summary>A related field can only be compared for equality (its values are ids).</summary>
    public static void RequireEquality(NodeField field, FilterOperator op)
    {
        if (op is not (FilterOperator.Equals or FilterOperator.In))
        {
            throw new ArgumentException(
                $"A field of ids ({field}) can only be compared with Equals or In, not {op}.", nameof(op));
        }
    }

    /// <summary>A filter or cursor value as stores bind it: text, 64-bit integer or double (JSON values from a decoded cursor too).</summary>
    public static object Scalar(object? value, string what) => value switch
    {
        string or long or double => value,
        int or short or byte or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        decimal d => (double)d,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        null => throw new ArgumentException($"A {what} value must not be null.", nameof(value)),
        _ => throw new ArgumentException($"A {what} value must be text or a number, not {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// Renders a filter tree in a query language: AND, OR and NOT of the rendered field conditions, with the
    /// language's literals for true and false (an empty AND is true, an empty OR and an empty In are false). Each
    /// condition's values are normalised and checked (one value, except for In and a period's two) before
    /// <paramref name="render"/> sees them. Renderers must give conditions that are never unknown, so that NOT is the
    /// complement.
    /// </summary>
    public static string Render(NodeFilter? filter, string @true, string @false, Func<FieldCondition, List<object>, string> render) => filter switch
    {
        null => @true,
        AllOf all => all.Filters.Count == 0 ? @true : "(" + string.Join(" AND ", all.Filters.Select(f => Render(f, @true, @false, render))) + ")",
        AnyOf any => any.Filters.Count == 0 ? @false : "(" + string.Join(" OR ", any.Filters.Select(f => Render(f, @true, @false, render))) + ")",
        NotFilter not => $"NOT ({Render(not.Filter, @true, @false, render)})",
        FieldCondition condition => RenderCondition(condition, @false, render),
        _ => throw new ArgumentException($"Unknown filter {filter}.", nameof(filter)),
    };

    private static string RenderCondition(FieldCondition condition, string @false, Func<FieldCondition, List<object>, string> render)
    {
        var values = condition.Values.Select(v => Scalar(v, "filter")).ToList();
        var expected = condition.Field is ActiveInField ? 2 : 1; // a period: its first and last day
        if (condition.Operator != FilterOperator.In && values.Count != expected)
        {
            throw new ArgumentException(
                $"The {condition.Operator} operator on {condition.Field} takes exactly {expected} value(s), not {values.Count}.", nameof(condition));
        }

        return condition.Operator == FilterOperator.In && values.Count == 0 ? @false : render(condition, values);
    }

    /// <summary>
    /// The rows strictly after (or before) a cursor in list order, as the expanded lexicographic comparison
    /// (k1 &gt; v1) OR (k1 = v1 AND k2 &gt; v2) OR ..., each comparison flipped for a descending key. Row values would
    /// not do: they compare every key in the same direction. <paramref name="values"/> are the cursor's parameter names.
    /// </summary>
    public static string KeysetPredicate(IReadOnlyList<(string Expression, bool Descending)> keys, IReadOnlyList<string> values, bool isAfter)
    {
        var terms = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            var equalBefore = Enumerable.Range(0, i).Select(j => $"{keys[j].Expression} = {values[j]}");
            var comparison = $"{keys[i].Expression} {(keys[i].Descending == isAfter ? "<" : ">")} {values[i]}";
            terms.Add("(" + string.Join(" AND ", equalBefore.Append(comparison)) + ")");
        }

        return "(" + string.Join(" OR ", terms) + ")";
    }

    /// <summary>A cursor's sort values, normalised, after checking it has one per key of the ordering.</summary>
    public static IEnumerable<object> CursorSortValues(NodeKey key, IReadOnlyList<NodeOrder> order)
    {
        if (key.SortValues.Count != order.Count)
        {
            throw new ArgumentException(
                $"The cursor has {key.SortValues.Count} sort values but the ordering has {order.Count} keys.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(key.Id);
        return key.SortValues.Select(v => Scalar(v, "cursor"));
    }

    [GeneratedRegex(PropertyNamePattern)]
    private static partial Regex PropertyName();
}
