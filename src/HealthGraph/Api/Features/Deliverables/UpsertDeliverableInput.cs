using FluentValidation;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>A deliverable as a secretariat records it: the whole state, keyed by id (upsertDeliverable, deprecated).</summary>
public sealed record UpsertDeliverableInput : DeliverableState
{
    public string AgencyId { get; init; } = "";
}

public sealed class UpsertDeliverableInputType : InputObjectGraphType<UpsertDeliverableInput>
{
    public UpsertDeliverableInputType()
    {
        Name = "UpsertDeliverableInput";
        Description = "A deliverable's whole state. A new id creates it; an existing id replaces its fields (lists left out keep their links; an empty list removes them).";
        DeliverableStateFields.AddTo(this);
        Field(x => x.AgencyId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The id of the agency that delivers it.");
        Field(x => x.Source, type: typeof(NonNullGraphType<SourceInputType>)).Description("Where the deliverable is recorded: its source document and excerpt, or your reason.");
    }
}

public sealed class UpsertDeliverableInputValidator : AbstractValidator<UpsertDeliverableInput>
{
    public UpsertDeliverableInputValidator(IGraphStore store, IValidator<SourceInput> sourceValidator)
    {
        RuleFor(x => x.Id).Matches(Vocabulary.IdPattern).WithErrorCode("INVALID_ID")
            .WithMessage("'{PropertyValue}' is not a valid id: use 1 to 128 lower-case letters, digits, '.' and '-', starting with a letter or digit.");
        Include(new DeliverableFieldsValidator());
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
