/**
 * Who the page is signed in as. An editor signs in with an API key, or (where the server names one) at the identity
 * provider, whose access token stands in for the key: either is kept for this tab only (sessionStorage, gone when the
 * tab closes), sent in a header (X-Api-Key, or Authorization: Bearer), and never put in the address, a cookie or
 * localStorage. The page shows only what the role may do; the server checks every change whatever the page shows.
 */
const keyStorage = 'healthgraph.apiKey';
const tokenStorage = 'healthgraph.token';
const nameStorage = 'healthgraph.viewer';

/**
 * The roles the API gives a caller (Web/Security/Roles): an editor changes its organisations' work, an administrator
 * changes everything and manages keys.
 */
export const editorRole = 'editor';
export const administratorRole = 'administrator';

export interface Viewer {
  name: string;
  roles: string[];
  /** The organisations whose work an editor changes (empty for an administrator, who changes any). */
  organizationIds: string[];
}

/** The key the page is signed in with, or null. */
export function apiKey(): string | null {
  return sessionStorage.getItem(keyStorage);
}

/** The access token the page is signed in with at the identity provider, or null. */
export function accessToken(): string | null {
  return sessionStorage.getItem(tokenStorage);
}

/** The header that carries the page's credential (the only place it is ever sent), or none. */
export function credentialHeaders(): Record<string, string> {
  const key = apiKey();
  const token = accessToken();
  return key ? { 'X-Api-Key': key } : token ? { Authorization: `Bearer ${token}` } : {};
}

/** Who the page is signed in as (as the API named the credential when it was checked), or null. */
export function viewer(): Viewer | null {
  const text = apiKey() || accessToken() ? sessionStorage.getItem(nameStorage) : null;
  return text ? (JSON.parse(text) as Viewer) : null;
}

/** Whether the page is signed in with a key that may edit. */
export function canEdit(): boolean {
  const roles = viewer()?.roles ?? [];
  return roles.includes(editorRole) || roles.includes(administratorRole);
}

/** Whether the page is signed in as an administrator (who changes everything and manages keys). */
export function isAdministrator(): boolean {
  return viewer()?.roles.includes(administratorRole) ?? false;
}

/**
 * Whether the signed-in caller may change something held by these organisations (the API's EditLimit: an editor
 * changes its organisations' work only). The server checks every change whatever this says.
 */
export function mayChange(holders: string[]): boolean {
  const who = viewer();
  return canEdit() && (isAdministrator() || holders.some((holder) => who?.organizationIds?.includes(holder)));
}

/** Keeps a credential the API has recognised (an API key, or an access token), with whom it names, for this tab. */
export function signIn(credential: { key: string } | { token: string }, who: Viewer): void {
  sessionStorage.clear();
  sessionStorage.setItem('key' in credential ? keyStorage : tokenStorage, 'key' in credential ? credential.key : credential.token);
  sessionStorage.setItem(nameStorage, JSON.stringify(who));
  window.dispatchEvent(new Event('healthgraph:session'));
}

/** Forgets the credential and whom it named (and the identity provider client's own records of the sign-in). */
export function signOut(): void {
  sessionStorage.clear();
  window.dispatchEvent(new Event('healthgraph:session'));
}
