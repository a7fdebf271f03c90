using FluentValidation;
using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Organizations;

/// <summary>An organization as a secretariat records it: the whole state, keyed by id.</summary>
public sealed record UpsertOrganizationInput
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public string? ShortName { get; init; }

    public string Kind { get; init; } = "";

    public IReadOnlyList<string>? Aliases { get; init; }

    public string? Note { get; init; }

    public IReadOnlyList<string>? PartOfIds { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public SourceInput Source { get; init; } = new();
}

public sealed class UpsertOrganizationInputType : InputObjectGraphType<UpsertOrganizationInput>
{
    public UpsertOrganizationInputType()
    {
        Name = "UpsertOrganizationInput";
        Description = "An organization's whole state. A new id creates it; an existing id replaces its fields (lists left out keep their links; an empty list removes them). Counts a source reports (staff, projects) are kept.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Its id: lower-case letters, digits, '.' and '-', such as 'unicef'.");
        Field(x => x.Name).Description("Its name.");
        Field(x => x.ShortName, nullable: true).Description("Its short name or acronym.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<OrganizationKindEnum>)).Description("What kind of organization it is.");
        Field(x => x.Aliases, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>)).Description("Other names for it.");
        Field(x => x.Note, nullable: true).Description("A note.");
        Field(x => x.PartOfIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of the organizations it is part of.");
        Field(x => x.ThemeIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of its themes.");
        Field(x => x.Source, type: typeof(NonNullGraphType<SourceInputType>)).Description("Where the organization is recorded from.");
    }
}

public sealed class UpsertOrganizationInputValidator : AbstractValidator<UpsertOrganizationInput>
{
    public UpsertOrganizationInputValidator(IGraphStore store, IValidator<SourceInput> sourceValidator)
    {
        RuleFor(x => x.Id).Matches(Vocabulary.IdPattern).WithErrorCode("INVALID_ID")
            .WithMessage("'{PropertyValue}' is not a valid id: use 1 to 128 lower-case letters, digits, '.' and '-', starting with a letter or digit.");
        RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
        RuleFor(x => x.ShortName).MaximumLength(50);
        RuleFor(x => x.Note).MaximumLength(2000);
        RuleForEach(x => x.Aliases).NotEmpty().MaximumLength(300);
        RuleFor(x => x.PartOfIds).Must((input, ids) => !ids!.Contains(input.Id)).When(x => x.PartOfIds is not null)
            .WithErrorCode("PART_OF_ITSELF").WithMessage("An organization cannot be part of itself.");
        RuleFor(x => x.Source).SetValidator(sourceValidator);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, input.Id, NodeLabels.Organization,
                [(nameof(input.PartOfIds), input.PartOfIds?.Where(id => id != input.Id).ToList(), NodeLabels.Organization),
                (nameof(input.ThemeIds), input.ThemeIds, NodeLabels.Theme)],
                cancellationToken));
    }
}

/// <summary>The result of a change to an organization.</summary>
public sealed record OrganizationPayload(string OrganizationId, bool Created, ChangeResult? Result, IReadOnlyList<EditError> Errors) : IEditPayload
{
    public static OrganizationPayload Failed(string id, params IEnumerable<EditError> errors) => new(id, false, null, [.. errors]);
}

public sealed class OrganizationPayloadType : ObjectGraphType<OrganizationPayload>
{
    public OrganizationPayloadType()
    {
        Name = "OrganizationPayload";
        Description = "An organization after a change, and what the change did. When errors is not empty, nothing was written, and organization and change are null.";
        Field<OrganizationType>("organization").Description("The organization as it is now (null when errors).")
            .Resolve(c => c.Source.Result is null ? null : c.Loaders().Node(c.Source.OrganizationId));
        Field<NonNullGraphType<BooleanGraphType>>("created").Description("True when it did not exist before (false when errors).").Resolve(c => c.Source.Created);
        ChangeFields.AddTo(this, "organization");
    }
}

public static class OrganizationMutations
{
    /// <summary>Properties only sources report (counts), which an edit keeps rather than clears.</summary>
    private static readonly string[] s_sourceCounts = ["memberStateSince", "activeProjectCount", "thematicServiceAreaCount", "staffCount"];

    public static void AddOrganizationMutations(this ObjectGraphType mutation) =>
        mutation.Field<OrganizationPayloadType>("upsertOrganization")
            .Description("Records an organization: creates it, or replaces the fields of the one with this id. Repeating the same request changes nothing.")
            .Argument<NonNullGraphType<UpsertOrganizationInputType>>("input", "The organization's whole state.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpsertOrganizationInput>("input");
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return c.Refused(OrganizationPayload.Failed(input.Id, problems.Select(InvalidInputError.From)));
                }

                var store = c.Store();
                var existing = (await store.GetNodesAsync([input.Id], c.CancellationToken)).SingleOrDefault();
                var provenance = input.Source.ToProvenance();
                var node = GraphNode.Create(input.Id, NodeLabels.Organization, input.Name.Trim(), provenance,
                    [
                        ("name", input.Name.Trim()), ("shortName", input.ShortName), ("kind", input.Kind), ("aliases", input.Aliases), ("note", input.Note),
                        .. s_sourceCounts.Select(key => (key, existing?.Properties.GetValueOrDefault(key))),
                    ]);
                var relationships = new List<GraphRelationship>();
                var removals = new List<RelationshipRemoval>();
                RelationshipSets.Replace(input.Id, provenance, relationships, removals,
                    (RelationshipTypes.PartOf, input.PartOfIds),
                    (RelationshipTypes.HasTheme, input.ThemeIds));

                var (result, error) = await c.TryApplyAsync(new GraphChange(c.Writer(), "upsertOrganization", input.Id, [node], relationships, removals));
                return error is null ? new OrganizationPayload(input.Id, existing is null, result, []) : c.Refused(OrganizationPayload.Failed(input.Id, error));
            });
}
