import { execute, mutate } from '../api';
import { h, replace, type Child } from '../dom';
import { field, formErrors } from '../form';
import { ExplorerCreateDocumentDocument, ExplorerDocumentTextDocument, ExplorerLinkAlignmentDocument } from '../generated/graphql';
import { picker } from '../picker';
import { navigate } from '../route';
import { editorsOnly, heading, type View } from './shared';

/** A document's text as sentences: what an editor chooses an excerpt from. */
function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?;])\s+(?=[A-Z0-9“"(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** How many sentences the list shows at once; the filter narrows it. */
const shownSentences = 60;

/**
 * Linking a piece of work to an SDG target (`#/link?work=...`): the target found by its code or words; stated, with the
 * document and the sentence of its text that says so (chosen from the text, by pointer or keyboard, and shortened if
 * need be: the server checks that the words occur in the document), or inferred, with the editor's reason.
 */
export const linkView: View = async (container, params, signal) => {
  const work = params.get('work') ?? '';
  if (!editorsOnly(container, 'Link to an SDG target', `link?work=${work}`)) {
    return;
  }

  const target = picker({ id: 'link-target', name: 'link-target', label: 'The SDG target', kinds: ['SDG_TARGET', 'SDG_GOAL'], placeholder: 'Its code, such as 3.8, or words of it', signal });
  const targetError = h('p', { id: 'link-target-error', class: 'field-error', hidden: true });
  const radios = (['STATED', 'INFERRED'] as const).map((value, i) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'link-basis', value, checked: i === 0 }), value === 'STATED' ? ' Stated in a document' : ' My own reasoning'),
  );
  const basis = () => (radios.map((r) => r.querySelector('input')!).find((r) => r.checked)?.value ?? 'STATED') as 'STATED' | 'INFERRED';

  const sentenceList = h('div', { class: 'sentences' });
  const filter = h('input', { id: 'link-find', type: 'search', autocomplete: 'off', placeholder: 'Words of the sentence' });
  const excerpt = h('textarea', { id: 'link-excerpt', rows: 3 });
  const excerptError = h('p', { id: 'link-excerpt-error', class: 'field-error', hidden: true });
  const documentError = h('p', { id: 'link-document-error', class: 'field-error', hidden: true });
  let text: string[] = [];
  const drawSentences = () => {
    const words = filter.value.trim().toLowerCase();
    const matching = text.filter((s) => !words || s.toLowerCase().includes(words));
    replace(
      sentenceList,
      text.length === 0
        ? h('p', { class: 'more' }, 'Choose the document first: its text shows here.')
        : h(
            'fieldset',
            { class: 'sentence-choice' },
            h('legend', {}, `Its sentences${words ? ` with “${filter.value.trim()}”` : ''} (${matching.length})`),
            matching.slice(0, shownSentences).map((s, i) =>
              h(
                'label',
                { class: 'choice sentence' },
                h('input', { type: 'radio', name: 'link-sentence', value: String(i), onchange: () => { excerpt.value = s; } }),
                ` ${s}`,
              ),
            ),
            matching.length > shownSentences ? h('p', { class: 'more' }, `The first ${shownSentences}: type words of the sentence to find it.`) : null,
          ),
    );
  };
  filter.addEventListener('input', drawSentences);
  const showText = (found: { text?: string | null } | null | undefined) => {
    text = sentences(found?.text ?? '');
    if (!found?.text) {
      replace(sentenceList, h('p', { class: 'more' }, 'This document’s text is not in the graph: type its words below as they stand in it.'));
      return;
    }
    drawSentences();
  };
  const documentPick = picker({
    id: 'link-document',
    name: 'link-document',
    label: 'The document',
    kinds: ['DOCUMENT'],
    placeholder: 'Its title or id',
    signal,
    onChoose: async (chosen) => showText((await execute(ExplorerDocumentTextDocument, { id: chosen.id }, signal)).document),
  });
  const newDocument = addDocumentForm(signal, (added) => {
    documentPick.input.value = added.id;
    showText(added);
    filter.focus();
  });
  const reason = h('textarea', { id: 'link-reason', rows: 3 });
  const reasonError = h('p', { id: 'link-reason-error', class: 'field-error', hidden: true });
  const stated = h(
    'div',
    { class: 'source-stated' },
    documentPick.element,
    documentError,
    newDocument,
    h('div', { class: 'field' }, h('label', { for: 'link-find' }, 'Find the sentence'), filter),
    sentenceList,
    h('div', { class: 'field' }, h('label', { for: 'link-excerpt' }, 'The words that state it (shorten them if you like)'), excerpt, excerptError),
  );
  const inferred = h('div', { class: 'source-inferred' }, h('div', { class: 'field' }, h('label', { for: 'link-reason' }, 'Why this work serves the target'), reason, reasonError));
  const show = () => {
    stated.hidden = basis() !== 'STATED';
    inferred.hidden = basis() !== 'INFERRED';
  };
  radios.forEach((r) => r.querySelector('input')!.addEventListener('change', show));
  show();
  drawSentences();

  const errors: Record<string, [HTMLElement, HTMLElement]> = {
    'input.sdgCode': [target.input, targetError],
    'input.source.documentId': [documentPick.input, documentError],
    'input.source.excerpt': [excerpt, excerptError],
    'input.source.reason': [reason, reasonError],
  };
  const summary = h('div', { id: 'link-summary', tabindex: '-1' });
  const submit = h('button', { type: 'submit' }, 'Link');
  const save = async () => {
    for (const [control, error] of Object.values(errors)) {
      error.hidden = true;
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
    }
    replace(summary);
    const code = target.input.value.trim().replace(/^sdg-(target|goal)-/, '');
    const source = basis() === 'STATED'
      ? { basis: 'STATED' as const, documentId: documentPick.input.value.trim() || null, excerpt: excerpt.value || null }
      : { basis: 'INFERRED' as const, reason: reason.value.trim() || null };
    submit.disabled = true;
    try {
      const payload = (await mutate(ExplorerLinkAlignmentDocument, { input: { workId: work, sdgCode: code, source } })).linkAlignment;
      if (payload && payload.errors.length === 0) {
        navigate(`entity/${work}`, { saved: '1' });
        return;
      }
      const listed: Child[] = [];
      for (const e of payload?.errors ?? []) {
        const at = 'field' in e && e.field ? errors[e.field] : undefined;
        if (at) {
          at[1].hidden = false;
          at[1].textContent = e.message;
          at[0].setAttribute('aria-invalid', 'true');
          at[0].setAttribute('aria-describedby', at[1].id);
        }
        listed.push(h('li', {}, e.message));
      }
      replace(summary, h('div', { role: 'alert', class: 'error-summary' }, h('h2', {}, 'Nothing was linked'), h('ul', {}, listed)));
      summary.focus();
    } catch (error) {
      replace(summary, h('div', { role: 'alert', class: 'error-summary' }, h('h2', {}, 'Nothing was linked'), h('p', {}, error instanceof Error ? error.message : String(error))));
      summary.focus();
    } finally {
      submit.disabled = false;
    }
  };

  replace(
    container,
    heading('Link to an SDG target', `The work “${work}”, and the SDG target it serves, with where that is said.`),
    h(
      'form',
      { class: 'edit', novalidate: true, onsubmit: (event: Event) => { event.preventDefault(); void save(); } },
      summary,
      h('div', {}, target.element, targetError),
      h('fieldset', { class: 'source' }, h('legend', {}, 'Where it is said'), radios, stated, inferred),
      submit,
    ),
  );
  target.input.focus();
};

/**
 * A source document that is not in the graph yet, added from the link form (its title, publisher, address and text), so
 * that the link can quote it: a disclosure, closed until asked for. Its own errors show at its own fields; once added,
 * it becomes the link's document and its text is shown to choose the sentence from.
 */
function addDocumentForm(signal: AbortSignal, onAdded: (document: { id: string; text?: string | null }) => void): HTMLElement {
  const input = (id: string, attributes: Record<string, string | boolean> = {}) => h('input', { id, name: id, type: 'text', autocomplete: 'off', ...attributes });
  const title = input('doc-title');
  const id = input('doc-id');
  const publisher = picker({ id: 'doc-publisher', name: 'doc-publisher', label: 'Published by (if it is in the graph)', kinds: ['ORGANIZATION'], placeholder: 'Its name or id', signal });
  const publisherError = h('p', { id: 'doc-publisher-error', class: 'field-error', hidden: true });
  const url = input('doc-url', { type: 'url', placeholder: 'https://' });
  const body = h('textarea', { id: 'doc-text', rows: 8 });
  // The id follows the title until it is typed in itself.
  title.addEventListener('input', () => {
    if (id.dataset.typed !== 'yes') {
      id.value = title.value.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
    }
  });
  id.addEventListener('input', () => (id.dataset.typed = 'yes'));
  const fields = [
    field('input.title', 'doc-title', 'Its title', title),
    field('input.id', 'doc-id', 'Its id', id, 'Lower-case letters, digits, “.” and “-”; made from the title unless you change it.'),
    { path: 'input.publisherId', element: h('div', {}, publisher.element, publisherError), control: publisher.input, error: publisherError },
    field('input.url', 'doc-url', 'Where it is published', url),
    field('input.text', 'doc-text', 'Its text', body, 'Paste the text as published: the words you link must occur in it.'),
  ];
  const summary = h('div', { id: 'doc-summary', tabindex: '-1' });
  const { clearErrors, showErrors } = formErrors(fields, summary, 'The document was not added');
  const add = h('button', { type: 'button' }, 'Add the document');
  add.addEventListener('click', async () => {
    clearErrors();
    add.disabled = true;
    try {
      const payload = (await mutate(ExplorerCreateDocumentDocument, {
        input: {
          id: id.value.trim(), title: title.value.trim(), kind: 'WEB_PAGE', publisherId: publisher.input.value.trim() || null,
          url: url.value.trim() || null, text: body.value,
        },
      })).createDocument;
      if (payload.errors.length || !payload.document) {
        showErrors(payload.errors.map((e) => ({ message: e.message, field: 'field' in e ? e.field : null })));
        return;
      }
      details.open = false;
      onAdded(payload.document);
    } catch (error) {
      showErrors([{ message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      add.disabled = false;
    }
  });
  // Its own group, not a nested form (a form inside the link's form would submit the link).
  const details = h(
    'details',
    { class: 'new-document' },
    h('summary', {}, 'The document is not in the graph yet: add it'),
    h('div', { role: 'group', 'aria-label': 'A new source document' }, summary, fields.map((f) => f.element), add),
  );
  // Enter in one of its boxes adds the document, not the link (a suggestion chosen with Enter is the picker's own).
  details.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && !event.defaultPrevented) {
      event.preventDefault();
      add.click();
    }
  });
  return details;
}
