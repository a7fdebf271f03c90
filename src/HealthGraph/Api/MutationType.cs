using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Features.ApiKeys;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Documents;
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
        Description = "Edits of the graph, for editors and administrators only: an anonymous caller gets an error with code UNAUTHENTICATED, one with neither role FORBIDDEN, and nothing is written. An administrator edits everything; an editor edits the work of the organisations its key or token names (a deliverable they hold a role on, the organisation itself, an outcome of a results framework it manages) and may add source documents; anything else is refused with ForbiddenError. Every input is validated before anything is written. On any problem nothing is written, and each comes back in the payload's errors: InvalidInputError with the input field's path, ConflictError, NotFoundError, ForbiddenError. A request that does not select errors (a client written before payloads had them) gets each as a top-level error instead, with its code (INVALID_INPUT with the input field's path in extensions.field, CONFLICT, NOT_FOUND, FORBIDDEN), and a null payload. Every write is recorded with who made it and when.";
        this.AuthorizeWithRoles(Roles.Editing);
        this.AddDeliverableMutations();
        this.AddAlignmentMutations();
        this.AddOrganizationMutations();
        this.AddDocumentMutations();
        this.AddApiKeyMutations();
    }
}
