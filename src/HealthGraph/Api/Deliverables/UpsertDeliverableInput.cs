using FluentValidation;
using GraphQL.Types;
using HealthGraph.Api.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Deliverables;

/// <summary>A deliverable as a secretariat records it: the whole state, keyed by id.</summary>
public sealed record UpsertDeliverableInput
{
    public string Id { get; init; } = "";

    public string AgencyId { get; init; } = "";

    public string Title { get; init; } = "";

    public string Kind { get; init; } = "";

    public string? Status { get; init; }

    public string? StatusLabel { get; init; }

    public int? Year { get; init; }

    public string? Country { get; init; }

    public IReadOnlyList<string>? Items { get; init; }

    public string? Note { get; init; }

    public IReadOnlyList<string>? OutcomeIds { get; init; }

    public IReadOnlyList<string>? CounterpartIds { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public SourceInput Source { get; init; } = new();
}

public sealed class UpsertDeliverableInputType : InputObjectGraphType<UpsertDeliverableInput>
{
    public UpsertDeliverableInputType()
    {
        Name = "UpsertDeliverableInput";
        Description = "A deliverable's whole state. A new id creates it; an existing id replaces its fields (lists left out keep their links; an empty list removes them).";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Its id: lower-case letters, digits, '.' and '-', such as 'who-hwf-strategy'.");
        Field(x => x.AgencyId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The id of the agency that delivers it.");
        Field(x => x.Title).Description("Its title.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<DeliverableKindEnum>)).Description("What kind of work it is.");
        Field(x => x.Status, type: typeof(StatusEnum)).Description("Its status, if the source reports one.");
        Field(x => x.StatusLabel, nullable: true).Description("The source's own words for the status.");
        Field(x => x.Year, nullable: true).Description("The year the source reports it in (1945 to 2100).");
        Field(x => x.Country, nullable: true).Description("The country it is for.");
        Field(x => x.Items, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>)).Description("Its items or sub-deliverables.");
        Field(x => x.Note, nullable: true).Description("A note.");
        Field(x => x.OutcomeIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of the outcomes it serves.");
        Field(x => x.CounterpartIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of the national counterparts it supports.");
        Field(x => x.ThemeIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of its themes.");
        Field(x => x.Source, type: typeof(NonNullGraphType<SourceInputType>)).Description("Where the deliverable is recorded: its source document and excerpt, or your reason.");
    }
}

public sealed class UpsertDeliverableInputValidator : AbstractValidator<UpsertDeliverableInput>
{
    public UpsertDeliverableInputValidator(IGraphStore store, IValidator<SourceInput> sourceValidator)
    {
        RuleFor(x => x.Id).Matches(Vocabulary.IdPattern).WithErrorCode("INVALID_ID")
            .WithMessage("'{PropertyValue}' is not a valid id: use 1 to 128 lower-case letters, digits, '.' and '-', starting with a letter or digit.");
        RuleFor(x => x.Title).NotEmpty().MaximumLength(500);
        RuleFor(x => x.StatusLabel).MaximumLength(200);
        RuleFor(x => x.Country).MaximumLength(100);
        RuleFor(x => x.Note).MaximumLength(2000);
        RuleFor(x => x.Year).InclusiveBetween(1945, 2100);
        RuleFor(x => x.Items).Must(items => items!.Count <= 100).When(x => x.Items is not null).WithErrorCode("TOO_MANY").WithMessage("At most 100 items.");
        RuleForEach(x => x.Items).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Source).SetValidator(sourceValidator);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, input.Id, NodeLabels.Deliverable,
                [(nameof(input.AgencyId), [input.AgencyId], NodeLabels.Organization),
                (nameof(input.OutcomeIds), input.OutcomeIds, NodeLabels.Outcome),
                (nameof(input.CounterpartIds), input.CounterpartIds, NodeLabels.Organization),
                (nameof(input.ThemeIds), input.ThemeIds, NodeLabels.Theme)],
                cancellationToken));
    }
}
