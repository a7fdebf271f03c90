using System.Security.Claims;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using HealthGraph.Api.Engine.Execution;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Security;

/// <summary>
/// Enforces who may run what, before anything executes (so a refused mutation writes nothing): the roles that
/// graph types and fields require (graphql-dotnet's <c>AuthorizeWithRoles</c> metadata, set on the Mutation type,
/// the change log and <c>audit.updatedBy</c>) and, when reads need a key, an authenticated caller for every
/// operation. An anonymous caller gets <c>UNAUTHENTICATED</c>; an authenticated one without the role gets <c>FORBIDDEN</c>.
/// </summary>
public sealed class AccessRule(IOptions<AccessOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var user = context.User;
        if (!options.Value.MayRead(user))
        {
            context.ReportError(AccessDeniedError.Unauthenticated(context, context.Operation, "This server answers authenticated callers only"));
            return default;
        }

        var root = context.Schema.RootType(context.Operation.Operation);
        if (root is not null && !Check(context, user, root, context.Operation, $"a {context.Operation.Operation.ToString().ToLowerInvariant()}"))
        {
            return default;
        }

        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((field, validation) =>
        {
            if (validation.TypeInfo.GetFieldDef() is { } definition)
            {
                Check(validation, user, definition, field, $"'{definition.Name}'");
            }
        }));
    }

    private static bool Check(ValidationContext context, ClaimsPrincipal? user, IMetadataReader secured, ASTNode node, string what)
    {
        if (!secured.IsAuthorizationRequired())
        {
            return true;
        }

        if (!IsAuthenticated(user))
        {
            context.ReportError(AccessDeniedError.Unauthenticated(context, node, $"Running {what} needs an authenticated caller"));
            return false;
        }

        var roles = secured.GetRoles() ?? [];
        if (roles.Count > 0 && !roles.Any(user!.IsInRole))
        {
            context.ReportError(AccessDeniedError.Forbidden(context, node, $"Running {what} needs the role {string.Join(" or ", roles)}; '{user.Identity!.Name}' does not have it."));
            return false;
        }

        return true;
    }

    private static bool IsAuthenticated(ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true;
}

/// <summary>A caller who may not run (part of) an operation: UNAUTHENTICATED (who are you?) or FORBIDDEN (not you).</summary>
public sealed class AccessDeniedError : ValidationError
{
    public const string UnauthenticatedCode = "UNAUTHENTICATED";
    public const string ForbiddenCode = "FORBIDDEN";

    private AccessDeniedError(ValidationContext context, ASTNode node, string code, string message)
        : base(context.Document.Source, null!, message, node) => Code = code;

    public static AccessDeniedError Unauthenticated(ValidationContext context, ASTNode node, string what) =>
        new(context, node, UnauthenticatedCode, $"{what}: send a bearer token (Authorization: Bearer ...) or an API key ({ApiKeyAuthenticationHandler.Header}).");

    public static AccessDeniedError Forbidden(ValidationContext context, ASTNode node, string message) => new(context, node, ForbiddenCode, message);
}

/// <summary>
/// A caller the access rule refused learns nothing more about the document: the answer holds only the refusals (the
/// access errors, and over GET that the operation needs POST), not what the other validation rules found (those could
/// describe the schema, such as the fields of an input the caller misspelt), whatever the introspection setting.
/// </summary>
public sealed class AccessRefusalOnly : IConfigureExecution
{
    /// <summary>After the persisted documents' handler (100) and the document cache (200): it reads the final result.</summary>
    public float SortOrder => 300;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options);
        if (!result.Executed && result.Errors is { } errors && errors.Any(e => e is AccessDeniedError) && !errors.All(IsRefusal))
        {
            var refusals = new ExecutionErrors();
            refusals.AddRange(errors.Where(IsRefusal));
            result.Errors = refusals;
        }

        return result;
    }

    private static bool IsRefusal(ExecutionError error) => error is AccessDeniedError or Transport.OperationNotAllowedOverGetError;
}
