import { ApiError, execute } from '../api';
import { h, replace } from '../dom';
import { ExplorerViewerDocument } from '../generated/graphql';
import { completeProviderSignIn, identityProvider, redirectToProvider } from '../oidc';
import { navigate } from '../route';
import { administratorRole, editorRole, signIn, signOut, viewer, type Viewer } from '../session';
import { heading, type View } from './shared';

/** Whether a caller the API names may edit (an editor's or an administrator's role). */
function mayEdit(who: Pick<Viewer, 'roles'>): boolean {
  return who.roles.includes(editorRole) || who.roles.includes(administratorRole);
}

/** Goes on to the view that asked for the sign-in (a route of this page, such as "edit?id=..."), else the heatmap. */
function goOn(next: string | null): void {
  if (next) {
    location.hash = `#/${next}`;
  } else {
    navigate('overlap', {});
  }
}

/**
 * Finishes a sign-in at the identity provider when the browser comes back from it: the token is checked with the API
 * (`viewer`) and kept only if it names a caller who may edit; otherwise the sign-in page says why.
 */
export async function finishProviderSignIn(): Promise<void> {
  let problem: string;
  try {
    const done = await completeProviderSignIn();
    if (!done) {
      return;
    }
    const who = (await execute(ExplorerViewerDocument, {}, undefined, { Authorization: `Bearer ${done.token}` })).viewer;
    if (who.authenticated && who.name && mayEdit(who)) {
      signIn({ token: done.token }, { name: who.name, roles: who.roles, organizationIds: who.organizationIds });
      goOn(done.next);
      return;
    }
    problem = who.authenticated
      ? 'You are signed in at the identity provider, but your account may read and not edit: ask an administrator for the editor role.'
      : 'This server did not accept the identity provider’s sign-in.';
  } catch (error) {
    problem = `Signing in at the identity provider did not finish: ${error instanceof Error ? error.message : String(error)}`;
  }
  navigate('signin', { problem });
}

/**
 * Sign in as an editor with an API key, or at the identity provider where the server names one: the API is asked who the key names (`viewer`); a key it does not recognise, or
 * one that may only read, is explained and not kept. Signed in, the page offers the forms the role may use.
 */
export const signInView: View = async (container, params) => {
  const next = params.get('next');
  const provider = identityProvider();
  const signedIn = viewer();
  const key = h('input', { id: 'sign-in-key', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'sign-in-help' });
  const result = h('div', { id: 'sign-in-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Sign in');

  const form = h(
    'form',
    {
      class: 'edit',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        replace(result, h('p', { role: 'status' }, 'Checking the key…'));
        try {
          const who = (await execute(ExplorerViewerDocument, {}, undefined, { 'X-Api-Key': key.value })).viewer;
          if (!who.authenticated || !who.name) {
            replace(result, h('p', { role: 'alert', class: 'error' }, 'The API key was not recognised: check it, or ask an administrator for one.'));
          } else if (!mayEdit(who)) {
            replace(result, h('p', { role: 'alert', class: 'error' }, `This key (${who.name}) may read but not edit: editing needs an editor’s key.`));
          } else {
            signIn({ key: key.value }, { name: who.name, roles: who.roles, organizationIds: who.organizationIds });
            goOn(next);
            return;
          }
        } catch (error) {
          const unauthenticated = error instanceof ApiError && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
          replace(
            result,
            h('p', { role: 'alert', class: 'error' }, unauthenticated ? 'The API key was not recognised: check it, or ask an administrator for one.' : error instanceof Error ? error.message : String(error)),
          );
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'sign-in-key', class: 'field' }, 'Editor’s API key', key),
    h('p', { id: 'sign-in-help', class: 'more' }, 'Kept in this browser tab only, until it closes; sent to the server in a header, never in the address.'),
    submit,
  );

  replace(
    container,
    heading('Sign in', 'Editors keep the graph current: new work, changes to it, and its links to the SDGs, each with its source.'),
    signedIn
      ? h(
          'p',
          { class: 'summary' },
          `Signed in as ${signedIn.name}. `,
          h('button', { type: 'button', onclick: () => { signOut(); navigate('signin', {}); } }, 'Sign out'),
        )
      : null,
    params.get('problem') ? h('p', { role: 'alert', class: 'error' }, params.get('problem')) : null,
    provider
      ? h(
          'section',
          { class: 'provider-sign-in' },
          h('button', { type: 'button', id: 'sign-in-provider', onclick: () => void redirectToProvider(provider, next ?? '') }, `Sign in at ${new URL(provider.authority).host}`),
          h('p', { class: 'more' }, 'With your organisation’s account; or with an API key:'),
        )
      : null,
    form,
    result,
  );
  key.focus();
};
