import { execute } from '../api';
import { h, marked, replace } from '../dom';
import { ExplorerSearchDocument } from '../generated/graphql';
import { kindLabels } from '../labels';
import { navigate } from '../route';
import { entityLink, heading, type View } from './shared';

/** Search across every entity (full text over names and descriptions), best match first, with the matching passage. */
export const searchView: View = async (container, params, signal) => {
  const text = (params.get('q') ?? '').trim();
  const input = h('input', { type: 'search', id: 'search-text', name: 'q', value: text, placeholder: 'e.g. health workforce', autocomplete: 'off' });
  const form = h(
    'form',
    {
      role: 'search',
      class: 'controls',
      onsubmit: (e: Event) => {
        e.preventDefault();
        navigate('search', { q: input.value.trim() });
      },
    },
    h('label', { for: 'search-text', class: 'field' }, 'Search for', input),
    h('button', { type: 'submit' }, 'Search'),
  );
  const results = h('section', { 'aria-live': 'polite', class: 'results' });
  replace(container, heading('Search', 'Find agencies, work, outcomes, themes and SDG targets by name or description.'), form, results);
  if (!text) {
    input.focus();
    return;
  }

  const hits = (await execute(ExplorerSearchDocument, { text, first: 30 }, signal)).search;
  replace(
    results,
    h('h2', {}, hits.length ? `${hits.length} ${hits.length === 1 ? 'match' : 'matches'} for “${text}”` : `Nothing matches “${text}”.`),
    h(
      'ol',
      { class: 'hits' },
      hits.map((hit) =>
        h('li', {}, h('span', { class: 'kind' }, kindLabels[hit.entity.kind]), entityLink(hit.entity), h('p', { class: 'snippet' }, marked(hit.snippet))),
      ),
    ),
  );
};
