using System.Security.Claims;
using GraphQL.Types;

namespace HealthGraph.Web.Security;

/// <summary>
/// Who is asking, as the server sees the credential (API key or bearer token) that came with the request: a front end
/// shows who is signed in and hides what the caller's roles may not do (the server still checks every change).
/// </summary>
public sealed class ViewerType : ObjectGraphType<ClaimsPrincipal>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "Who is asking: the caller the request's API key or token names, and its roles.";
        Field<NonNullGraphType<BooleanGraphType>>("authenticated")
            .Description("Whether the request carried a valid API key or token.")
            .Resolve(c => c.Source.Identity?.IsAuthenticated == true);
        Field<StringGraphType>("name")
            .Description("The caller's name as the change log records it ('key:<name>' or 'token:<issuer>|<subject>'); null when anonymous.")
            .Resolve(c => c.Source.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("organizationIds")
            .Description("The organizations whose work the caller may change, as its key or token names them; an administrator (role 'administrator') may change any work.")
            .Resolve(c => EditScope.Organisations(c.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles")
            .Description("The caller's roles: 'editor' (changes its organizations' work), 'administrator' (changes everything, manages keys); empty when anonymous.")
            .Resolve(c => c.Source.Identities
                .Where(i => i.IsAuthenticated)
                .SelectMany(i => i.FindAll(i.RoleClaimType).Select(claim => claim.Value))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList());
    }
}
