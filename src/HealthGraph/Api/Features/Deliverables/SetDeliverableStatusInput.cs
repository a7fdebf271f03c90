using FluentValidation;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>A new status for an existing deliverable.</summary>
public sealed record SetDeliverableStatusInput
{
    public string Id { get; init; } = "";

    public string Status { get; init; } = "";

    public string? StatusLabel { get; init; }
}

public sealed class SetDeliverableStatusInputType : InputObjectGraphType<SetDeliverableStatusInput>
{
    public SetDeliverableStatusInputType()
    {
        Name = "SetDeliverableStatusInput";
        Description = "A new status for an existing deliverable.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The deliverable's id.");
        Field(x => x.Status, type: typeof(NonNullGraphType<StatusEnum>)).Description("Its new status.");
        Field(x => x.StatusLabel, nullable: true).Description("The source's own words for the status (replaces the old label; null clears it).");
    }
}

public sealed class SetDeliverableStatusInputValidator : AbstractValidator<SetDeliverableStatusInput>
{
    public SetDeliverableStatusInputValidator(IGraphStore store)
    {
        RuleFor(x => x.StatusLabel).MaximumLength(200);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, null, null,
                [(nameof(input.Id), [input.Id], NodeLabels.Deliverable)],
                cancellationToken));
    }
}
