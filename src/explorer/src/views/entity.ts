import { execute } from '../api';
import { h, replace, type Child } from '../dom';
import { ExplorerEntityDocument, ExplorerHistoryDocument, type Basis, type RelationshipType } from '../generated/graphql';
import { kindLabels, relationshipLabels } from '../labels';
import { href } from '../route';
import { canEdit, mayChange } from '../session';
import { downloads, entityLink, heading, more, writerName, type View } from './shared';

/** How many of an entity's relationships its page lists (the total is always shown). */
const listed = 200;

interface Source {
  basis: Basis;
  reason?: string | null;
  excerpt?: string | null;
  document?: { id: string; name: string } | null;
}

/** Where a fact comes from: the document and its words; for an inference, that it is one and why; for a derived link, the rule and the code it read. */
function source(provenance: Source): Child {
  if (provenance.basis === 'INFERRED') {
    return h('p', { class: 'source inferred' }, h('strong', {}, 'Inferred'), `: ${provenance.reason ?? 'no reason recorded'}`);
  }
  if (provenance.basis === 'DERIVED') {
    // Computed from a code the source states: the rule, then the source and the code as it gives it.
    return h(
      'div',
      { class: 'source derived' },
      h('p', {}, h('strong', {}, 'Derived'), `: ${provenance.reason ?? 'no rule recorded'}`, provenance.document ? [' From ', entityLink(provenance.document), '.'] : null),
      provenance.excerpt ? h('blockquote', {}, provenance.excerpt) : null,
    );
  }
  return h(
    'div',
    { class: 'source stated' },
    h('p', {}, h('strong', {}, 'Stated'), provenance.document ? [' in ', entityLink(provenance.document)] : ' by the source'),
    provenance.excerpt ? h('blockquote', {}, provenance.excerpt) : null,
  );
}

/**
 * An organization's work by SDG goal (its portfolio): how many pieces of its work are aligned with each goal, each count
 * a link to that goal's coverage with the organization chosen, where the same figure appears beside its name.
 */
function workByGoal(id: string, name: string, groups: { goal: { id: string; code: string; name: string; shortName: string | null }; count: number }[]): Child {
  return h(
    'section',
    { class: 'work-by-goal' },
    h('h2', {}, 'Work by SDG goal'),
    groups.length
      ? h(
          'table',
          { class: 'counts portfolio' },
          h('caption', {}, 'How many pieces of its work are aligned with each goal: directly, through one of its targets or through an outcome the work serves. Each count opens the goal’s coverage.'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'SDG goal'), h('th', { scope: 'col' }, 'Work'))),
          h(
            'tbody',
            {},
            groups.map((g) =>
              h(
                'tr',
                { 'data-goal': g.goal.code },
                h('th', { scope: 'row' }, entityLink({ id: g.goal.id, name: `Goal ${g.goal.code}: ${g.goal.shortName ?? g.goal.name}` })),
                h(
                  'td',
                  { class: 'count' },
                  h('a', { href: href('coverage', { goal: g.goal.code, agency: id }), title: `${name}: ${g.count} on goal ${g.goal.code}, in the goal’s coverage` }, g.count),
                ),
              ),
            ),
          ),
        )
      : h('p', {}, 'None of its work is aligned with an SDG goal.'),
  );
}

/** An entity's page: what it is, where it comes from, and every fact about it with that fact's source. */
export const entityView: View = async (container, params, signal) => {
  const id = params.get('id') ?? '';
  const data = await execute(ExplorerEntityDocument, { id, first: listed }, signal);
  const node = data.node;
  if (node == null || !('name' in node) || data.neighbourhood == null) {
    replace(container, heading('Not found'), h('p', { role: 'alert' }, `There is no entity with the id “${id}”.`));
    return;
  }

  const { relationshipCount, relationships } = data.neighbourhood;
  // Whose this is, as the API's edit rule reads it: the organisations in a role on a piece of work, an organisation
  // itself. An outcome's is its results framework's manager, which the page does not read: editors see its link, and
  // the server says whether it is theirs.
  const holders = node.kind === 'ORGANIZATION' ? [id] : relationships.filter((r) => r.to.id === id && organisationRoles.includes(r.type)).map((r) => r.from.id);
  const mayEditThis = node.kind === 'OUTCOME' ? canEdit() : mayChange(holders);
  const history = h('section', { class: 'history-section', 'aria-live': 'polite' });
  replace(
    container,
    h('p', { class: 'kind' }, kindLabels[node.kind]),
    heading(node.name),
    params.get('saved') ? h('p', { role: 'status', class: 'saved' }, 'Saved.') : null,
    h(
      'p',
      { class: 'actions' },
      h('a', { href: href('network', { id }) }, 'Show in the network view'),
      node.kind === 'DELIVERABLE' && mayEditThis ? [' · ', h('a', { href: href('edit', { id }), class: 'edit-link' }, 'Edit this work')] : null,
      (node.kind === 'DELIVERABLE' || node.kind === 'OUTCOME') && mayEditThis ? [' · ', h('a', { href: href('link', { work: id }) }, 'Link to an SDG target')] : null,
      node.kind === 'ORGANIZATION' && mayEditThis ? [' · ', h('a', { href: href('organization', { id }), class: 'edit-link' }, 'Edit this organisation')] : null,
    ),
    node.kind === 'ORGANIZATION' ? downloads('the work it delivers', 'deliverables', { agency: id }) : null,
    h('section', {}, h('h2', {}, 'Where this comes from'), source(node.provenance)),
    'roles' in node && node.roles.length
      ? h(
          'section',
          {},
          h('h2', {}, 'Roles in the sector'),
          h(
            'ul',
            { class: 'roles' },
            node.roles.map((r) =>
              h(
                'li',
                {},
                h('p', { class: 'fact' }, r.role),
                h(
                  'p',
                  { class: 'source stated' },
                  'Confirmed by ',
                  h('a', { href: r.confirmedBy, rel: 'noopener noreferrer', target: '_blank' }, new URL(r.confirmedBy).hostname),
                  r.provenance.document ? [', quoted in ', entityLink(r.provenance.document)] : null,
                ),
              ),
            ),
          ),
        )
      : null,
    data.portfolio ? workByGoal(id, node.name, data.portfolio.byGoal) : null,
    h(
      'section',
      {},
      h('h2', {}, `Facts (${relationshipCount})`),
      h(
        'ul',
        { class: 'facts' },
        relationships.map((r) =>
          h(
            'li',
            {},
            h('p', { class: 'fact' }, r.from.id === id ? h('span', {}, node.name) : entityLink(r.from), ` ${relationshipLabels[r.type]} `, r.to.id === id ? h('span', {}, node.name) : entityLink(r.to)),
            source(r.provenance),
          ),
        ),
      ),
      more(relationships.length, relationshipCount),
    ),
    history,
  );
  if (canEdit()) {
    await drawHistory(history, id, signal);
  }
};

/** The stored fields' names, as a form labels them (others as they are stored). */
const fieldLabels: Record<string, string> = { name: 'Name', title: 'Title', deliverableKind: 'Kind', kind: 'Kind', status: 'Status', year: 'Year', items: 'Items', note: 'Note', statusLabel: 'Status as reported' };

/** The relationships that make a piece of work an organisation's (the API's RelationshipTypes.OrganisationRoles). */
const organisationRoles: RelationshipType[] = ['REPORTS', 'FUNDS', 'ACCOUNTABLE_FOR', 'EXTENDS', 'DELIVERS'];

/** How many changes an entity's history lists. */
const historyListed = 25;

/** Each change to the entity, newest first: who, when, what it was, and each field before and after (editors only). */
async function drawHistory(section: HTMLElement, id: string, signal: AbortSignal): Promise<void> {
  const changes = (await execute(ExplorerHistoryDocument, { subject: id, first: historyListed }, signal)).changes;
  const link = (l: { type: RelationshipType; outgoing: boolean; otherId: string; other?: { id: string; name: string } | null }) =>
    h('li', {}, l.outgoing ? `${relationshipLabels[l.type]} ` : '', l.other ? entityLink(l.other) : l.otherId, l.outgoing ? '' : ` ${relationshipLabels[l.type]} this`);
  replace(
    section,
    h('h2', {}, 'History'),
    changes.length === 0
      ? h('p', {}, 'No change has been recorded since it was loaded.')
      : h(
          'ol',
          { class: 'history' },
          changes.map((c) =>
            h(
              'li',
              { 'data-sequence': c.sequence },
              h('p', { class: 'fact' }, h('time', { datetime: c.at }, new Date(c.at).toLocaleString()), ` · ${writerName(c.by)} · ${c.operation}`),
              c.fieldChanges?.length
                ? h(
                    'table',
                    { class: 'counts changes' },
                    h('caption', {}, 'What changed'),
                    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
                    h('tbody', {}, c.fieldChanges.map((f) => h('tr', { 'data-field': f.field }, h('th', { scope: 'row' }, fieldLabels[f.field] ?? f.field), h('td', {}, f.before ?? '–'), h('td', {}, f.after ?? '–')))),
                  )
                : null,
              c.linksAdded?.length ? [h('p', { class: 'more' }, 'Links made:'), h('ul', {}, c.linksAdded.map(link))] : null,
              c.linksRemoved?.length ? [h('p', { class: 'more' }, 'Links removed:'), h('ul', {}, c.linksRemoved.map(link))] : null,
            ),
          ),
        ),
  );
}
