using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Common;
using HealthGraph.Api.Loading;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Sdgs;

/// <summary>The result of linking or unlinking an alignment.</summary>
public sealed record AlignmentPayload(string WorkId, string SdgId, ChangeResult Result);

public sealed class AlignmentPayloadType : ObjectGraphType<AlignmentPayload>
{
    public AlignmentPayloadType()
    {
        Name = "AlignmentPayload";
        Description = "A piece of work after its alignments changed, and what the change did.";
        Field<NonNullGraphType<WorkUnion>>("work").Description("The deliverable or outcome as it is now.").Resolve(c => c.Loaders().Node(c.Source.WorkId));
        Field<AlignmentType>("alignment")
            .Description("The alignment as it is now (null after an unlink).")
            .Resolve(c => c.Loaders().Neighbours(c.Source.WorkId, RelationshipTypes.AlignsWith, Direction.Outgoing)
                .Then(ns => ((IReadOnlyList<Neighbour>)ns!).FirstOrDefault(n => n.Node.Id == c.Source.SdgId)));
        ChangeFields.AddTo(this, p => p.Result);
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
                if (!await c.ValidateAsync(input))
                {
                    return null;
                }

                var sdgId = LinkAlignmentInput.SdgId(input.SdgCode);
                var link = new GraphRelationship(RelationshipTypes.AlignsWith, input.WorkId, sdgId, GraphRelationship.NoProperties, input.Source.ToProvenance());
                var result = await c.Store().ApplyAsync(new GraphChange(c.Writer(), "linkAlignment", input.WorkId, [], [link], []), c.CancellationToken);
                return new AlignmentPayload(input.WorkId, sdgId, result);
            });

        mutation.Field<AlignmentPayloadType>("unlinkAlignment")
            .Description("Removes the alignment of a deliverable or outcome with an SDG target or goal.")
            .Argument<NonNullGraphType<UnlinkAlignmentInputType>>("input", "The work and the target or goal.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UnlinkAlignmentInput>("input");
                if (!await c.ValidateAsync(input))
                {
                    return null;
                }

                var sdgId = LinkAlignmentInput.SdgId(input.SdgCode);
                var removal = new RelationshipRemoval(input.WorkId, RelationshipTypes.AlignsWith, Direction.Outgoing, sdgId);
                var result = await c.Store().ApplyAsync(new GraphChange(c.Writer(), "unlinkAlignment", input.WorkId, [], [], [removal]), c.CancellationToken);
                return new AlignmentPayload(input.WorkId, sdgId, result);
            });
    }
}
