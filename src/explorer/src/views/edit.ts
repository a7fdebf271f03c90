import { execute, mutate } from '../api';
import { h, replace } from '../dom';
import {
  ExplorerCreateDeliverableDocument,
  ExplorerDeliverableForEditDocument,
  ExplorerUpdateDeliverableDocument,
  type DeliverableKind,
  type SourceInput,
  type Status,
} from '../generated/graphql';
import { chips, field, formErrors, sourceChoice, type Field } from '../form';
import { entityHref, navigate } from '../route';
import { isAdministrator, viewer } from '../session';
import { editorsOnly, heading, writerName, type View } from './shared';

const kinds: Record<DeliverableKind, string> = {
  ACTIVITY: 'An activity (a training, survey, campaign)',
  CONTRIBUTION: 'A contribution to a result',
  PRODUCT_SERVICE: 'A product or service of a results framework',
  PROJECT: 'A project with its own funding and timeline',
};

const statuses: Record<Status, string> = {
  PIPELINE: 'Planned, not yet started',
  IMPLEMENTATION: 'Under way',
  ON_TRACK: 'Progressing as planned',
  FINALISATION: 'Finishing',
  ACHIEVED: 'Done: the result was achieved',
  CLOSED: 'Closed',
  SUSPENDED: 'Suspended',
  CANCELLED: 'Cancelled',
};

/** The form's values as the API's input takes them. */
interface Values {
  id: string;
  title: string;
  kind: DeliverableKind;
  status: Status | null;
  year: number | null;
  startDate: string | null;
  endDate: string | null;
  items: string[];
  note: string | null;
  agencyIds: string[];
  themeIds: string[];
  counterpartIds: string[];
  placeIds: string[];
  source: SourceInput | null;
}

/**
 * The deliverable form, for a new piece of work (`#/edit`) or an existing one (`#/edit?id=...`): title, kind, status,
 * year or period, the agencies that deliver it, its themes, counterparts and places, and where it is recorded (a document and its words,
 * or the editor's reason). Each problem the server finds is shown at its field, and nothing typed is lost: the form is
 * not drawn again after a refusal. An edit made by someone else since the form was read is a conflict, shown with both
 * versions; the editor chooses.
 */
export const editView: View = async (container, params, signal) => {
  const id = params.get('id');
  if (!editorsOnly(container, id ? 'Edit work' : 'New work', `edit${id ? `?id=${id}` : ''}`)) {
    return;
  }

  const current = id ? (await execute(ExplorerDeliverableForEditDocument, { id }, signal)).deliverable : null;
  if (id && !current) {
    replace(container, heading('Edit work'), h('p', { role: 'alert' }, `There is no piece of work “${id}”.`));
    return;
  }
  let expected = current?.audit?.updatedAt ?? null;

  const text = (name: string, value: string | null | undefined, attributes: Record<string, string | boolean> = {}) =>
    h('input', { id: name, name, type: 'text', value: value ?? '', ...attributes });
  const idInput = text('work-id', id, { required: true, pattern: '[a-z0-9][a-z0-9.\\-]*', readonly: Boolean(id), autocomplete: 'off' });
  const titleInput = text('work-title', current?.title, { required: true });
  const kindSelect = h(
    'select',
    { id: 'work-kind', name: 'work-kind' },
    Object.entries(kinds).map(([value, label]) => h('option', { value, selected: value === (current?.deliverableKind ?? 'ACTIVITY') }, label)),
  );
  const statusSelect = h(
    'select',
    { id: 'work-status', name: 'work-status' },
    h('option', { value: '', selected: !current?.status }, 'Not reported'),
    Object.entries(statuses).map(([value, label]) => h('option', { value, selected: value === current?.status }, label)),
  );
  const yearInput = h('input', { id: 'work-year', name: 'work-year', type: 'number', min: 1945, max: 2100, value: current?.year ?? '' });
  // A year, a month or a day, as the API reads them (2025, 2025-03, 2025-03-15): a plain text box, since a date picker
  // cannot say "March 2025".
  const startInput = text('work-start', current?.plannedStart?.iso, { inputmode: 'numeric', autocomplete: 'off', placeholder: '2025-03' });
  const endInput = text('work-end', current?.plannedEnd?.iso, { inputmode: 'numeric', autocomplete: 'off', placeholder: '2026' });
  const itemsInput = h('textarea', { id: 'work-items', name: 'work-items', rows: 3 }, (current?.items ?? []).join('\n'));
  const noteInput = h('textarea', { id: 'work-note', name: 'work-note', rows: 2 }, current?.note ?? '');
  // An editor changes its organisations' work only: new work starts as theirs, and the form says so.
  const own = isAdministrator() ? [] : (viewer()?.organizationIds ?? []);
  const agencies = chips({
    path: 'input.agencyIds', id: 'work-agencies', label: 'Delivered by', kinds: ['ORGANIZATION'], signal,
    values: current?.deliveredBy.nodes.map((o) => ({ id: o.id, name: o.aliases[0] ?? o.name })) ?? own.map((o) => ({ id: o, name: o })),
    help: own.length ? `You edit the work of ${own.join(', ')}: keep one of them here.` : undefined,
  });
  const places = chips({
    path: 'input.placeIds', id: 'work-places', label: 'Where it happens', kinds: ['PLACE'], signal,
    values: current?.places.nodes ?? [], help: 'Regions or districts; a region covers its districts.',
  });
  const themes = chips({ path: 'input.themeIds', id: 'work-themes', label: 'Themes', kinds: ['THEME'], signal, values: current?.themes.nodes ?? [] });
  const counterparts = chips({
    path: 'input.counterpartIds', id: 'work-counterparts', label: 'National counterparts it supports', kinds: ['ORGANIZATION'], signal,
    values: current?.counterparts.nodes.map((o) => ({ id: o.id, name: o.name })) ?? [],
  });

  // Where it is recorded: a new piece of work needs a source; an edit keeps its own unless another is given.
  const source = sourceChoice({
    prefix: 'source', keep: Boolean(id), signal, excerptHelp: 'Copy the sentence from the document exactly: the server checks that it occurs there.',
  });

  const fields: Field[] = [
    field('input.id', 'work-id', 'Its id', idInput, id ? undefined : 'Lower-case letters, digits, “.” and “-”, such as who-hwf-khatlon-2025.'),
    field('input.title', 'work-title', 'Title', titleInput),
    field('input.kind', 'work-kind', 'Kind of work', kindSelect),
    field('input.status', 'work-status', 'Status', statusSelect),
    field('input.year', 'work-year', 'Year', yearInput),
    field('input.startDate', 'work-start', 'Starts', startInput, 'A year, a month or a day: 2025, 2025-03 or 2025-03-15.'),
    field('input.endDate', 'work-end', 'Ends', endInput, 'Empty while it runs with no end date.'),
    agencies,
    themes,
    counterparts,
    places,
    field('input.items', 'work-items', 'Its items (one per line)', itemsInput),
    field('input.note', 'work-note', 'Note', noteInput),
    ...source.fields,
  ];
  const summary = h('div', { id: 'edit-summary', tabindex: '-1' });
  const submit = h('button', { type: 'submit' }, id ? 'Save changes' : 'Create');

  const values = (): Values => {
    return {
      id: idInput.value.trim(),
      title: titleInput.value.trim(),
      kind: kindSelect.value as DeliverableKind,
      status: (statusSelect.value || null) as Status | null,
      year: yearInput.value ? Number(yearInput.value) : null,
      startDate: startInput.value.trim() || null,
      endDate: endInput.value.trim() || null,
      items: itemsInput.value.split('\n').map((line) => line.trim()).filter(Boolean),
      note: noteInput.value.trim() || null,
      agencyIds: agencies.values(),
      themeIds: themes.values(),
      counterpartIds: counterparts.values(),
      placeIds: places.values(),
      source: source.value(),
    };
  };

  const { clearErrors, showErrors } = formErrors(fields, summary);

  /** Someone else's edit since the form was read: theirs beside the form's, and the editor's choice. */
  const showConflict = async (by: string, at: string) => {
    const theirs = (await execute(ExplorerDeliverableForEditDocument, { id: id! }, signal)).deliverable;
    const mine = values();
    const rows: [string, string, string][] = theirs
      ? ([
          ['Title', theirs.title, mine.title],
          ['Kind', kinds[theirs.deliverableKind], kinds[mine.kind]],
          ['Status', theirs.status ? statuses[theirs.status] : 'Not reported', mine.status ? statuses[mine.status] : 'Not reported'],
          ['Year', String(theirs.year ?? ''), String(mine.year ?? '')],
          ['Delivered by', theirs.deliveredBy.nodes.map((o) => o.id).join(', '), mine.agencyIds.join(', ')],
          ['Themes', theirs.themes.nodes.map((t) => t.id).join(', '), mine.themeIds.join(', ')],
          ['Counterparts', theirs.counterparts.nodes.map((o) => o.id).join(', '), mine.counterpartIds.join(', ')],
          ['Starts', theirs.plannedStart?.iso ?? '', mine.startDate ?? ''],
          ['Ends', theirs.plannedEnd?.iso ?? '', mine.endDate ?? ''],
          ['Where', theirs.places.nodes.map((p) => p.id).join(', '), mine.placeIds.join(', ')],
          ['Items', theirs.items.join('; '), mine.items.join('; ')],
          ['Note', theirs.note ?? '', mine.note ?? ''],
        ] as [string, string, string][])
      : [];
    replace(
      summary,
      h(
        'section',
        { role: 'alert', class: 'conflict' },
        h('h2', {}, 'Someone else changed this work'),
        h('p', {}, `${writerName(by)} saved a change at ${new Date(at).toLocaleString()} after you opened this form. Nothing of yours was saved; what you typed is still in the form.`),
        h(
          'table',
          { class: 'counts' },
          h('caption', {}, 'Their version and yours'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Theirs (saved)'), h('th', { scope: 'col' }, 'Yours (in the form)'))),
          h('tbody', {}, rows.map(([name, a, b]) => h('tr', { class: a === b ? 'same' : 'differs' }, h('th', { scope: 'row' }, name), h('td', {}, a), h('td', {}, b)))),
        ),
        h(
          'p',
          {},
          h('button', { type: 'button', onclick: () => { expected = at; void save(); } }, 'Save mine over theirs'),
          ' ',
          h('a', { href: entityHref(id!) }, 'Discard mine and see theirs'),
        ),
      ),
    );
    summary.focus();
  };

  const save = async () => {
    clearErrors();
    submit.disabled = true;
    try {
      const v = values();
      const source = v.source
        ? { basis: v.source.basis, ...(v.source.documentId ? { documentId: v.source.documentId } : {}), ...(v.source.excerpt ? { excerpt: v.source.excerpt } : {}), ...(v.source.reason ? { reason: v.source.reason } : {}) }
        : null;
      const common = {
        title: v.title, kind: v.kind, status: v.status, year: v.year, startDate: v.startDate, endDate: v.endDate, items: v.items, note: v.note,
        agencyIds: v.agencyIds, themeIds: v.themeIds, counterpartIds: v.counterpartIds, placeIds: v.placeIds,
      };
      const payload = id
        ? (await mutate(ExplorerUpdateDeliverableDocument, { input: { id, expectedUpdatedAt: expected ?? '', ...common, ...(source ? { source } : {}) } })).updateDeliverable
        : (await mutate(ExplorerCreateDeliverableDocument, { input: { id: v.id, ...common, source: source ?? { basis: 'INFERRED' } } })).createDeliverable;
      const conflict = payload.errors.find((e) => e.__typename === 'ConflictError') as { current?: { updatedAt: string; updatedBy: string } | null } | undefined;
      if (conflict?.current && id) {
        await showConflict(conflict.current.updatedBy, conflict.current.updatedAt);
      } else if (payload.errors.length) {
        showErrors(payload.errors.map((e) => ({ message: e.message, field: 'field' in e ? e.field : null })));
      } else if (payload.deliverable) {
        navigate(`entity/${payload.deliverable.id}`, { saved: '1' });
      }
    } catch (error) {
      showErrors([{ message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      submit.disabled = false;
    }
  };

  const form = h(
    'form',
    { class: 'edit', novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void save(); } },
    summary,
    fields.slice(0, 13).map((f) => f.element),
    h('fieldset', { class: 'source' }, h('legend', {}, id ? 'Where this change is recorded' : 'Where this work is recorded'), source.elements),
    submit,
  );

  replace(
    container,
    heading(id ? `Edit “${current!.title}”` : 'New work', id ? `Last changed by ${writerName(current!.audit?.updatedBy ?? 'someone')}.` : 'A piece of work an agency delivers: a project, an activity, a product or a contribution.'),
    form,
  );
  (id ? titleInput : idInput).focus();
};
