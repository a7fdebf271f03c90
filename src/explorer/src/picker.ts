import { execute } from './api';
import { h, replace } from './dom';
import { ExplorerSearchDocument, type EntityKind } from './generated/graphql';
import { kindLabels } from './labels';

/** An entity a picker offers. */
export interface Picked {
  id: string;
  name: string;
  kind: EntityKind;
}

export interface PickerOptions {
  /** The text box's id; the list of suggestions is `<id>-options`. */
  id: string;
  name: string;
  /** The visible label above the box. */
  label: string;
  value?: string;
  placeholder?: string;
  /** Only entities of these kinds (default: all). */
  kinds?: EntityKind[];
  /** Called when a suggestion is chosen (the text box then holds its id). */
  onChoose?: (entity: Picked) => void;
  /** The view's signal: when the view goes, so do pending searches. */
  signal: AbortSignal;
}

/** How many suggestions a picker lists, how many characters it waits for, and how long typing may pause. */
const suggested = 8;
const minimum = 2;
const pause = 200;

/**
 * A text box for an entity's id that suggests entities by name as one types: the WAI-ARIA 1.2 combobox pattern with a
 * listbox popup. After two characters (and a short pause) it lists what search finds; Up and Down move through the
 * suggestions, Enter chooses one (its id goes in the box), Escape closes the list. Enter without a suggestion
 * highlighted leaves the typed text to the form, so typing an exact id still works.
 */
/** The labelled box (`element`, a `.field`) and its text box (`input`, whose value is the id to use). */
export function picker(options: PickerOptions): { element: HTMLDivElement; input: HTMLInputElement } {
  const listId = `${options.id}-options`;
  const input = h('input', {
    id: options.id,
    name: options.name,
    value: options.value ?? '',
    placeholder: options.placeholder,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-options', 'aria-label': `Suggestions for ${options.label}`, hidden: true });
  const status = h('p', { class: 'picker-status', role: 'status' });
  // The label holds only its text: a label around the box would make the suggestions part of the box's name.
  const element = h('div', { class: 'field' }, h('label', { for: options.id }, options.label), h('div', { class: 'picker' }, input, list, status));

  let found: Picked[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: AbortController | null = null;

  const option = (i: number) => list.children[i] as HTMLElement | undefined;
  const highlight = (i: number) => {
    option(active)?.setAttribute('aria-selected', 'false');
    active = i;
    const chosen = option(i);
    if (chosen) {
      chosen.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', chosen.id);
      chosen.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };
  const open = (isOpen: boolean) => {
    const shown = isOpen && found.length > 0;
    list.hidden = !shown;
    input.setAttribute('aria-expanded', String(shown));
    if (!shown) {
      highlight(-1);
    }
  };
  const cancel = () => {
    clearTimeout(timer);
    pending?.abort();
    pending = null;
  };
  const choose = (entity: Picked) => {
    cancel();
    input.value = entity.id;
    open(false);
    status.textContent = '';
    options.onChoose?.(entity);
  };
  const show = (entities: Picked[], text: string) => {
    found = entities;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    replace(
      list,
      entities.map((e, i) =>
        h(
          'li',
          {
            id: `${options.id}-option-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-id': e.id,
            // Choosing with the pointer keeps the focus in the text box.
            onmousedown: (event: Event) => event.preventDefault(),
            onclick: () => choose(e),
          },
          h('span', { class: 'picker-name' }, e.name),
          h('span', { class: 'picker-meta' }, `${kindLabels[e.kind]} · ${e.id}`),
        ),
      ),
    );
    status.textContent = entities.length ? '' : `Nothing matches “${text}”.`;
    open(document.activeElement === input);
  };
  const search = (text: string) => {
    const controller = new AbortController();
    pending = controller;
    execute(ExplorerSearchDocument, { text, first: suggested, ...(options.kinds ? { kinds: options.kinds } : {}) }, controller.signal).then(
      (data) => pending === controller && show(data.search.map((hit) => hit.entity), text),
      (error: unknown) => {
        if (pending === controller && !controller.signal.aborted) {
          show([], text);
          status.textContent = error instanceof Error ? `No suggestions: ${error.message}` : 'No suggestions.';
        }
      },
    );
  };

  input.addEventListener('input', () => {
    cancel();
    const text = input.value.trim();
    if (text.length < minimum) {
      found = [];
      status.textContent = '';
      open(false);
      return;
    }
    timer = setTimeout(() => search(text), pause);
  });
  input.addEventListener('keydown', (event) => {
    const isOpen = !list.hidden;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!isOpen) {
          open(true);
          if (event.altKey) {
            return;
          }
        }
        if (found.length) {
          const step = event.key === 'ArrowDown' ? 1 : -1;
          highlight(active < 0 ? (step > 0 ? 0 : found.length - 1) : (active + step + found.length) % found.length);
        }
        return;
      }
      case 'Enter': {
        const entity = isOpen ? found[active] : undefined;
        if (entity) {
          event.preventDefault();
          choose(entity);
        } else {
          cancel(); // the typed text goes to the form
          open(false);
        }
        return;
      }
      case 'Escape':
        if (isOpen) {
          event.preventDefault();
          open(false);
        }
        return;
    }
  });
  input.addEventListener('blur', () => open(false));
  options.signal.addEventListener('abort', cancel, { once: true });
  return { element, input };
}
