using System.Security.Claims;
using HealthGraph.Store;

namespace HealthGraph.Web.Security;

/// <summary>
/// Whose work a caller may change, as its credential says: an administrator any; an editor the work of the organisations
/// its key or token names (<see cref="Callers.OrganisationClaim"/>). The store applies the limit to each change under
/// its locks (<see cref="EditLimit"/>).
/// </summary>
public static class EditScope
{
    /// <summary>The limit of <paramref name="user"/>'s changes; null for an administrator (no limit).</summary>
    public static EditLimit? LimitOf(ClaimsPrincipal? user) =>
        user?.IsInRole(Roles.Administrator) == true ? null : new EditLimit(user?.Identity?.Name ?? "an anonymous caller", Organisations(user));

    /// <summary>The ids of the organisations whose work <paramref name="user"/> may change, in order.</summary>
    public static IReadOnlyList<string> Organisations(ClaimsPrincipal? user) =>
        user is null ? [] : [.. user.FindAll(Callers.OrganisationClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The claims that give a caller its organisations.</summary>
    public static IEnumerable<Claim> Claims(IEnumerable<string> organisations) =>
        organisations.Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.Ordinal).Select(o => new Claim(Callers.OrganisationClaim, o));
}
