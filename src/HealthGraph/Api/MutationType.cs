using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Organizations;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Web.Security;

namespace HealthGraph.Api;

/// <summary>The edits a coordination secretariat makes. Each is validated first; an invalid input writes nothing.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Edits of the graph, for editors only: an anonymous caller gets an error with code UNAUTHENTICATED, one without the editor role FORBIDDEN, and nothing is written. Every input is validated before anything is written. On any problem nothing is written, and each comes back in the payload's errors: InvalidInputError with the input field's path, ConflictError, NotFoundError. A request that does not select errors (a client written before payloads had them) gets each as a top-level error instead, with its code (INVALID_INPUT with the input field's path in extensions.field, CONFLICT, NOT_FOUND), and a null payload. Every write is recorded with who made it and when.";
        this.AuthorizeWithRoles(Roles.Editor);
        this.AddDeliverableMutations();
        this.AddAlignmentMutations();
        this.AddOrganizationMutations();
    }
}
