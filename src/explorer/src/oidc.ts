import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

/**
 * Signing in at the council's identity provider, where the server names one (Auth:Jwt:Authority and
 * Explorer:SignInClientId, written into the page's head): the authorization code flow with PKCE, by oidc-client-ts. Its
 * records of the sign-in are kept in this tab only (sessionStorage), and the code the provider sends back is taken out
 * of the address as soon as it is used.
 */
export interface IdentityProvider {
  authority: string;
  clientId: string;
}

/** The identity provider the page signs in with, or null when the server names none. */
export function identityProvider(): IdentityProvider | null {
  const [authority, clientId] = (document.querySelector<HTMLMetaElement>('meta[name="healthgraph-sign-in"]')?.content ?? '').trim().split(/\s+/);
  return authority && clientId ? { authority, clientId } : null;
}

function manager(provider: IdentityProvider): UserManager {
  const store = new WebStorageStateStore({ store: window.sessionStorage });
  return new UserManager({
    authority: provider.authority,
    client_id: provider.clientId,
    // The page itself, without its route: the provider sends the code back here, and the route travels in the state.
    redirect_uri: new URL('./', document.baseURI).href,
    response_type: 'code',
    scope: 'openid',
    userStore: store,
    stateStore: store,
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
}

/** Goes to the identity provider to sign in; back here, `next` (a route of the page) is where the page goes. */
export async function redirectToProvider(provider: IdentityProvider, next: string): Promise<void> {
  await manager(provider).signinRedirect({ state: next });
}

/**
 * Completes a sign-in the provider sent the browser back from (`?code=...&state=...`, or `?error=...`): the access
 * token and the route to go on to, or null when the address holds no answer from the provider. The answer is taken out
 * of the address whatever happens.
 */
export async function completeProviderSignIn(): Promise<{ token: string; next: string } | null> {
  const provider = identityProvider();
  const answer = new URLSearchParams(location.search);
  if (!provider || !answer.has('state') || !(answer.has('code') || answer.has('error'))) {
    return null;
  }
  try {
    const user = await manager(provider).signinRedirectCallback();
    return { token: user.access_token, next: typeof user.state === 'string' ? user.state : '' };
  } finally {
    history.replaceState(null, '', location.pathname + location.hash);
  }
}
