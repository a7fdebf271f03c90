using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Ingest.Iati;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>What an edit of a deliverable did: the deliverable as it is now and its change, or why nothing was written.</summary>
public sealed record DeliverableEditPayload(string? DeliverableId, ChangeResult? Result, IReadOnlyList<EditError> Errors) : IEditPayload
{
    public static DeliverableEditPayload Failed(params IEnumerable<EditError> errors) => new(null, null, [.. errors]);
}

public sealed class DeliverableEditPayloadType : ObjectGraphType<DeliverableEditPayload>
{
    public DeliverableEditPayloadType()
    {
        Name = "DeliverableEditPayload";
        Description = "What an edit of a deliverable did. When errors is not empty, nothing was written, and deliverable and change are null.";
        Field<DeliverableType>("deliverable").Description("The deliverable as it is now (null when the edit wrote nothing or deleted it).")
            .Resolve(c => c.Source.DeliverableId is { } id ? c.Loaders().Node(id) : null);
        ChangeFields.AddTo(this, "deliverable");
    }
}

/// <summary>
/// createDeliverable, updateDeliverable and deleteDeliverable: edits that never destroy what they do not name, checked
/// against the version the editor saw, reporting their problems in the payload.
/// </summary>
public static class DeliverableEdits
{
    /// <summary>
    /// The fields of an activity imported from IATI that its import writes from the publisher's file (IatiGraphMapper):
    /// an edit of them would be lost at the next import, or contradict the publisher, so it is refused.
    /// </summary>
    public static readonly IReadOnlySet<string> ImportOwnedFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "kind", "status", "country", "agencyIds", "themeIds", "outcomeIds", "startDate", "endDate",
    };

    public static void AddDeliverableEdits(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DeliverableEditPayloadType>>("createDeliverable")
            .Description("Creates a deliverable with a new id, delivered by one agency or more. An id in use is a ConflictError in errors.")
            .Argument<NonNullGraphType<CreateDeliverableInputType>>("input", "The new deliverable.")
            .ResolveAsync(async c => await CreateAsync(c, c.GetArgument<CreateDeliverableInput>("input")));

        mutation.Field<NonNullGraphType<DeliverableEditPayloadType>>("updateDeliverable")
            .Description("Changes the fields of a deliverable that the input names and keeps the rest, if it is still the version you read (expectedUpdatedAt).")
            .Argument<NonNullGraphType<UpdateDeliverableInputType>>("input", "The deliverable, the version you read, and the fields to change.")
            .ResolveAsync(async c => await UpdateAsync(c, c.GetArgument<UpdateDeliverableInput>("input")));

        mutation.Field<NonNullGraphType<DeliverableEditPayloadType>>("deleteDeliverable")
            .Description("Deletes a deliverable and its own links (who delivers it, what it serves, its themes, counterparts and alignments); the agencies, outcomes, themes and SDG targets stay. "
                + "Only the version you read (expectedUpdatedAt); an activity imported from IATI cannot be deleted here (its next import would bring it back).")
            .Argument<NonNullGraphType<DeleteDeliverableInputType>>("input", "The deliverable and the version you read.")
            .ResolveAsync(async c => await DeleteAsync(c, c.GetArgument<DeleteDeliverableInput>("input")));
    }

    private static async Task<DeliverableEditPayload> CreateAsync(IResolveFieldContext c, CreateDeliverableInput input)
    {
        if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
        {
            return DeliverableEditPayload.Failed(problems.Select(InvalidInputError.From));
        }

        var provenance = input.Source.ToProvenance();
        var title = input.Title!.Trim();
        var created = DeliverableNode.Create(
            input.Id, title, provenance, input.Kind, input.Items, input.Status, input.StatusLabel, input.Year, input.Country, input.Note);
        var node = created with
        {
            Properties = new Dictionary<string, object?>(created.Properties)
            {
                [NodeProperties.PlannedStartDate] = input.StartDate,
                [NodeProperties.PlannedEndDate] = input.EndDate,
            }.Where(p => p.Value is not null).ToDictionary(),
        };
        var relationships = input.AgencyIds.Distinct(StringComparer.Ordinal)
            .Select(agency => new GraphRelationship(RelationshipTypes.Delivers, agency, input.Id, GraphRelationship.NoProperties, provenance))
            .Concat(Links(input.Id, RelationshipTypes.Serves, input.OutcomeIds, provenance))
            .Concat(Links(input.Id, RelationshipTypes.Supports, input.CounterpartIds, provenance))
            .Concat(Links(input.Id, RelationshipTypes.HasTheme, input.ThemeIds, provenance))
            .Concat(Links(input.Id, RelationshipTypes.LocatedIn, input.PlaceIds, provenance))
            .ToList();
        return await ApplyAsync(c, input.Id, new GraphChange(c.Writer(), "createDeliverable", input.Id, [node], relationships, [])
        {
            Expectations = [NodeExpectation.Absent(input.Id)],
        });
    }

    private static async Task<DeliverableEditPayload> UpdateAsync(IResolveFieldContext c, UpdateDeliverableInput input)
    {
        var problems = (await c.InputProblemsAsync(input)).ToList();
        var store = c.Store();
        var current = (await store.GetNodesAsync([input.Id], c.CancellationToken)).SingleOrDefault(n => n.Label == NodeLabels.Deliverable);
        if (current is null)
        {
            return DeliverableEditPayload.Failed(new NotFoundError($"There is no deliverable '{input.Id}'.", input.Id));
        }

        if (current.GetString(IatiGraphMapper.IdentifierProperty) is { } identifier)
        {
            problems.AddRange(input.Named.Where(ImportOwnedFields.Contains).Order(StringComparer.Ordinal).Select(field => new InputProblem(
                $"input.{field}", "OWNED_BY_IMPORT", $"input.{field}: comes from the IATI activity {identifier} as its publisher reports it; change it at the publisher and import the file again.")));
        }

        if (problems.Count > 0)
        {
            return DeliverableEditPayload.Failed(problems.Select(InvalidInputError.From));
        }

        var provenance = input.Source?.ToProvenance() ?? current.Provenance;
        var properties = new SortedDictionary<string, object?>(current.Properties.ToDictionary(), StringComparer.Ordinal);
        void Patch(string field, object? value, string? property = null)
        {
            if (input.Sets(field))
            {
                properties[property ?? field] = value is string text ? text.Trim() : value;
            }
        }

        Patch("title", input.Title, NodeProperties.Title);
        Patch("kind", input.Kind, NodeProperties.Kind);
        Patch("status", input.Status, NodeProperties.Status);
        Patch("statusLabel", input.StatusLabel, NodeProperties.StatusLabel);
        Patch("year", input.Year, NodeProperties.Year);
        Patch("country", input.Country, NodeProperties.Country);
        Patch("items", input.Items, NodeProperties.Items);
        Patch("note", input.Note, NodeProperties.Note);
        Patch("startDate", input.StartDate, NodeProperties.PlannedStartDate);
        Patch("endDate", input.EndDate, NodeProperties.PlannedEndDate);
        var title = properties.GetValueOrDefault("title") as string ?? current.Name;
        var node = GraphNode.Create(input.Id, NodeLabels.Deliverable, title, provenance, [.. properties.Select(p => (p.Key, p.Value))]);

        var relationships = new List<GraphRelationship>();
        var removals = new List<RelationshipRemoval>();
        foreach (var (field, type, direction, ids) in new (string, string, Direction, IReadOnlyList<string>?)[]
        {
            ("agencyIds", RelationshipTypes.Delivers, Direction.Incoming, input.AgencyIds),
            ("outcomeIds", RelationshipTypes.Serves, Direction.Outgoing, input.OutcomeIds),
            ("counterpartIds", RelationshipTypes.Supports, Direction.Outgoing, input.CounterpartIds),
            ("themeIds", RelationshipTypes.HasTheme, Direction.Outgoing, input.ThemeIds),
            ("placeIds", RelationshipTypes.LocatedIn, Direction.Outgoing, input.PlaceIds),
        })
        {
            if (input.Sets(field))
            {
                await ReplaceLinksAsync(store, input.Id, type, direction, ids ?? [], provenance, relationships, removals, c.CancellationToken);
            }
        }

        return await ApplyAsync(c, input.Id, new GraphChange(c.Writer(), "updateDeliverable", input.Id, [node], relationships, removals)
        {
            Expectations = [NodeExpectation.Present(input.Id, input.ExpectedUpdatedAt)],
        });
    }

    private static async Task<DeliverableEditPayload> DeleteAsync(IResolveFieldContext c, DeleteDeliverableInput input)
    {
        // The deliverable and every link it has now, in one read; each link is removed by name, so a link added meanwhile
        // (or one past the most a neighbourhood lists) makes the store refuse the deletion, which the payload reports.
        var around = await c.Store().GetNeighbourhoodAsync(input.Id, Coordination.CoordinationQueries.MaxNeighbourhoodRelationships, c.CancellationToken);
        if (around?.Node is not { Label: NodeLabels.Deliverable } current)
        {
            return DeliverableEditPayload.Failed(new NotFoundError($"There is no deliverable '{input.Id}'.", input.Id));
        }

        if (current.GetString(IatiGraphMapper.IdentifierProperty) is { } identifier)
        {
            return DeliverableEditPayload.Failed(new InvalidInputError(
                $"input.id: '{input.Id}' is the IATI activity {identifier}, which its import brings back; remove it from the publisher's file instead.", "input.id", "OWNED_BY_IMPORT"));
        }

        var removals = around.Relationships
            .Select(r => r.FromId == input.Id
                ? new RelationshipRemoval(input.Id, r.Type, Direction.Outgoing, r.ToId)
                : new RelationshipRemoval(input.Id, r.Type, Direction.Incoming, r.FromId))
            .ToList();

        var payload = await ApplyAsync(c, input.Id, new GraphChange(c.Writer(), "deleteDeliverable", input.Id, [], [], removals)
        {
            Expectations = [NodeExpectation.Present(input.Id, input.ExpectedUpdatedAt)],
            NodeDeletions = [input.Id],
        });
        return payload with { DeliverableId = null };
    }

    /// <summary>
    /// Replaces a node's links of one type with links to <paramref name="ids"/>: removes those to other ends, adds the
    /// missing ones with <paramref name="provenance"/>, and leaves the ones it keeps as they are (with their own sources).
    /// </summary>
    private static async Task ReplaceLinksAsync(
        IGraphStore store, string id, string type, Direction direction, IReadOnlyList<string> ids, Provenance provenance,
        List<GraphRelationship> relationships, List<RelationshipRemoval> removals, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var existing = (await store.GetRelationshipsAsync([id], type, direction, cancellationToken))
            .Select(r => direction == Direction.Outgoing ? r.ToId : r.FromId)
            .ToHashSet(StringComparer.Ordinal);
        removals.AddRange(existing.Where(other => !wanted.Contains(other)).Order(StringComparer.Ordinal)
            .Select(other => new RelationshipRemoval(id, type, direction, other)));
        relationships.AddRange(wanted.Where(other => !existing.Contains(other)).Order(StringComparer.Ordinal)
            .Select(other => direction == Direction.Outgoing
                ? new GraphRelationship(type, id, other, GraphRelationship.NoProperties, provenance)
                : new GraphRelationship(type, other, id, GraphRelationship.NoProperties, provenance)));
    }

    private static IEnumerable<GraphRelationship> Links(string id, string type, IReadOnlyList<string>? ids, Provenance provenance) =>
        (ids ?? []).Distinct(StringComparer.Ordinal).Select(other => new GraphRelationship(type, id, other, GraphRelationship.NoProperties, provenance));

    /// <summary>Applies the change; the store's refusal (a conflict, a node gone) becomes the payload's error.</summary>
    private static async Task<DeliverableEditPayload> ApplyAsync(IResolveFieldContext c, string id, GraphChange change)
    {
        var (result, error) = await c.TryApplyAsync(change);
        return error is null ? new DeliverableEditPayload(id, result, []) : DeliverableEditPayload.Failed(error);
    }
}
