import { ApiError, execute } from '../api';
import { h, replace } from '../dom';
import { ExplorerViewerDocument } from '../generated/graphql';
import { navigate } from '../route';
import { administratorRole, editorRole, signIn, signOut, viewer } from '../session';
import { heading, type View } from './shared';

/**
 * Sign in as an editor with an API key: the API is asked who the key names (`viewer`); a key it does not recognise, or
 * one that may only read, is explained and not kept. Signed in, the page offers the forms the role may use.
 */
export const signInView: View = async (container, params) => {
  const next = params.get('next');
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
          const who = (await execute(ExplorerViewerDocument, {}, undefined, key.value)).viewer;
          if (!who.authenticated || !who.name) {
            replace(result, h('p', { role: 'alert', class: 'error' }, 'The API key was not recognised: check it, or ask an administrator for one.'));
          } else if (!who.roles.includes(editorRole) && !who.roles.includes(administratorRole)) {
            replace(result, h('p', { role: 'alert', class: 'error' }, `This key (${who.name}) may read but not edit: editing needs an editor’s key.`));
          } else {
            signIn(key.value, { name: who.name, roles: who.roles, organizationIds: who.organizationIds });
            // Back to the view that asked for it (a route of this page, such as "edit?id=..."), else the heatmap.
            if (next) {
              location.hash = `#/${next}`;
            } else {
              navigate('overlap', {});
            }
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
    form,
    result,
  );
  key.focus();
};
