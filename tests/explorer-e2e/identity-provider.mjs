// A real OpenID provider for the browser tests (the oidc-provider package, certified by the OpenID Foundation), with
// its development login and consent pages: any login name signs in as that account. Its access tokens are JWTs for
// HealthGraph's audience, carrying each account's roles and organisations as an identity provider of a council would.
import Provider from 'oidc-provider';

/** The audience of the access tokens (a resource indicator, so an absolute URI), as the host's Auth:Jwt:Audience names it. */
export const audience = 'urn:healthgraph:api';

/** The explorer's client at the provider, as the host's Explorer:SignInClientId names it. */
export const clientId = 'healthgraph-explorer';

/**
 * Starts the provider at http://localhost:<port> (another host than the explorer's 127.0.0.1, so that its cookies are
 * never the explorer's) with one public client whose redirect URI is the explorer's page. `accounts` gives each login
 * name the claims its access tokens carry (such as { role: ['editor'], organisation: ['who'] }).
 */
export async function startIdentityProvider({ port, redirectUri, accounts }) {
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        application_type: 'web',
        token_endpoint_auth_method: 'none', // a public client: PKCE instead of a secret (the provider requires it)
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
      },
    ],
    cookies: { keys: ['healthgraph-e2e-cookie-key'] },
    findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid', audience, accessTokenTTL: 600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? (accounts[token.accountId] ?? {}) : undefined),
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
  });
  const server = provider.listen(port);
  await new Promise((ready) => server.once('listening', ready));
  return {
    issuer,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((done) => server.close(done));
    },
  };
}
