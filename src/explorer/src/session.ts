/**
 * Who the page is signed in as. An editor signs in with an API key: it is kept for this tab only (sessionStorage, gone
 * when the tab closes), sent in the X-Api-Key header, and never put in the address, a cookie or localStorage. The page
 * shows only what the role may do; the server checks every change whatever the page shows.
 */
const keyStorage = 'healthgraph.apiKey';
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

/** Who the page is signed in as (as the API named the key when it was checked), or null. */
export function viewer(): Viewer | null {
  const text = apiKey() ? sessionStorage.getItem(nameStorage) : null;
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

/** Keeps a key the API has recognised, with whom it names, for this tab. */
export function signIn(key: string, who: Viewer): void {
  sessionStorage.setItem(keyStorage, key);
  sessionStorage.setItem(nameStorage, JSON.stringify(who));
  window.dispatchEvent(new Event('healthgraph:session'));
}

export function signOut(): void {
  sessionStorage.removeItem(keyStorage);
  sessionStorage.removeItem(nameStorage);
  window.dispatchEvent(new Event('healthgraph:session'));
}
