import { execute } from '../api';
import { h, replace, type Child } from '../dom';
import {
  ExplorerCreateDeliverableDocument,
  ExplorerDeliverableForEditDocument,
  ExplorerUpdateDeliverableDocument,
  type Basis,
  type DeliverableKind,
  type EntityKind,
  type Status,
} from '../generated/graphql';
import { picker } from '../picker';
import { entityHref, navigate } from '../route';
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

/** An entity a list field holds. */
interface Chosen {
  id: string;
  name: string;
}

/** A field of the form: its element, where its error goes, and the input's path in the API's errors ('input.title'). */
interface Field {
  path: string;
  element: HTMLElement;
  control: HTMLElement;
  error: HTMLElement;
}

/** A labelled control with a place for its error (`<id>-error`, named by aria-describedby when it shows). */
function field(path: string, id: string, label: string, control: HTMLElement, help?: string): Field {
  const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const hint = help ? h('p', { id: `${id}-help`, class: 'more' }, help) : null;
  if (hint) {
    control.setAttribute('aria-describedby', hint.id);
  }
  return { path, control, error, element: h('div', { class: 'field' }, h('label', { for: id }, label), control, hint, error) };
}

/**
 * A list of entities chosen with a picker that searches as you type: each chosen one is a chip with a button to remove
 * it. Enter on a typed id adds it as it is (the server says whether it exists).
 */
function chips(options: { path: string; id: string; label: string; kinds: EntityKind[]; values: Chosen[]; signal: AbortSignal; help?: string }): Field & { values: () => string[] } {
  const chosen = new Map(options.values.map((v) => [v.id, v.name]));
  const list = h('ul', { class: 'chips', 'aria-label': `${options.label}: chosen` });
  const draw = () =>
    replace(
      list,
      [...chosen].map(([id, name]) =>
        h(
          'li',
          { 'data-id': id },
          h('span', {}, name),
          h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${name}`, onclick: () => { chosen.delete(id); draw(); } }, '×'),
        ),
      ),
    );
  const add = (entity: Chosen) => {
    if (entity.id) {
      chosen.set(entity.id, entity.name);
      draw();
    }
  };
  const pick = picker({
    id: options.id,
    name: options.id,
    label: `Add to ${options.label.toLowerCase()}`,
    kinds: options.kinds,
    placeholder: 'Type a name or an id',
    signal: options.signal,
    onChoose: (entity) => {
      add(entity);
      pick.input.value = '';
    },
  });
  pick.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.defaultPrevented) {
      event.preventDefault(); // not the form's submit: the typed id is added
      const typed = pick.input.value.trim();
      if (typed) {
        add({ id: typed, name: typed });
        pick.input.value = '';
      }
    }
  });
  draw();
  const error = h('p', { id: `${options.id}-error`, class: 'field-error', hidden: true });
  const element = h(
    'fieldset',
    { class: 'chips-field' },
    h('legend', {}, options.label),
    options.help ? h('p', { class: 'more' }, options.help) : null,
    list,
    pick.element,
    error,
  );
  return { path: options.path, element, control: pick.input, error, values: () => [...chosen.keys()] };
}

/** The form's values as the API's input takes them. */
interface Values {
  id: string;
  title: string;
  kind: DeliverableKind;
  status: Status | null;
  year: number | null;
  items: string[];
  note: string | null;
  agencyIds: string[];
  themeIds: string[];
  counterpartIds: string[];
  source: { basis: Basis; documentId?: string; excerpt?: string; reason?: string } | null;
}

/**
 * The deliverable form, for a new piece of work (`#/edit`) or an existing one (`#/edit?id=...`): title, kind, status,
 * year, the agencies that deliver it, its themes and counterparts, and where it is recorded (a document and its words,
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
  const itemsInput = h('textarea', { id: 'work-items', name: 'work-items', rows: 3 }, (current?.items ?? []).join('\n'));
  const noteInput = h('textarea', { id: 'work-note', name: 'work-note', rows: 2 }, current?.note ?? '');
  const agencies = chips({
    path: 'input.agencyIds', id: 'work-agencies', label: 'Delivered by', kinds: ['ORGANIZATION'], signal,
    values: current?.deliveredBy.nodes.map((o) => ({ id: o.id, name: o.aliases[0] ?? o.name })) ?? [],
  });
  const themes = chips({ path: 'input.themeIds', id: 'work-themes', label: 'Themes', kinds: ['THEME'], signal, values: current?.themes.nodes ?? [] });
  const counterparts = chips({
    path: 'input.counterpartIds', id: 'work-counterparts', label: 'National counterparts it supports', kinds: ['ORGANIZATION'], signal,
    values: current?.counterparts.nodes.map((o) => ({ id: o.id, name: o.name })) ?? [],
  });

  // Where it is recorded: a new piece of work needs a source; an edit keeps its own unless another is given.
  const basisChoices: { value: string; label: string }[] = [
    ...(id ? [{ value: 'KEEP', label: 'As recorded before' }] : []),
    { value: 'STATED', label: 'Stated in a document' },
    { value: 'INFERRED', label: 'My own reasoning' },
  ];
  const basisRadios = basisChoices.map((c, i) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'source-basis', value: c.value, checked: i === 0 }), ` ${c.label}`),
  );
  const documentPick = picker({ id: 'source-document', name: 'source-document', label: 'The document', kinds: ['DOCUMENT'], placeholder: 'Type its title or id', signal });
  const excerptInput = h('textarea', { id: 'source-excerpt', name: 'source-excerpt', rows: 3 });
  const reasonInput = h('textarea', { id: 'source-reason', name: 'source-reason', rows: 2 });
  const excerpt = field('input.source.excerpt', 'source-excerpt', 'Its words that show this', excerptInput, 'Copy the sentence from the document exactly: the server checks that it occurs there.');
  const reason = field('input.source.reason', 'source-reason', 'Why you record it', reasonInput);
  const documentError = h('p', { id: 'source-document-error', class: 'field-error', hidden: true });
  const documentField: Field = { path: 'input.source.documentId', element: h('div', {}, documentPick.element, documentError), control: documentPick.input, error: documentError };
  const stated = h('div', { class: 'source-stated' }, documentField.element, excerpt.element);
  const inferred = h('div', { class: 'source-inferred' }, reason.element);
  const basisNow = () => (basisRadios.map((r) => r.querySelector('input')!).find((r) => r.checked)?.value ?? 'KEEP');
  const showSource = () => {
    stated.hidden = basisNow() !== 'STATED';
    inferred.hidden = basisNow() !== 'INFERRED';
  };
  basisRadios.forEach((r) => r.querySelector('input')!.addEventListener('change', showSource));
  showSource();

  const fields: Field[] = [
    field('input.id', 'work-id', 'Its id', idInput, id ? undefined : 'Lower-case letters, digits, “.” and “-”, such as who-hwf-khatlon-2025.'),
    field('input.title', 'work-title', 'Title', titleInput),
    field('input.kind', 'work-kind', 'Kind of work', kindSelect),
    field('input.status', 'work-status', 'Status', statusSelect),
    field('input.year', 'work-year', 'Year', yearInput),
    agencies,
    themes,
    counterparts,
    field('input.items', 'work-items', 'Its items (one per line)', itemsInput),
    field('input.note', 'work-note', 'Note', noteInput),
    documentField,
    excerpt,
    reason,
  ];
  const summary = h('div', { id: 'edit-summary', tabindex: '-1' });
  const submit = h('button', { type: 'submit' }, id ? 'Save changes' : 'Create');

  const values = (): Values => {
    const basis = basisNow();
    return {
      id: idInput.value.trim(),
      title: titleInput.value.trim(),
      kind: kindSelect.value as DeliverableKind,
      status: (statusSelect.value || null) as Status | null,
      year: yearInput.value ? Number(yearInput.value) : null,
      items: itemsInput.value.split('\n').map((line) => line.trim()).filter(Boolean),
      note: noteInput.value.trim() || null,
      agencyIds: agencies.values(),
      themeIds: themes.values(),
      counterpartIds: counterparts.values(),
      source:
        basis === 'STATED'
          ? { basis: 'STATED', documentId: documentPick.input.value.trim(), excerpt: excerptInput.value }
          : basis === 'INFERRED'
            ? { basis: 'INFERRED', reason: reasonInput.value.trim() }
            : null,
    };
  };

  const clearErrors = () => {
    for (const f of fields) {
      f.error.hidden = true;
      f.error.textContent = '';
      f.control.removeAttribute('aria-invalid');
      f.control.setAttribute('aria-describedby', [f.control.getAttribute('aria-describedby')].filter((d) => d && !d.endsWith('-error')).join(' '));
    }
    replace(summary);
  };

  /** Each error at its field (the longest path it starts with), and all of them in a summary at the top. */
  const showErrors = (errors: { message: string; field?: string | null }[]) => {
    const listed: Child[] = [];
    for (const error of errors) {
      const at = fields.filter((f) => error.field && (error.field === f.path || error.field.startsWith(`${f.path}[`) || error.field.startsWith(`${f.path}.`)))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (at) {
        at.error.hidden = false;
        at.error.textContent = at.error.textContent ? `${at.error.textContent} ${error.message}` : error.message;
        at.control.setAttribute('aria-invalid', 'true');
        at.control.setAttribute('aria-describedby', [at.control.getAttribute('aria-describedby'), at.error.id].filter(Boolean).join(' '));
        listed.push(h('li', {}, h('a', { href: `#${at.control.id}`, onclick: (e: Event) => { e.preventDefault(); at.control.focus(); } }, error.message)));
      } else {
        listed.push(h('li', {}, error.message));
      }
    }
    replace(summary, h('div', { role: 'alert', class: 'error-summary' }, h('h2', {}, 'Nothing was saved'), h('ul', {}, listed)));
    summary.focus();
  };

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
      const common = { title: v.title, kind: v.kind, status: v.status, year: v.year, items: v.items, note: v.note, agencyIds: v.agencyIds, themeIds: v.themeIds, counterpartIds: v.counterpartIds };
      const payload = id
        ? (await execute(ExplorerUpdateDeliverableDocument, { input: { id, expectedUpdatedAt: expected ?? '', ...common, ...(source ? { source } : {}) } })).updateDeliverable
        : (await execute(ExplorerCreateDeliverableDocument, { input: { id: v.id, ...common, source: source ?? { basis: 'INFERRED' } } })).createDeliverable;
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
    fields.slice(0, 10).map((f) => f.element),
    h('fieldset', { class: 'source' }, h('legend', {}, id ? 'Where this change is recorded' : 'Where this work is recorded'), basisRadios, stated, inferred),
    submit,
  );

  replace(
    container,
    heading(id ? `Edit “${current!.title}”` : 'New work', id ? `Last changed by ${writerName(current!.audit?.updatedBy ?? 'someone')}.` : 'A piece of work an agency delivers: a project, an activity, a product or a contribution.'),
    form,
  );
  (id ? titleInput : idInput).focus();
};
