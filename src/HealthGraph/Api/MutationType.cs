using GraphQL.Types;
using HealthGraph.Api.Deliverables;
using HealthGraph.Api.Organizations;
using HealthGraph.Api.Sdgs;

namespace HealthGraph.Api;

/// <summary>The edits a coordination secretariat makes. Each is validated first; an invalid input writes nothing.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Edits of the graph. Every input is validated before anything is written: on any error, nothing is written and each problem comes back as an error with code INVALID_INPUT and the input field's path in extensions.field. Every write is recorded with who made it and when.";
        this.AddDeliverableMutations();
        this.AddAlignmentMutations();
        this.AddOrganizationMutations();
    }
}
