using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HealthGraph.Web.Security;

public static class AccessControlExtensions
{
    /// <summary>Picks the scheme by what the caller sent: an API key header, else a bearer token.</summary>
    public const string Scheme = "HealthGraph";

    /// <summary>
    /// Authentication by JWT bearer token or API key, with options validated at start-up (a wrong setting names
    /// itself). Authorization happens in GraphQL validation (<see cref="AccessRule"/>), so a refused operation never
    /// runs.
    /// </summary>
    public static IHostApplicationBuilder AddHealthGraphAccessControl(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>()
            .BindConfiguration(AccessOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ApiKeys.All(k => ApiKeys.IsHash(k.Hash)),
                "Auth:ApiKeys:*:Hash must be 'sha256:' and 64 lowercase hex digits, as `healthgraph apikey` prints it (never the key itself).")
            .Validate(o => o.ApiKeys.All(k => !string.IsNullOrWhiteSpace(k.Name)), "Auth:ApiKeys:*:Name must name the key's owner.")
            .Validate(o => o.ApiKeys.DistinctBy(k => k.Name, StringComparer.Ordinal).Count() == o.ApiKeys.Count,
                "Auth:ApiKeys:*:Name must differ from key to key: changes are recorded under the key's name.")
            .Validate(o => o.Jwt.SigningKey is null || o.Jwt.SigningKey.Length >= 32, "Auth:Jwt:SigningKey must be at least 32 characters.")
            .Validate(o => o.Jwt.Authority is null || o.Jwt.SigningKey is null, "Auth:Jwt: set Authority (an identity provider) or SigningKey (a shared key), not both.")
            .Validate(o => !o.Jwt.IsConfigured || (!string.IsNullOrWhiteSpace(o.Jwt.Issuer) && !string.IsNullOrWhiteSpace(o.Jwt.Audience)),
                "Auth:Jwt:Issuer and Auth:Jwt:Audience must be set when bearer tokens are accepted.")
            .Validate(o => o.Jwt.Issuer?.Contains('|', StringComparison.Ordinal) != true,
                "Auth:Jwt:Issuer must not hold '|': it ends the issuer in the names changes are recorded under (token:{issuer}|{subject}).")
            .Validate(o => o.Jwt.ClockSkew >= TimeSpan.Zero && o.Jwt.ClockSkew <= JwtOptions.MaxClockSkew,
                $"Auth:Jwt:ClockSkew must be between 00:00:00 and {JwtOptions.MaxClockSkew:c}.")
            .ValidateOnStart();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessOptions>>((jwt, access) => ConfigureJwt(jwt, access.Value.Jwt));
        return builder;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, JwtOptions options)
    {
        jwt.MapInboundClaims = false; // claims keep their JWT names (role, sub)
        jwt.Authority = options.Authority?.ToString();
        jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = options.SigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)),
            ClockSkew = options.ClockSkew,
            RoleClaimType = options.RoleClaim,
            NameClaimType = Callers.ClaimType,
            // Without any configuration no key exists, so every token fails; the message below says why.
            RequireSignedTokens = true,
        };
        jwt.Events = new JwtBearerEvents { OnTokenValidated = context => NameTheCaller(context, options.OrganisationClaim) };
    }

    /// <summary>
    /// Names the token's caller by its issuer and subject (<see cref="Callers"/>), replacing any claim of that type the
    /// token carries, so its name claims cannot choose what changes are recorded under; gives it the organisations of
    /// its <paramref name="organisationClaim"/>. A token without a subject is
    /// refused: there would be no one to record.
    /// </summary>
    private static Task NameTheCaller(TokenValidatedContext context, string organisationClaim)
    {
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        if (identity.FindFirst("sub")?.Value is not { Length: > 0 } subject)
        {
            context.Fail("The bearer token has no subject (sub) claim, so its changes could not be recorded under who made them.");
            return Task.CompletedTask;
        }

        foreach (var claimed in identity.FindAll(Callers.ClaimType).ToList())
        {
            identity.RemoveClaim(claimed);
        }

        identity.AddClaim(new Claim(Callers.ClaimType, Callers.OfToken(context.SecurityToken.Issuer, subject)));

        // The organisations come from the configured claim only; a token cannot carry HealthGraph's own claim instead.
        foreach (var claimed in identity.FindAll(Callers.OrganisationClaim).ToList())
        {
            identity.RemoveClaim(claimed);
        }

        identity.AddClaims([.. EditScope.Claims([.. identity.FindAll(organisationClaim).Select(c => c.Value)])]);
        return Task.CompletedTask;
    }

    /// <summary>Why a presented credential was refused, in words a caller can act on (never the token or key).</summary>
    public static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The bearer token is for another audience.",
        SecurityTokenInvalidIssuerException => "The bearer token is from an issuer this server does not trust.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token's signature does not verify.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is not a well-formed JWT.",
        SecurityTokenException => "The bearer token is not valid.",
        _ => failure.Message, // the API key handler's own, plain messages
    };
}
