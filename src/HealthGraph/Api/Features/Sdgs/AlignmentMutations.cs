using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Loading;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Sdgs;

/// <summary>The result of linking or unlinking an alignment.</summary>
public sealed record AlignmentPayload(string WorkId, string SdgId, ChangeResult? Result, IReadOnlyList<EditError> Errors) : IEditPayload
{
    public static AlignmentPayload Failed(string workId, string sdgId, params IEnumerable<EditError> errors) => new(workId, sdgId, null, [.. errors]);
}

public sealed class AlignmentPayloadType : ObjectGraphType<AlignmentPayload>
{
    public AlignmentPayloadType()
    {
        Name = "AlignmentPayload";
        Description = "A piece of work after its alignments changed, and what the change did. When errors is not empty, nothing was written, and work and change are null.";
        Field<WorkUnion>("work").Description("The deliverable or outcome as it is now (null when errors).")
            .Resolve(c => c.Source.Result is null ? null : c.Loaders().Node(c.Source.WorkId));
        Field<AlignmentType>("alignment")
            .Description("The alignment as it is now (null after an unlink, or when errors).")
            .Resolve(c => c.Source.Result is null ? null : c.Loaders().Neighbours(c.Source.WorkId, RelationshipTypes.AlignsWith, Direction.Outgoing)
                .Then(ns => ((IReadOnlyList<Neighbour>)ns!).FirstOrDefault(n => n.Node.Id == c.Source.SdgId)));
        ChangeFields.AddTo(this, "work");
    }
}

public static class AlignmentMutations
{
    public static void AddAlignmentMutations(this ObjectGraphType mutation)
    {
        mutation.Field<AlignmentPayloadType>("linkAlignment")
            .Description("Aligns a deliverable or outcome with an SDG target or goal, stated (with document and excerpt) or inferred (with a reason).")
            .Argument<NonNullGraphType<LinkAlignmentInputType>>("input", "The work, the target or goal, and the source.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<LinkAlignmentInput>("input");
                var sdgId = LinkAlignmentInput.SdgId(input.SdgCode);
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return c.Refused(AlignmentPayload.Failed(input.WorkId, sdgId, problems.Select(InvalidInputError.From)));
                }

                var link = new GraphRelationship(RelationshipTypes.AlignsWith, input.WorkId, sdgId, GraphRelationship.NoProperties, input.Source.ToProvenance());
                var (result, error) = await c.TryApplyAsync(new GraphChange(c.Writer(), "linkAlignment", input.WorkId, [], [link], []));
                return error is null ? new AlignmentPayload(input.WorkId, sdgId, result, []) : c.Refused(AlignmentPayload.Failed(input.WorkId, sdgId, error));
            });

        mutation.Field<AlignmentPayloadType>("unlinkAlignment")
            .Description("Removes the alignment of a deliverable or outcome with an SDG target or goal.")
            .Argument<NonNullGraphType<UnlinkAlignmentInputType>>("input", "The work and the target or goal.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UnlinkAlignmentInput>("input");
                var sdgId = LinkAlignmentInput.SdgId(input.SdgCode);
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return c.Refused(AlignmentPayload.Failed(input.WorkId, sdgId, problems.Select(InvalidInputError.From)));
                }

                var removal = new RelationshipRemoval(input.WorkId, RelationshipTypes.AlignsWith, Direction.Outgoing, sdgId);
                var (result, error) = await c.TryApplyAsync(new GraphChange(c.Writer(), "unlinkAlignment", input.WorkId, [], [], [removal]));
                return error is null ? new AlignmentPayload(input.WorkId, sdgId, result, []) : c.Refused(AlignmentPayload.Failed(input.WorkId, sdgId, error));
            });
    }
}
