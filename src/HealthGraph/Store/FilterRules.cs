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
    public static void RequireEquality(RelatedField field, FilterOperator op)
    {
        if (op is not (FilterOperator.Equals or FilterOperator.In))
        {
            throw new ArgumentException(
                $"A related field ({field.RelationshipType}) can only be compared with Equals or In, not {op}.", nameof(op));
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

    [GeneratedRegex(PropertyNamePattern)]
    private static partial Regex PropertyName();
}
