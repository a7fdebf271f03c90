using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HealthGraph.Tests.Support;

/// <summary>Bearer tokens as an identity provider would issue them, signed with the test host's shared key.</summary>
public static class TestTokens
{
    public const string Issuer = "https://id.healthgraph.test";
    public const string Audience = "healthgraph-api";

    /// <summary>A token for <paramref name="subject"/> (none: a token without a sub claim), with any other claims given.</summary>
    public static string Create(
        string? subject,
        string? name = null,
        IEnumerable<string>? roles = null,
        string issuer = Issuer,
        string audience = Audience,
        string signingKey = HealthGraphApp.JwtSigningKey,
        DateTime? expires = null,
        IEnumerable<Claim>? claims = null)
    {
        var all = new List<Claim>(claims ?? []);
        if (subject is not null)
        {
            all.Add(new Claim("sub", subject));
        }

        if (name is not null)
        {
            all.Add(new Claim("name", name));
        }

        all.AddRange((roles ?? []).Select(r => new Claim("role", r)));
        var notBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(all),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
