using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HealthGraph.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Security;

/// <summary>
/// Authenticates callers by the <c>X-Api-Key</c> header against the SHA-256 hashes of the configured keys (compared in
/// constant time) and then of the keys an administrator issued (<see cref="IApiKeyStore"/>, found by the hash's index
/// on every request, so a revoked key is refused on its next request). The key itself is never stored or logged, only
/// the name of the key that matched; the caller is named by it (<see cref="Callers"/>) and given its roles and
/// organisations (<see cref="EditScope"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AccessOptions> access,
    IApiKeyStore issued)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.Fail($"Send one API key in the {Header} header.");
        }

        var hash = ApiKeys.Hash(values[0]!);
        if (access.CurrentValue.ApiKeys.FirstOrDefault(k => ApiKeys.HashesEqual(k.Hash, hash)) is { } configured)
        {
            return Success(configured.Name, configured.Roles, configured.Organisations);
        }

        StoredApiKey? key;
        try
        {
            key = await issued.FindApiKeyAsync(hash, Context.RequestAborted);
        }
        catch (StoreException e)
        {
            return AuthenticateResult.Fail($"The API key could not be checked: {e.Message}");
        }

        return key switch
        {
            null => AuthenticateResult.Fail("The API key is not recognised."),
            { RevokedAt: { } revoked } => AuthenticateResult.Fail($"The API key '{key.Name}' was revoked at {revoked:O}."),
            _ => Success(key.Name, key.Roles, key.Organisations),
        };
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> roles, IEnumerable<string> organisations)
    {
        var identity = new ClaimsIdentity(
            [new Claim(Callers.ClaimType, Callers.OfKey(name)), .. roles.Select(r => new Claim(ClaimTypes.Role, r)), .. EditScope.Claims(organisations)],
            SchemeName, Callers.ClaimType, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>Making and checking API keys: random 256-bit keys, stored as their SHA-256.</summary>
public static class ApiKeys
{
    private const string Prefix = "sha256:";

    /// <summary>A new key: "hg_" and 43 base64url characters (32 random bytes).</summary>
    public static string Create() => "hg_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>"sha256:" and the lowercase hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsHash(string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length == Prefix.Length + 64 && value[Prefix.Length..].All(char.IsAsciiHexDigitLower);

    /// <summary>Compares two hashes in constant time, so timing reveals nothing about a stored hash.</summary>
    public static bool HashesEqual(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));
}
