using FluentValidation;
using GraphQL.Types;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Common;

/// <summary>Where an edited fact comes from: the same provenance the seed data carries.</summary>
public sealed record SourceInput
{
    public Basis Basis { get; init; }

    public string? DocumentId { get; init; }

    public string? Excerpt { get; init; }

    public string? Reason { get; init; }

    public Provenance ToProvenance() => new(Basis, DocumentId, Excerpt, Reason);
}

public sealed class SourceInputType : InputObjectGraphType<SourceInput>
{
    public SourceInputType()
    {
        Name = "SourceInput";
        Description = "Where an edited fact comes from. STATED needs a document and an excerpt that occurs in it; INFERRED needs a reason (a document and excerpt as evidence are welcome).";
        Field(x => x.Basis, type: typeof(NonNullGraphType<BasisEnum>)).Description("Stated by the source, or inferred by you.");
        Field(x => x.DocumentId, type: typeof(IdGraphType)).Description("The id of the source document, such as 'who-uhcp-tajikistan'.");
        Field(x => x.Excerpt, nullable: true).Description("The words of the document that show the fact; separate parts of a long passage with ' … '.");
        Field(x => x.Reason, nullable: true).Description("Why you infer it (required for INFERRED).");
    }
}

/// <summary>The same rules the seed data obeys: a stated fact quotes its document; an inference says why.</summary>
public sealed class SourceInputValidator : AbstractValidator<SourceInput>
{
    public SourceInputValidator(IGraphStore store)
    {
        RuleFor(x => x.Basis).NotEqual(Basis.Derived).WithErrorCode("DERIVED_NOT_EDITABLE")
            .WithMessage("DERIVED is for links the software computes from codes; an edit is STATED (with its document and excerpt) or INFERRED (with a reason).");
        RuleFor(x => x.DocumentId)
            .NotEmpty().When(x => x.Basis == Basis.Stated).WithErrorCode("REQUIRED_FOR_STATED")
            .WithMessage("A STATED fact needs the id of the document that states it.");
        RuleFor(x => x.Excerpt)
            .NotEmpty().When(x => x.Basis == Basis.Stated).WithErrorCode("REQUIRED_FOR_STATED")
            .WithMessage("A STATED fact needs the excerpt of the document that states it.")
            .MaximumLength(4000);
        RuleFor(x => x.Reason)
            .NotEmpty().When(x => x.Basis == Basis.Inferred).WithErrorCode("REQUIRED_FOR_INFERRED")
            .WithMessage("An INFERRED fact needs a reason.")
            .MaximumLength(2000);
        RuleFor(x => x).CustomAsync(async (source, context, cancellationToken) =>
        {
            if (string.IsNullOrEmpty(source.DocumentId))
            {
                return;
            }

            var document = (await store.GetNodesAsync([source.DocumentId], cancellationToken)).SingleOrDefault();
            if (document?.Label != NodeLabels.Document)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyChain.BuildPropertyPath(nameof(SourceInput.DocumentId)), $"There is no document '{source.DocumentId}'.")
                {
                    ErrorCode = "UNKNOWN_DOCUMENT",
                });
            }
            else if (source.Excerpt is { Length: > 0 } excerpt && document.GetString("text") is { } text && !Excerpts.OccursIn(text, excerpt))
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyChain.BuildPropertyPath(nameof(SourceInput.Excerpt)), $"The excerpt does not occur in document '{source.DocumentId}' (white space aside).")
                {
                    ErrorCode = "EXCERPT_NOT_IN_DOCUMENT",
                });
            }
        });
    }
}
