using System.Collections.Concurrent;
using System.Globalization;
using GraphQL.Types;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Store;
using Microsoft.Extensions.Primitives;

namespace HealthGraph.Web.Exports;

/// <summary>A query-string parameter of an export that is unknown or has a value it cannot take: a 400 naming both.</summary>
public sealed class ExportParameterException(string parameter, string message, IReadOnlyList<string> allowed) : Exception(message)
{
    public string Parameter { get; } = parameter;

    /// <summary>The parameters (for an unknown one) or the values (for a bad value) that would be accepted.</summary>
    public IReadOnlyList<string> Allowed { get; } = allowed;
}

/// <summary>An export's query string, read and checked: every parameter must be one the export knows.</summary>
public sealed class ExportParameters
{
    private readonly IQueryCollection _query;

    /// <param name="query">The request's query string.</param>
    /// <param name="known">The parameters of the export.</param>
    /// <param name="maxValues">How many values one parameter may repeat (GraphQL:Limits:MaxBatchSize, as for a list of ids in GraphQL).</param>
    public ExportParameters(IQueryCollection query, IReadOnlyCollection<string> known, int maxValues)
    {
        _query = query;
        MaxValues = maxValues;
        foreach (var name in query.Keys)
        {
            if (!known.Contains(name))
            {
                throw new ExportParameterException(name, $"'{name}' is not a parameter of this export.", [.. known.Order(StringComparer.Ordinal)]);
            }
        }
    }

    /// <summary>How many values one parameter may repeat.</summary>
    public int MaxValues { get; }

    /// <summary>Every value of a parameter, repeated or not, without empty ones; more than <see cref="MaxValues"/> is refused.</summary>
    public IReadOnlyList<string> All(string name)
    {
        List<string> values = [.. (_query.TryGetValue(name, out var given) ? given : StringValues.Empty).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];
        return values.Count <= MaxValues
            ? values
            : throw new ExportParameterException(name, $"'{name}' may be given at most {MaxValues} times (it was given {values.Count} times).", []);
    }

    /// <summary>The one value of a parameter (null when absent); given twice, it is refused.</summary>
    public string? One(string name) => All(name) switch
    {
        [] => null,
        [var one] => one,
        _ => throw new ExportParameterException(name, $"'{name}' takes one value.", []),
    };

    /// <summary>The value of an enumeration of the API (by its GraphQL name, such as STATED), or null when absent.</summary>
    public T? Enum<T, TEnumType>(string name)
        where T : struct
        where TEnumType : EnumerationGraphType, new() =>
        One(name) is { } value ? (T)EnumValue(EnumType(typeof(TEnumType)), name, value) : null;

    /// <summary>The enumeration graph types the exports parse values of, each made once (its values never change).</summary>
    private static readonly ConcurrentDictionary<Type, EnumerationGraphType> s_enumTypes = new();

    /// <summary>The one instance of an enumeration graph type, for parsing values by name.</summary>
    public static EnumerationGraphType EnumType(Type type) => s_enumTypes.GetOrAdd(type, t => (EnumerationGraphType)Activator.CreateInstance(t)!);

    /// <summary>The internal value of an enumeration value given by its GraphQL name; a 400 listing the names otherwise.</summary>
    public static object EnumValue(EnumerationGraphType type, string parameter, string value) =>
        type.Values.FindByName(value)?.Value
            ?? throw new ExportParameterException(parameter, $"'{value}' is not a value of '{parameter}'.", [.. type.Values.Select(v => v.Name)]);
}

/// <summary>
/// A list's <c>where</c> filter and <c>orderBy</c> as query-string parameters, made from the same
/// <see cref="NodeListDefinition"/> as the GraphQL arguments and translated by the same <see cref="FilterTranslator"/>:
/// <c>field=value</c> is <c>{field: {eq: value}}</c>, the field repeated is <c>{field: {in: [...]}}</c>, and
/// <c>field.op=value</c> is <c>{field: {op: value}}</c> for the operators the field's filter type has (contains,
/// gt, gte, lt, lte). <c>orderBy=YEAR:DESC,TITLE</c> is <c>orderBy: [{field: YEAR, direction: DESC}, {field: TITLE}]</c>.
/// </summary>
public static class ListFilterParameters
{
    public const string OrderBy = "orderBy";

    /// <summary>The parameters a list accepts: each filter field, with each of its operators, and orderBy.</summary>
    public static IReadOnlyList<string> Names(NodeListDefinition definition) =>
        [.. definition.Filters.SelectMany(f => Operators(f.Kind).Select(op => $"{f.Name}.{op}").Prepend(f.Name)), OrderBy];

    public static NodeFilter? Filter(NodeListDefinition definition, ExportParameters parameters)
    {
        var where = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in definition.Filters)
        {
            var operators = new Dictionary<string, object?>(StringComparer.Ordinal);
            var plain = parameters.All(field.Name);
            if (plain.Count > 0)
            {
                var values = plain.Select(v => Value(field, field.Name, v)).ToList();
                operators[values.Count == 1 ? "eq" : "in"] = values.Count == 1 ? values[0] : values;
            }

            foreach (var op in Operators(field.Kind))
            {
                var name = $"{field.Name}.{op}";
                if (parameters.One(name) is { } value)
                {
                    operators[op] = Value(field, name, value);
                }
            }

            if (operators.Count > 0)
            {
                where[field.Name] = operators;
            }
        }

        try
        {
            return FilterTranslator.Translate(definition, where, parameters.MaxValues, path: "");
        }
        catch (Api.Engine.Errors.ApiError error)
        {
            // Too many conditions: the same limit as the GraphQL argument's, named as the query parameter.
            throw new ExportParameterException(error.Field ?? "where", error.Message, []);
        }
    }

    /// <summary>The order: the list's default when absent; an unknown field or direction is a 400 listing the known ones.</summary>
    public static IReadOnlyList<NodeOrder> Order(NodeListDefinition definition, ExportParameters parameters)
    {
        if (parameters.One(OrderBy) is not { } text)
        {
            return [.. definition.DefaultOrder.Select(s => new NodeOrder(s.Field))];
        }

        var allowed = definition.Sorts.SelectMany(s => new[] { s.Name, $"{s.Name}:ASC", $"{s.Name}:DESC" }).ToList();
        var order = new List<NodeOrder>();
        foreach (var key in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = key.Split(':');
            var sort = definition.Sorts.FirstOrDefault(s => s.Name == parts[0]);
            if (sort is null || parts.Length > 2 || (parts.Length == 2 && parts[1] is not ("ASC" or "DESC")))
            {
                throw new ExportParameterException(OrderBy, $"'{key}' is not a key of '{OrderBy}'.", allowed);
            }

            order.Add(new NodeOrder(sort.Field, parts.Length == 2 && parts[1] == "DESC"));
        }

        return order;
    }

    private static IEnumerable<string> Operators(FilterKind kind) => kind switch
    {
        FilterKind.Text => ["contains"],
        FilterKind.Number => ["gt", "gte", "lt", "lte"],
        _ => [],
    };

    private static object Value(FilterableField field, string parameter, string value) => field.Kind switch
    {
        FilterKind.Number => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number is >= int.MinValue and <= int.MaxValue
            ? number
            : throw new ExportParameterException(parameter, $"'{value}' is not a whole number.", []),
        FilterKind.Enum => ExportParameters.EnumValue(EnumType(field), parameter, value),
        _ => value,
    };

    /// <summary>The enumeration behind a field's <c>EnumFilterType&lt;TEnumType&gt;</c>.</summary>
    private static EnumerationGraphType EnumType(FilterableField field) => ExportParameters.EnumType(field.EnumFilterType!.GetGenericArguments()[0]);
}
