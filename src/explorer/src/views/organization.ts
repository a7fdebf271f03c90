import { execute, mutate } from '../api';
import { h, replace } from '../dom';
import { chips, field, formErrors, sourceChoice } from '../form';
import {
  ExplorerOrganizationForEditDocument,
  ExplorerUpsertOrganizationDocument,
  type OrganizationKind,
  type SourceInput,
} from '../generated/graphql';
import { navigate } from '../route';
import { editorsOnly, heading, writerName, type View } from './shared';

const organizationKinds: Record<OrganizationKind, string> = {
  UN_AGENCY: 'A UN agency',
  DEVELOPMENT_PARTNER: 'A development partner (a donor, a bank)',
  GOVERNMENT_BODY: 'A government body (a ministry, an agency)',
  NGO: 'A non-governmental organisation',
  WORKERS_ORGANIZATION: 'A workers’ or employers’ organisation',
  COORDINATION_BODY: 'A coordination body',
  WORKING_GROUP: 'A working group',
  OTHER: 'Something else',
};

/**
 * The organisation form, for a new partner or counterpart (`#/organization`) or an existing one
 * (`#/organization?id=...`): its name, short name, kind, other names, what it is part of, its themes, and where it is
 * recorded. Any editor may add an organisation; an existing one is changed by its own editors or an administrator (the
 * server checks). Each problem is shown at its field, and nothing typed is lost.
 */
export const organizationView: View = async (container, params, signal) => {
  const id = params.get('id');
  const title = id ? 'Edit organisation' : 'New organisation';
  if (!editorsOnly(container, title, `organization${id ? `?id=${id}` : ''}`)) {
    return;
  }

  const current = id ? (await execute(ExplorerOrganizationForEditDocument, { id }, signal)).organization : null;
  if (id && !current) {
    replace(container, heading(title), h('p', { role: 'alert' }, `There is no organisation “${id}”.`));
    return;
  }

  const text = (name: string, value: string | null | undefined, attributes: Record<string, string | boolean> = {}) =>
    h('input', { id: name, name, type: 'text', value: value ?? '', ...attributes });
  const idInput = text('org-id', id, { required: true, readonly: Boolean(id), autocomplete: 'off' });
  const nameInput = text('org-name', current?.name, { required: true });
  const shortInput = text('org-short', current?.shortName);
  const kindSelect = h(
    'select',
    { id: 'org-kind', name: 'org-kind' },
    Object.entries(organizationKinds).map(([value, label]) => h('option', { value, selected: value === (current?.organizationKind ?? 'GOVERNMENT_BODY') }, label)),
  );
  const aliasesInput = h('textarea', { id: 'org-aliases', name: 'org-aliases', rows: 2 }, (current?.aliases ?? []).join('\n'));
  const noteInput = h('textarea', { id: 'org-note', name: 'org-note', rows: 2 }, current?.note ?? '');
  const partOf = chips({ path: 'input.partOfIds', id: 'org-part-of', label: 'Part of', kinds: ['ORGANIZATION'], signal, values: current?.partOf.nodes ?? [] });
  const themes = chips({ path: 'input.themeIds', id: 'org-themes', label: 'Themes', kinds: ['THEME'], signal, values: current?.themes.nodes ?? [] });

  // Where it is recorded: upsertOrganization takes the whole state, so an edit that names no new source keeps the old one.
  const recorded = sourceChoice({ prefix: 'org', keep: Boolean(current), signal });

  const fields = [
    field('input.id', 'org-id', 'Its id', idInput, id ? undefined : 'Lower-case letters, digits, “.” and “-”, such as khatlon-health-department.'),
    field('input.name', 'org-name', 'Name', nameInput),
    field('input.shortName', 'org-short', 'Short name or acronym', shortInput),
    field('input.kind', 'org-kind', 'Kind of organisation', kindSelect),
    field('input.aliases', 'org-aliases', 'Other names (one per line)', aliasesInput),
    partOf,
    themes,
    field('input.note', 'org-note', 'Note', noteInput),
    ...recorded.fields,
  ];
  const summary = h('div', { id: 'org-summary', tabindex: '-1' });
  const { clearErrors, showErrors } = formErrors(fields, summary);
  const submit = h('button', { type: 'submit' }, id ? 'Save changes' : 'Add the organisation');

  const source = (): SourceInput => {
    const chosen = recorded.value();
    if (chosen) {
      return chosen;
    }
    const kept = current!.provenance; // "as recorded before" is offered only for an organisation that exists
    return { basis: kept.basis === 'STATED' ? 'STATED' : 'INFERRED', documentId: kept.document?.id ?? null, excerpt: kept.excerpt ?? null, reason: kept.reason ?? null };
  };


  const save = async () => {
    clearErrors();
    submit.disabled = true;
    try {
      const input = {
        id: idInput.value.trim(),
        name: nameInput.value.trim(),
        shortName: shortInput.value.trim() || null,
        kind: kindSelect.value as OrganizationKind,
        aliases: aliasesInput.value.split('\n').map((line) => line.trim()).filter(Boolean),
        note: noteInput.value.trim() || null,
        partOfIds: partOf.values(),
        themeIds: themes.values(),
        source: source(),
      };
      const payload = (await mutate(ExplorerUpsertOrganizationDocument, { input })).upsertOrganization;
      if (payload && payload.errors.length === 0 && payload.organization) {
        navigate(`entity/${payload.organization.id}`, { saved: '1' });
        return;
      }
      showErrors((payload?.errors ?? []).map((e) => ({ message: e.message, field: 'field' in e ? e.field : null })));
    } catch (error) {
      showErrors([{ message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      submit.disabled = false;
    }
  };

  replace(
    container,
    heading(
      id ? `Edit “${current!.name}”` : title,
      id ? `Last changed by ${writerName(current!.audit?.updatedBy ?? 'someone')}.` : 'A partner, a national counterpart or another organisation that work is delivered by, for or with.',
    ),
    h(
      'form',
      { class: 'edit', novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void save(); } },
      summary,
      fields.slice(0, 8).map((f) => f.element),
      h('fieldset', { class: 'source' }, h('legend', {}, 'Where this is recorded'), recorded.elements),
      submit,
    ),
  );
  (id ? nameInput : idInput).focus();
};
