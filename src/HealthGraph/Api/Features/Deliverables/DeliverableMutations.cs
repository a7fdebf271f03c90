using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>The result of a change to a deliverable.</summary>
public sealed record DeliverablePayload(string DeliverableId, bool Created, ChangeResult? Result, IReadOnlyList<EditError> Errors) : IEditPayload
{
    public static DeliverablePayload Failed(string id, params IEnumerable<EditError> errors) => new(id, false, null, [.. errors]);
}

public sealed class DeliverablePayloadType : ObjectGraphType<DeliverablePayload>
{
    public DeliverablePayloadType()
    {
        Name = "DeliverablePayload";
        Description = "A deliverable after a change, and what the change did. When errors is not empty, nothing was written, and deliverable and change are null.";
        Field<DeliverableType>("deliverable").Description("The deliverable as it is now (null when errors).")
            .Resolve(c => c.Source.Result is null ? null : c.Loaders().Node(c.Source.DeliverableId));
        Field<NonNullGraphType<BooleanGraphType>>("created").Description("True when the deliverable did not exist before (false when errors).").Resolve(c => c.Source.Created);
        ChangeFields.AddTo(this, "deliverable");
    }
}

public static class DeliverableMutations
{
    public static void AddDeliverableMutations(this ObjectGraphType mutation)
    {
        mutation.AddDeliverableEdits();

        mutation.Field<DeliverablePayloadType>("upsertDeliverable")
            .Description("Records a deliverable: creates it, or replaces the fields of the one with this id. Repeating the same request changes nothing.")
            .DeprecationReason("Use createDeliverable, or updateDeliverable, which keeps what it does not name (upsertDeliverable clears every field it leaves out, an imported activity's identifier and amounts among them, and replaces every agency with one). It works as before until 2027-06-30; see schema/CHANGELOG.md.")
            .Argument<NonNullGraphType<UpsertDeliverableInputType>>("input", "The deliverable's whole state.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpsertDeliverableInput>("input");
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return c.Refused(DeliverablePayload.Failed(input.Id, problems.Select(InvalidInputError.From)));
                }

                var existed = (await c.Store().GetNodesAsync([input.Id], c.CancellationToken)).Count > 0;
                var (result, error) = await c.TryApplyAsync(ToChange(input, c.Writer()));
                return error is null ? new DeliverablePayload(input.Id, !existed, result, []) : c.Refused(DeliverablePayload.Failed(input.Id, error));
            });

        mutation.Field<DeliverablePayloadType>("setDeliverableStatus")
            .Description("Sets the status of an existing deliverable (its other fields stay as they are).")
            .Argument<NonNullGraphType<SetDeliverableStatusInputType>>("input", "The deliverable and its new status.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetDeliverableStatusInput>("input");
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return c.Refused(DeliverablePayload.Failed(input.Id, problems.Select(InvalidInputError.From)));
                }

                // Read after the check: another editor may have deleted it since, and the store checks it is still there.
                var current = (await c.Store().GetNodesAsync([input.Id], c.CancellationToken)).SingleOrDefault(n => n.Label == NodeLabels.Deliverable);
                if (current is null)
                {
                    return c.Refused(DeliverablePayload.Failed(input.Id, new NotFoundError($"There is no deliverable '{input.Id}'.", input.Id)));
                }

                var properties = new SortedDictionary<string, object?>(current.Properties.ToDictionary(), StringComparer.Ordinal)
                {
                    ["status"] = input.Status,
                    ["statusLabel"] = input.StatusLabel,
                };
                var node = current with { Properties = properties.Where(p => p.Value is not null).ToDictionary(), Stamp = null };
                var (result, error) = await c.TryApplyAsync(new GraphChange(c.Writer(), "setDeliverableStatus", input.Id, [node], [], [])
                {
                    Expectations = [NodeExpectation.Present(input.Id, current.Stamp?.UpdatedAt)],
                });
                return error is null ? new DeliverablePayload(input.Id, false, result, []) : c.Refused(DeliverablePayload.Failed(input.Id, error));
            });
    }

    private static GraphChange ToChange(UpsertDeliverableInput input, string writer)
    {
        var provenance = input.Source.ToProvenance();
        var node = DeliverableNode.Create(
            input.Id, input.Title!.Trim(), provenance, input.Kind, input.Items, input.Status, input.StatusLabel, input.Year, input.Country, input.Note);

        var relationships = new List<GraphRelationship>
        {
            new(RelationshipTypes.Delivers, input.AgencyId, input.Id, GraphRelationship.NoProperties, provenance),
        };
        var removals = new List<RelationshipRemoval> { new(input.Id, RelationshipTypes.Delivers, Direction.Incoming) };
        RelationshipSets.Replace(input.Id, provenance, relationships, removals,
            (RelationshipTypes.Serves, input.OutcomeIds),
            (RelationshipTypes.Supports, input.CounterpartIds),
            (RelationshipTypes.HasTheme, input.ThemeIds));

        return new GraphChange(writer, "upsertDeliverable", input.Id, [node], relationships, removals);
    }
}
