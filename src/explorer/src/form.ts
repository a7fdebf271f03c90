import { h, replace, type Child } from './dom';
import type { EntityKind, SourceInput } from './generated/graphql';
import { picker } from './picker';

/**
 * The parts every edit form is made of: labelled fields with a place for their error, lists of entities chosen as one
 * types, and the one way a form shows the API's payload errors (each at its field, all in a summary at the top).
 */

/** An entity a list field holds. */
export interface Chosen {
  id: string;
  name: string;
}

/** A field of the form: its element, where its error goes, and the input's path in the API's errors ('input.title'). */
export interface Field {
  path: string;
  element: HTMLElement;
  control: HTMLElement;
  error: HTMLElement;
}

/** A labelled control with a place for its error (`<id>-error`, named by aria-describedby when it shows). */
export function field(path: string, id: string, label: string, control: HTMLElement, help?: string): Field {
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
export function chips(options: { path: string; id: string; label: string; kinds: EntityKind[]; values: Chosen[]; signal: AbortSignal; help?: string | undefined }): Field & { values: () => string[] } {
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

/**
 * Clearing and showing a form's errors: each error at its field (the longest path it starts with), described by it for
 * screen readers, and all of them in a summary at the top that takes the focus.
 */
export function formErrors(fields: Field[], summary: HTMLElement, title = 'Nothing was saved') {
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
    replace(summary, h('div', { role: 'alert', class: 'error-summary' }, h('h2', {}, title), h('ul', {}, listed)));
    summary.focus();
  };

  return { clearErrors, showErrors };
}

/**
 * Where a form's facts are recorded: as recorded before (when an edit may keep it), stated in a document with its words,
 * or the editor's own reasoning; radios, and the fields of the choice made, shown as it is made. Its fields' ids start
 * with `prefix`; `value()` is the SourceInput, or null to keep the recorded source.
 */
export function sourceChoice(options: { prefix: string; keep: boolean; signal: AbortSignal; excerptHelp?: string }) {
  const { prefix } = options;
  const choices = [
    ...(options.keep ? [{ value: 'KEEP', label: 'As recorded before' }] : []),
    { value: 'STATED', label: 'Stated in a document' },
    { value: 'INFERRED', label: 'My own reasoning' },
  ];
  const radios = choices.map((c, i) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: `${prefix}-basis`, value: c.value, checked: i === 0 }), ` ${c.label}`),
  );
  const documentPick = picker({ id: `${prefix}-document`, name: `${prefix}-document`, label: 'The document', kinds: ['DOCUMENT'], placeholder: 'Type its title or id', signal: options.signal });
  const excerptInput = h('textarea', { id: `${prefix}-excerpt`, name: `${prefix}-excerpt`, rows: 3 });
  const reasonInput = h('textarea', { id: `${prefix}-reason`, name: `${prefix}-reason`, rows: 2 });
  const documentError = h('p', { id: `${prefix}-document-error`, class: 'field-error', hidden: true });
  const document: Field = { path: 'input.source.documentId', element: h('div', {}, documentPick.element, documentError), control: documentPick.input, error: documentError };
  const excerpt = field('input.source.excerpt', `${prefix}-excerpt`, 'Its words that show this', excerptInput, options.excerptHelp);
  const reason = field('input.source.reason', `${prefix}-reason`, 'Why you record it', reasonInput);
  const stated = h('div', { class: 'source-stated' }, document.element, excerpt.element);
  const inferred = h('div', { class: 'source-inferred' }, reason.element);
  const basis = () => radios.map((r) => r.querySelector('input')!).find((r) => r.checked)?.value ?? 'KEEP';
  const show = () => {
    stated.hidden = basis() !== 'STATED';
    inferred.hidden = basis() !== 'INFERRED';
  };
  radios.forEach((r) => r.querySelector('input')!.addEventListener('change', show));
  show();
  return {
    /** The fields the API's errors may name, for formErrors. */
    fields: [document, excerpt, reason],
    /** The radios and the two groups of fields, for the form's source fieldset. */
    elements: [...radios, stated, inferred],
    value: (): SourceInput | null =>
      basis() === 'STATED'
        ? { basis: 'STATED', documentId: documentPick.input.value.trim() || null, excerpt: excerptInput.value || null }
        : basis() === 'INFERRED'
          ? { basis: 'INFERRED', reason: reasonInput.value.trim() || null }
          : null,
  };
}
