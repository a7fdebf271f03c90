using FluentValidation;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Sdgs;

/// <summary>A link from a deliverable or outcome to an SDG target or goal.</summary>
public sealed record LinkAlignmentInput
{
    public string WorkId { get; init; } = "";

    public string SdgCode { get; init; } = "";

    public SourceInput Source { get; init; } = new();

    /// <summary>The id of the SDG node a code names: "8.3" is a target, "8" a goal.</summary>
    public static string SdgId(string code) =>
        code.Contains('.', StringComparison.Ordinal) ? Vocabulary.SdgTargetId(code.Trim()) : Vocabulary.SdgGoalId(code.Trim());

    public static string SdgLabel(string code) => code.Contains('.', StringComparison.Ordinal) ? NodeLabels.SdgTarget : NodeLabels.SdgGoal;
}

public sealed class LinkAlignmentInputType : InputObjectGraphType<LinkAlignmentInput>
{
    public LinkAlignmentInputType()
    {
        Name = "LinkAlignmentInput";
        Description = "Aligns a deliverable or outcome with an SDG target (or a whole goal), with the basis and source of the alignment. Linking again updates the basis and source.";
        Field(x => x.WorkId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The id of the deliverable or outcome.");
        Field(x => x.SdgCode).Description("The target's code, such as \"8.3\", or a goal's number, such as \"8\".");
        Field(x => x.Source, type: typeof(NonNullGraphType<SourceInputType>)).Description("STATED with the document and excerpt that say so, or INFERRED with your reason.");
    }
}

public sealed class LinkAlignmentInputValidator : AbstractValidator<LinkAlignmentInput>
{
    public LinkAlignmentInputValidator(IGraphStore store, IValidator<SourceInput> sourceValidator)
    {
        RuleFor(x => x.Source).SetValidator(sourceValidator);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await AlignmentReferences.CheckAsync(store, input.WorkId, input.SdgCode, context, cancellationToken));
    }
}

/// <summary>Removes the link from a deliverable or outcome to an SDG target or goal.</summary>
public sealed record UnlinkAlignmentInput
{
    public string WorkId { get; init; } = "";

    public string SdgCode { get; init; } = "";
}

public sealed class UnlinkAlignmentInputType : InputObjectGraphType<UnlinkAlignmentInput>
{
    public UnlinkAlignmentInputType()
    {
        Name = "UnlinkAlignmentInput";
        Description = "Removes the alignment of a deliverable or outcome with an SDG target or goal. Unlinking what is not linked changes nothing.";
        Field(x => x.WorkId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The id of the deliverable or outcome.");
        Field(x => x.SdgCode).Description("The target's code, such as \"8.3\", or a goal's number, such as \"8\".");
    }
}

public sealed class UnlinkAlignmentInputValidator : AbstractValidator<UnlinkAlignmentInput>
{
    public UnlinkAlignmentInputValidator(IGraphStore store) =>
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await AlignmentReferences.CheckAsync(store, input.WorkId, input.SdgCode, context, cancellationToken));
}

internal static class AlignmentReferences
{
    public static async Task CheckAsync<T>(IGraphStore store, string workId, string sdgCode, ValidationContext<T> context, CancellationToken cancellationToken)
    {
        var sdgId = LinkAlignmentInput.SdgId(sdgCode);
        var found = (await store.GetNodesAsync([workId, sdgId], cancellationToken)).ToDictionary(n => n.Id, n => n.Label, StringComparer.Ordinal);
        if (!found.TryGetValue(workId, out var label) || label is not (NodeLabels.Deliverable or NodeLabels.Outcome))
        {
            context.AddFailure(new FluentValidation.Results.ValidationFailure("WorkId", $"There is no deliverable or outcome '{workId}'.") { ErrorCode = "UNKNOWN_WORK" });
        }

        if (!found.TryGetValue(sdgId, out var sdgLabel) || sdgLabel != LinkAlignmentInput.SdgLabel(sdgCode))
        {
            context.AddFailure(new FluentValidation.Results.ValidationFailure("SdgCode", $"There is no SDG target or goal with code '{sdgCode}'.") { ErrorCode = "UNKNOWN_SDG" });
        }
    }
}
