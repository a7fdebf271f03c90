using GraphQL.Types;
using HealthGraph.Graph;

namespace HealthGraph.Api.Features.Common;

/// <summary>How precise a date is.</summary>
public sealed class DatePrecisionEnum : EnumerationGraphType
{
    public DatePrecisionEnum()
    {
        Name = "DatePrecision";
        Description = "How precise a date its source gives is.";
        Add("YEAR", DatePrecision.Year, "The source gives a year.");
        Add("MONTH", DatePrecision.Month, "The source gives a month of a year.");
        Add("DAY", DatePrecision.Day, "The source gives a day.");
    }
}

/// <summary>A date as precise as its source gives it.</summary>
public sealed class PartialDateType : ObjectGraphType<PartialDate>
{
    public PartialDateType()
    {
        Name = "PartialDate";
        Description = "A date as precise as its source gives it: a year, a month of a year (IOM's \"November 1994\" is 1994-11) or a day.";
        Field<NonNullGraphType<StringGraphType>>("iso").Description("ISO 8601 at its precision: '1994', '1994-11' or '1994-11-03'.").Resolve(c => c.Source.Iso);
        Field<NonNullGraphType<DatePrecisionEnum>>("precision").Description("Whether the source gives a year, a month or a day.").Resolve(c => c.Source.Precision);
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year.").Resolve(c => c.Source.Year);
        Field<IntGraphType>("month").Description("The month, 1 to 12 (null when the source gives only a year).").Resolve(c => c.Source.Month);
        Field<IntGraphType>("day").Description("The day of the month (null when the source gives no day).").Resolve(c => c.Source.Day);
    }
}

/// <summary>How a reported count relates to its number.</summary>
public sealed class CountQualifierEnum : EnumerationGraphType
{
    public CountQualifierEnum()
    {
        Name = "CountQualifier";
        Description = "How a count its source reports relates to its number.";
        Add("EXACTLY", CountQualifier.Exactly, "The count is the number.");
        Add("MORE_THAN", CountQualifier.MoreThan, "More than the number ('more than 30', 'over 30').");
        Add("AT_LEAST", CountQualifier.AtLeast, "The number or more ('at least 30').");
        Add("ABOUT", CountQualifier.About, "About the number ('about 30', 'around 30', 'approximately 30').");
        Add("FEWER_THAN", CountQualifier.FewerThan, "Fewer than the number ('fewer than 30', 'less than 30').");
        Add("AT_MOST", CountQualifier.AtMost, "The number or fewer ('at most 30', 'up to 30').");
    }
}

/// <summary>A count with its qualifier, as its source reports it.</summary>
public sealed class ReportedCountType : ObjectGraphType<ReportedCount>
{
    public ReportedCountType()
    {
        Name = "ReportedCount";
        Description = "A count as its source reports it: a number and how it relates to the count (IOM's \"More than 30\" staff is 30, MORE_THAN).";
        Field<NonNullGraphType<IntGraphType>>("value").Description("The number the source gives.").Resolve(c => checked((int)c.Source.Value));
        Field<NonNullGraphType<CountQualifierEnum>>("qualifier").Description("Whether the count is exactly the number, more than it, about it...").Resolve(c => c.Source.Qualifier);
        Field<NonNullGraphType<StringGraphType>>("text").Description("The source's words, such as 'More than 30'.").Resolve(c => c.Source.Text);
    }
}
