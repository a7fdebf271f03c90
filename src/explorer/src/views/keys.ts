import { execute, mutate } from '../api';
import { h, replace } from '../dom';
import { chips, field, formErrors } from '../form';
import { ExplorerApiKeysDocument, ExplorerIssueApiKeyDocument, ExplorerRevokeApiKeyDocument, type KeyRole } from '../generated/graphql';
import { administratorsOnly, heading, writerName, type View } from './shared';

/** How many keys the page lists at once; "More keys" lists the next ones. */
const keysPerPage = 50;

/**
 * Editors' keys, for administrators (`#/keys`): the keys issued (never the keys themselves, which the server does not
 * keep), a form to issue one (whose it is, its role, an editor's organisations) that shows the new key once, and a
 * revoke button on each, which asks again before it revokes: a revoked key is refused from its next request on.
 */
export const keysView: View = async (container, _params, signal) => {
  if (!administratorsOnly(container, 'Editors’ keys', 'keys')) {
    return;
  }

  const table = h('tbody', {});
  const more = h('p', {});
  const status = h('p', { role: 'status', class: 'saved' });
  const list = async (after: string | null) => {
    const keys = (await execute(ExplorerApiKeysDocument, { first: keysPerPage, after }, signal)).apiKeys;
    table.append(
      ...keys.map((key) => {
        const revoke = h('button', { type: 'button', class: 'link', 'aria-label': `Revoke ${key.name}’s key` }, 'Revoke');
        revoke.addEventListener('click', async () => {
          // Asked twice, in the page (a dialog box would leave the keyboard and screen reader behind): the first press arms it.
          if (revoke.dataset.armed !== 'yes') {
            revoke.dataset.armed = 'yes';
            revoke.textContent = `Yes, revoke ${key.name}’s key`;
            revoke.setAttribute('aria-label', `Yes, revoke ${key.name}’s key now`);
            return;
          }
          const payload = (await mutate(ExplorerRevokeApiKeyDocument, { name: key.name })).revokeApiKey;
          if (payload.errors.length === 0 && payload.apiKey?.revokedAt) {
            replace(revoke.parentElement!, `Revoked ${new Date(payload.apiKey.revokedAt).toLocaleString()}`);
            status.textContent = `${key.name}’s key is revoked: it is refused from its next request on.`;
          } else {
            status.textContent = payload.errors.map((e) => e.message).join(' ');
          }
        });
        return h(
          'tr',
          { 'data-key': key.name },
          h('th', { scope: 'row' }, key.name),
          h('td', {}, key.roles.join(', ')),
          h('td', {}, key.organizationIds.join(', ') || (key.roles.includes('administrator') ? 'all' : '')),
          h('td', {}, `${new Date(key.createdAt).toLocaleDateString()} by ${writerName(key.createdBy)}`),
          h('td', {}, key.revokedAt ? `Revoked ${new Date(key.revokedAt).toLocaleString()} by ${writerName(key.revokedBy ?? '')}` : revoke),
        );
      }),
    );
    const last = keys.at(-1);
    replace(
      more,
      keys.length === keysPerPage && last
        ? h('button', { type: 'button', onclick: () => void list(last.name) }, 'More keys')
        : table.children.length === 0 ? 'No key has been issued yet.' : null,
    );
  };

  const nameInput = h('input', { id: 'key-name', name: 'key-name', type: 'text', autocomplete: 'off', required: true });
  const roleRadios = (['EDITOR', 'ADMINISTRATOR'] as KeyRole[]).map((value, i) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'key-role', value, checked: i === 0 }), value === 'EDITOR' ? ' Editor of its organisations’ work' : ' Administrator (everything, and keys)'),
  );
  const role = () => (roleRadios.map((r) => r.querySelector('input')!).find((r) => r.checked)?.value ?? 'EDITOR') as KeyRole;
  const organisations = chips({ path: 'input.organizationIds', id: 'key-organizations', label: 'Its organisations', kinds: ['ORGANIZATION'], signal, values: [], help: 'An editor changes the work of these organisations only.' });
  const roleError = h('p', { id: 'key-role-error', class: 'field-error', hidden: true });
  const fields = [
    field('input.name', 'key-name', 'Whose key', nameInput, 'The person or office it is for, such as who-focal-point: changes made with it are recorded under this name.'),
    { path: 'input.role', element: roleError, control: roleRadios[0]!.querySelector('input')!, error: roleError },
    organisations,
  ];
  const summary = h('div', { id: 'key-summary', tabindex: '-1' });
  const { clearErrors, showErrors } = formErrors(fields, summary, 'No key was issued');
  const issued = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Issue the key');
  const issue = async () => {
    clearErrors();
    replace(issued);
    submit.disabled = true;
    try {
      const payload = (await mutate(ExplorerIssueApiKeyDocument, { input: { name: nameInput.value.trim(), role: role(), organizationIds: organisations.values() } })).issueApiKey;
      if (payload.errors.length || !payload.key) {
        showErrors(payload.errors.map((e) => ({ message: e.message, field: 'field' in e ? e.field : null })));
        return;
      }
      replace(
        issued,
        h(
          'section',
          { class: 'issued-key' },
          h('h2', {}, `${payload.apiKey?.name}’s key`),
          h('p', {}, 'Give it to its owner now: it is shown this once, and the server keeps only its hash.'),
          h('output', { id: 'issued-key', for: 'key-name' }, payload.key),
        ),
      );
      replace(table);
      await list(null);
    } catch (error) {
      showErrors([{ message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      submit.disabled = false;
    }
  };

  replace(
    container,
    heading('Editors’ keys', 'Issue a key to each person who edits; revoke it when they leave. Keys in the server’s configuration are not listed here.'),
    h(
      'form',
      { class: 'edit', novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void issue(); } },
      summary,
      fields[0]!.element,
      h('fieldset', {}, h('legend', {}, 'Its role'), roleRadios, roleError),
      organisations.element,
      submit,
    ),
    issued,
    status,
    h(
      'table',
      { class: 'counts keys' },
      h('caption', {}, 'Keys issued'),
      h('thead', {}, h('tr', {}, ['Whose', 'Role', 'Organisations', 'Issued', 'State'].map((c) => h('th', { scope: 'col' }, c)))),
      table,
    ),
    more,
  );
  await list(null);
};
