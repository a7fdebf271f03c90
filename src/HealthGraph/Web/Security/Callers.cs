namespace HealthGraph.Web.Security;

/// <summary>
/// Who a caller is, as changes record it (the change log's <c>by</c>, <c>audit.updatedBy</c>), as refusals name it and
/// as the rate limit counts it: taken from the credential, never from what a caller says about itself, so no caller can
/// pose as another or as the seed tool (whose writer, <c>seed</c>, has no prefix). An API key is
/// <c>key:{its configured name}</c> (names are unique); a bearer token is <c>token:{issuer}|{subject}</c>, the trusted
/// issuer (which holds no '|') then the token's <c>sub</c> claim (which may). It is the authenticated identity's name.
/// </summary>
public static class Callers
{
    /// <summary>The claim that holds the caller's name, and the name claim of the identities HealthGraph authenticates.</summary>
    public const string ClaimType = "healthgraph:caller";

    /// <summary>The claim that holds an organisation whose work the caller may change, one claim each (<see cref="EditScope"/>).</summary>
    public const string OrganisationClaim = "healthgraph:organisation";

    public static string OfKey(string name) => $"key:{name}";

    public static string OfToken(string issuer, string subject) => $"token:{issuer}|{subject}";
}
