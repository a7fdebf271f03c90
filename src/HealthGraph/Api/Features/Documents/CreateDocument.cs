using FluentValidation;
using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Documents;

/// <summary>A source document an editor adds, so that facts can be stated by it: its title, publisher, address and text.</summary>
public sealed record CreateDocumentInput
{
    public string Id { get; init; } = "";

    public string Title { get; init; } = "";

    public string Kind { get; init; } = "WEB_PAGE";

    public string? PublisherId { get; init; }

    public string? PublisherName { get; init; }

    public string? Url { get; init; }

    public string? Language { get; init; }

    public string Text { get; init; } = "";
}

public sealed class CreateDocumentInputType : InputObjectGraphType<CreateDocumentInput>
{
    public CreateDocumentInputType()
    {
        Name = "CreateDocumentInput";
        Description = "A new source document. Its id must be new. The text is what STATED facts quote: an excerpt must occur in it.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Its id: lower-case letters, digits, '.' and '-', such as 'moh-annual-report-2025'.");
        Field(x => x.Title).Description("Its title.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<DocumentKindEnum>)).Description("What kind of source it is (a web page, kept as text, for most).");
        Field(x => x.PublisherId, type: typeof(IdGraphType)).Description("The id of the organization that publishes it, when it is in the graph.");
        Field(x => x.PublisherName, nullable: true).Description("The publisher, as the document names it.");
        Field(x => x.Url, nullable: true).Description("Where it is published: an http or https address.");
        Field(x => x.Language, nullable: true).Description("Its main language (ISO 639-1, such as 'en', 'ru' or 'tg').");
        Field(x => x.Text).Description("Its text, as published (at most 500,000 characters).");
    }
}

public sealed class CreateDocumentInputValidator : AbstractValidator<CreateDocumentInput>
{
    public const int MaxTextLength = 500_000;

    public CreateDocumentInputValidator(IGraphStore store)
    {
        RuleFor(x => x.Id).Matches(Vocabulary.IdPattern).WithErrorCode("INVALID_ID")
            .WithMessage("'{PropertyValue}' is not a valid id: use 1 to 128 lower-case letters, digits, '.' and '-', starting with a letter or digit.");
        RuleFor(x => x.Title).NotEmpty().MaximumLength(500);
        RuleFor(x => x.PublisherName).MaximumLength(300);
        RuleFor(x => x.Url).Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .When(x => x.Url is not null).WithErrorCode("NOT_A_URL").WithMessage("'{PropertyValue}' is not an http or https address.");
        RuleFor(x => x.Language).Matches("^[a-z]{2}$").When(x => x.Language is not null).WithErrorCode("NOT_A_LANGUAGE")
            .WithMessage("'{PropertyValue}' is not a two-letter ISO 639-1 code, such as 'en', 'ru' or 'tg'.");
        RuleFor(x => x.Text).NotEmpty().WithMessage("Give the document's text: the excerpts of the facts it states must occur in it.")
            .MaximumLength(MaxTextLength);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, input.Id, NodeLabels.Document,
                [(nameof(input.PublisherId), input.PublisherId is { } publisher ? [publisher] : null, NodeLabels.Organization)],
                cancellationToken));
    }
}

public sealed record DocumentPayload(string DocumentId, ChangeResult? Result, IReadOnlyList<EditError> Errors) : IEditPayload;

public sealed class DocumentPayloadType : ObjectGraphType<DocumentPayload>
{
    public DocumentPayloadType()
    {
        Name = "DocumentPayload";
        Description = "A document after a change, and what the change did. When errors is not empty, nothing was written, and document and change are null.";
        Field<DocumentType>("document").Description("The document as it is now (null when errors).")
            .Resolve(c => c.Source.Result is null ? null : c.Loaders().Node(c.Source.DocumentId));
        ChangeFields.AddTo(this, "document");
    }
}

public static class DocumentMutations
{
    public static void AddDocumentMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DocumentPayloadType>>("createDocument")
            .Description("Adds a source document, so that facts can be stated by it (linkAlignment with basis STATED quotes its text). Any editor may add one; an id in use is a ConflictError.")
            .Argument<NonNullGraphType<CreateDocumentInputType>>("input", "The new document.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateDocumentInput>("input");
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return c.Refused(new DocumentPayload(input.Id, null, [.. problems.Select(InvalidInputError.From)]));
                }

                // A document states its own existence and text, as the seed's documents do.
                var provenance = new Provenance(Basis.Stated, input.Id, null, null);
                var node = GraphNode.Create(input.Id, NodeLabels.Document, input.Title.Trim(), provenance,
                    ("title", input.Title.Trim()), ("kind", input.Kind), ("publisherName", input.PublisherName?.Trim()), ("url", input.Url),
                    ("language", input.Language), ("text", input.Text));
                GraphRelationship[] relationships = input.PublisherId is { } publisher
                    ? [new GraphRelationship(RelationshipTypes.PublishedBy, input.Id, publisher, GraphRelationship.NoProperties, provenance)]
                    : [];
                var (result, error) = await c.TryApplyAsync(new GraphChange(c.Writer(), "createDocument", input.Id, [node], relationships, [])
                {
                    Expectations = [NodeExpectation.Absent(input.Id)],
                });
                return error is null ? new DocumentPayload(input.Id, result, []) : c.Refused(new DocumentPayload(input.Id, null, [error]));
            });
}
