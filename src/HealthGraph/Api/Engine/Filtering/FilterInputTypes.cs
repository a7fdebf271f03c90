using GraphQL.Types;

namespace HealthGraph.Api.Engine.Filtering;

/// <summary>Conditions on an id: <c>eq</c> or <c>in</c>.</summary>
public sealed class IdFilterType : InputObjectGraphType
{
    public IdFilterType()
    {
        Name = "IdFilter";
        Description = "Conditions on an id. Several conditions in one filter must all hold.";
        Field<IdGraphType>("eq").Description("Equal to this id.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("in").Description("Equal to one of these ids (an empty list matches nothing).");
    }
}

/// <summary>Conditions on the SDG goals and targets work is aligned with: <c>eq</c> or <c>in</c>, by which paths and basis.</summary>
public sealed class AlignmentFilterType : InputObjectGraphType
{
    public AlignmentFilterType()
    {
        Name = "AlignmentFilter";
        Description = "Work aligned with an SDG goal or target, as every view counts it: directly, through one of a goal's targets, or through an outcome it serves (AlignmentPath). Several conditions in one filter must all hold.";
        Field<IdGraphType>("eq").Description("Aligned with this goal or target, by id or code alike ('sdg-goal-3' or '3', 'sdg-target-3.8' or '3.8').");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("in").Description("Aligned with one of these goals or targets, by id or code (an empty list matches nothing).");
        Field<ListGraphType<NonNullGraphType<Features.Common.AlignmentPathEnum>>>("via").Description("Only by these paths (default: all; [DIRECT] is the work's own link to the node).");
        Field<Features.Common.BasisEnum>("basis").Description("Only alignments with this basis (default: every basis).");
    }
}

/// <summary>Work active in a period: it starts before the period ends and has not ended before it starts.</summary>
public sealed class PeriodFilterType : InputObjectGraphType
{
    public PeriodFilterType()
    {
        Name = "PeriodFilter";
        Description = "Work active at some time in a period: it starts on or before the period's last day and ends (or is running) on or after its first day. Each end is a year (2025), a month (2025-03) or a day (2025-03-15); a year means its whole year. Work whose dates and year are unknown is in no period.";
        Field<StringGraphType>("from").Description("The period's first year, month or day (default: no lower bound).");
        Field<StringGraphType>("to").Description("The period's last year, month or day (default: no upper bound).");
    }
}

/// <summary>Conditions on text: <c>eq</c>, <c>in</c>, <c>contains</c>.</summary>
public sealed class TextFilterType : InputObjectGraphType
{
    public TextFilterType()
    {
        Name = "TextFilter";
        Description = "Conditions on a text. Several conditions in one filter must all hold. For a list of texts, a condition holds when any element satisfies it.";
        Field<StringGraphType>("eq").Description("Exactly this text (case-sensitive).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("in").Description("Exactly one of these texts (an empty list matches nothing).");
        Field<StringGraphType>("contains").Description("Contains this text, ignoring case.");
    }
}

/// <summary>Conditions on a whole number.</summary>
public sealed class IntFilterType : InputObjectGraphType
{
    public IntFilterType()
    {
        Name = "IntFilter";
        Description = "Conditions on a whole number. Several conditions in one filter must all hold; a missing value satisfies none.";
        Field<IntGraphType>("eq").Description("Equal to this number.");
        Field<ListGraphType<NonNullGraphType<IntGraphType>>>("in").Description("Equal to one of these numbers (an empty list matches nothing).");
        Field<IntGraphType>("gt").Description("Greater than this number.");
        Field<IntGraphType>("gte").Description("Greater than or equal to this number.");
        Field<IntGraphType>("lt").Description("Less than this number.");
        Field<IntGraphType>("lte").Description("Less than or equal to this number.");
    }
}

/// <summary>Conditions on a value of an enumeration: <c>eq</c> or <c>in</c>.</summary>
public sealed class EnumFilterType<TEnumType> : InputObjectGraphType
    where TEnumType : EnumerationGraphType, new()
{
    public EnumFilterType()
    {
        var enumName = new TEnumType().Name;
        Name = $"{enumName}Filter";
        Description = $"Conditions on a {enumName} value. Several conditions in one filter must all hold.";
        Field<TEnumType>("eq").Description("Equal to this value.");
        Field<ListGraphType<NonNullGraphType<TEnumType>>>("in").Description("Equal to one of these values (an empty list matches nothing).");
    }
}

/// <summary>The direction of an ordering.</summary>
public sealed class SortDirectionEnum : EnumerationGraphType
{
    public SortDirectionEnum()
    {
        Name = "SortDirection";
        Description = "The direction of an ordering.";
        Add("ASC", false, "Smallest (or alphabetically first) first; missing values last.");
        Add("DESC", true, "Largest (or alphabetically last) first; missing values first.");
    }
}
