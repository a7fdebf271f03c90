using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>Whether an amount is a budget or a transaction.</summary>
public sealed class AmountKindEnum : EnumerationGraphType
{
    public AmountKindEnum()
    {
        Name = "AmountKind";
        Description = "What an amount of an imported IATI activity is.";
        Add(IatiAmount.Budget, IatiAmount.Budget, "A budget for a period (IATI budget; its type is the IATI BudgetType code: 1 original, 2 revised).");
        Add(IatiAmount.Transaction, IatiAmount.Transaction, "A transaction on a date (IATI transaction; its type is the IATI TransactionType code, e.g. 2 outgoing commitment, 3 disbursement, 4 expenditure).");
    }
}

/// <summary>An amount of money in its currency, exactly as its source states it (never converted, never rounded).</summary>
public sealed record Money(decimal Amount, string Currency);

/// <summary>graphql-dotnet's Decimal scalar, described: an exact decimal, written as a JSON number with every digit.</summary>
public sealed class DescribedDecimalGraphType : DecimalGraphType
{
    public DescribedDecimalGraphType()
    {
        Name = "Decimal";
        Description = "An exact decimal number (up to 28 significant digits), written as a JSON number with all its digits: for money, where a binary Float would change them.";
    }
}

public sealed class MoneyType : ObjectGraphType<Money>
{
    public MoneyType()
    {
        Name = "Money";
        Description = "An amount of money in its currency, exactly as its source states it: a decimal (never a binary float, so 0.1 stays 0.1), never converted to another currency.";
        Field<NonNullGraphType<DescribedDecimalGraphType>>("amount").Description("The amount, a decimal number.").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("currency").Description("Its ISO 4217 currency, such as 'USD'.").Resolve(c => c.Source.Currency);
    }
}

/// <summary>A budget or transaction of an imported IATI activity.</summary>
public sealed class AmountType : ObjectGraphType<IatiAmount>
{
    public AmountType()
    {
        Name = "Amount";
        Description = "A budget or transaction of an activity imported from IATI, as its file states it.";
        Field<NonNullGraphType<AmountKindEnum>>("kind").Description("Budget or transaction.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The IATI BudgetType or TransactionType code.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<MoneyType>>("money").Description("The amount with its currency, exactly as the file states it.").Resolve(c => new Money(c.Source.Value, c.Source.Currency));
        Field<NonNullGraphType<FloatGraphType>>("value").Description("The amount, in its currency.")
            .DeprecationReason("Use money: the amount as an exact decimal with its currency (a Float can change the digits of a large or fractional amount).")
            .Resolve(c => (double)c.Source.Value);
        Field<NonNullGraphType<StringGraphType>>("currency").Description("Its ISO 4217 currency: the value's own, else the activity's default currency.").Resolve(c => c.Source.Currency);
        Field<StringGraphType>("periodStart").Description("For a budget: the first day of its period (YYYY-MM-DD).").Resolve(c => c.Source.PeriodStart);
        Field<StringGraphType>("periodEnd").Description("For a budget: the last day of its period (YYYY-MM-DD).").Resolve(c => c.Source.PeriodEnd);
        Field<StringGraphType>("date").Description("For a transaction: its date (YYYY-MM-DD).").Resolve(c => c.Source.Date);
    }
}

/// <summary>A sum of amounts of one kind, type and currency.</summary>
public sealed record AmountTotal(string Kind, string Type, string Currency, decimal Total, int ActivityCount);

public sealed class AmountTotalType : ObjectGraphType<AmountTotal>
{
    public AmountTotalType()
    {
        Name = "AmountTotal";
        Description = "The sum of the budgets or transactions of one type in one currency, counting every IATI activity once.";
        Field<NonNullGraphType<AmountKindEnum>>("kind").Description("Budgets or transactions.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("type").Description("The IATI BudgetType or TransactionType code.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<StringGraphType>>("currency").Description("The ISO 4217 currency (amounts are never converted).").Resolve(c => c.Source.Currency);
        Field<NonNullGraphType<MoneyType>>("sum").Description("The sum of the amounts, exact, in their currency.").Resolve(c => new Money(c.Source.Total, c.Source.Currency));
        Field<NonNullGraphType<FloatGraphType>>("total").Description("The sum of the amounts.")
            .DeprecationReason("Use sum: the total as an exact decimal with its currency.")
            .Resolve(c => (double)c.Source.Total);
        Field<NonNullGraphType<IntGraphType>>("activityCount").Description("How many activities have amounts in the sum.").Resolve(c => c.Source.ActivityCount);
    }
}

public static class AmountQueries
{

    private const int PageSize = 1_000;

    public static void AddAmountQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AmountTotalType>>>>("amountTotals")
            .Description("Budgets and transactions of imported IATI activities, summed by kind, type and currency. An activity reported by several publishers (the same iati-identifier) counts once: in the record of its own publisher (whose organisation ref starts the identifier), else in the record whose reporting organisation ref sorts first. Ordered by kind, type and currency.")
            .Argument<IdGraphType>("organization", "Only activities whose counted record links this organization in any role (reports, funds, accountable for, extends, delivers).")
            .WithComplexityImpact(c => Engine.Execution.Complexity.EveryEntityOf(c, NodeLabels.Deliverable))
            .ResolveAsync(async c => await TotalsAsync(c.Store(), c.GetArgument<string?>("organization"), c.CancellationToken));

    /// <summary>Pages through the records totals count (the flag the importer keeps) and sums their amounts.</summary>
    public static async Task<IReadOnlyList<AmountTotal>> TotalsAsync(IGraphStore store, string? organizationId, CancellationToken cancellationToken)
    {
        NodeFilter filter = new FieldCondition(NodeField.Property(NodeProperties.IatiCountedInTotals), FilterOperator.Equals, [1L]);
        if (organizationId is not null)
        {
            filter = new AllOf([filter, new AnyOf([.. RelationshipTypes.OrganisationRoles.Select(t => new FieldCondition(NodeField.Related(t, Direction.Incoming), FilterOperator.Equals, [organizationId]))])]);
        }

        var sums = new Dictionary<(string, string, string), (decimal Total, HashSet<string> Activities)>();
        await foreach (var page in store.PagesAsync(NodeLabels.Deliverable, filter, [], PageSize, cancellationToken))
        {
            foreach (var node in page)
            {
                foreach (var amount in node.GetStrings(NodeProperties.Amounts).Select(IatiGraphMapper.ParseAmount))
                {
                    var key = (amount.Kind, amount.Type, amount.Currency);
                    var (total, activities) = sums.TryGetValue(key, out var sum) ? sum : (0m, new HashSet<string>(StringComparer.Ordinal));
                    activities.Add(node.Id);
                    sums[key] = (total + amount.Value, activities);
                }
            }
        }

        return [.. sums
            .Select(p => new AmountTotal(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Value.Total, p.Value.Activities.Count))
            .OrderBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Type, StringComparer.Ordinal).ThenBy(t => t.Currency, StringComparer.Ordinal)];
    }
}
