using System.ComponentModel.DataAnnotations;
using System.Security.Claims;

namespace HealthGraph.Web.Security;

/// <summary>
/// Who may do what (section <c>Auth</c>). Reads are public unless <see cref="RequireAuthenticatedReads"/>; every
/// mutation, the change log and who changed an entity last (<c>audit.updatedBy</c>) need an authenticated caller in
/// the <see cref="Roles.Editor"/> role. Callers authenticate with a JWT bearer token (<see cref="Jwt"/>) or an API key
/// (<see cref="ApiKeys"/>, stored hashed).
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Auth";

    /// <summary>Require an authenticated caller for queries too. Default: false (reads are public).</summary>
    public bool RequireAuthenticatedReads { get; set; }

    /// <summary>JWT bearer tokens from an identity provider (Authority) or signed with a shared key (SigningKey).</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>API keys for scripts: a name, the SHA-256 of the key (never the key itself) and roles.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>
    /// Whether <paramref name="user"/> may read: anyone, unless <see cref="RequireAuthenticatedReads"/>, then an
    /// authenticated caller. The one home of the rule: the GraphQL endpoint (<see cref="AccessRule"/>), the SDL and the
    /// exports ask it, each answering a refusal in its own shape.
    /// </summary>
    public bool MayRead(ClaimsPrincipal? user) => !RequireAuthenticatedReads || user?.Identity?.IsAuthenticated == true;
}

public sealed class JwtOptions
{
    /// <summary>An OpenID Connect authority whose metadata gives the signing keys, e.g. https://login.example.org/realm.</summary>
    public Uri? Authority { get; set; }

    /// <summary>
    /// Whether the Authority's metadata must be fetched over HTTPS. Default: true; false only for an identity provider on
    /// this machine in development and tests.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The issuer tokens must have (iss).</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience tokens must have (aud).</summary>
    public string? Audience { get; set; }

    /// <summary>A shared HMAC-SHA256 signing key of at least 32 characters, when there is no Authority. A secret: set it from the environment.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim holding the caller's roles. Default: role.</summary>
    [Required]
    public string RoleClaim { get; set; } = "role";

    /// <summary>The claim holding the ids of the organisations whose work an editor may change. Default: organisation.</summary>
    [Required]
    public string OrganisationClaim { get; set; } = "organisation";

    /// <summary>
    /// How far the token's times (expiry, not-before) may be off this server's clock and still be accepted, for clocks
    /// that drift. Default: 30 seconds (the JWT handler's own default is 5 minutes); at most 5 minutes.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest <see cref="ClockSkew"/> allowed.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public bool IsConfigured => Authority is not null || SigningKey is not null;
}

public sealed class ApiKeyOptions
{
    /// <summary>Who the key belongs to, unique among the keys; changes made with it are recorded as <c>key:{name}</c>.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>"sha256:" and the lowercase hex SHA-256 of the key, as <c>healthgraph apikey</c> prints it.</summary>
    [Required]
    public string Hash { get; set; } = "";

    /// <summary>The key's roles, such as editor. Default: none (a key for reads when reads need one).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The ids of the organisations whose work an editor's key may change (an administrator's may change any).</summary>
    public List<string> Organisations { get; set; } = [];
}

/// <summary>The roles HealthGraph knows.</summary>
public static class Roles
{
    /// <summary>
    /// May change the work of the organisations the credential names (<see cref="EditScope"/>), add source documents, and
    /// read the change log (and who changed an entity last).
    /// </summary>
    public const string Editor = "editor";

    /// <summary>May change everything, import workbooks, and issue, list and revoke editors' keys.</summary>
    public const string Administrator = "administrator";

    /// <summary>The roles that may edit at all (the Mutation type's, the change log's): an editor's or an administrator's.</summary>
    public static readonly string[] Editing = [Editor, Administrator];
}
