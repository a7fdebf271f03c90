import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { execute } from '../api';
import { h, replace } from '../dom';
import { ExplorerConnectionsDocument, ExplorerNeighbourhoodDocument, type EntityKind, type RelationshipType } from '../generated/graphql';
import { kindLabels, relationshipLabels } from '../labels';
import { picker } from '../picker';
import { navigate } from '../route';
import { entityLink, heading, type View } from './shared';

/** How many relationships one step outwards adds at most (the rest are counted, not drawn). */
const perStep = 40;

interface Shown {
  id: string;
  name: string;
  kind: EntityKind;
}

/** Colours by kind, chosen to stay distinct for the common forms of colour blindness (Okabe–Ito palette). */
const kindColours: Partial<Record<EntityKind, string>> = {
  ORGANIZATION: '#0072B2',
  DELIVERABLE: '#E69F00',
  OUTCOME: '#009E73',
  SDG_GOAL: '#CC79A7',
  SDG_TARGET: '#D55E00',
  SDG_INDICATOR: '#F0E442',
  THEME: '#56B4E9',
  DOCUMENT: '#999999',
};

/**
 * The network view: the neighbourhood of one entity, drawn with Cytoscape.js, grown by choosing an entity (click it,
 * or use its button in the list beside the graph, which also serves keyboard and screen-reader users). The shortest
 * connections between two entities are highlighted. Everything shown is in the address: the centre, the expanded
 * entities and the two ends of the connection.
 */
export const networkView: View = async (container, params, signal) => {
  const centre = params.get('id') || 'who';
  const open = [...new Set([centre, ...(params.get('open') ?? '').split(',').filter(Boolean)])];
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const state = { id: centre, open: open.filter((o) => o !== centre).join(','), from, to };
  const go = (changes: Partial<typeof state>, replaceState = false) => navigate('network', { ...state, ...changes }, replaceState);
  const expand = (id: string) => go({ open: [...open.filter((o) => o !== centre), id].join(',') });

  const [steps, paths] = await Promise.all([
    Promise.all(open.map((id) => execute(ExplorerNeighbourhoodDocument, { id, first: perStep }, signal))),
    from && to ? execute(ExplorerConnectionsDocument, { from, to, maxHops: 4 }, signal).then((d) => d.connections) : Promise.resolve(null),
  ]);

  const entities = new Map<string, Shown>();
  const edges = new Map<string, { from: string; to: string; type: RelationshipType }>();
  let hidden = 0;
  for (const step of steps) {
    if (!step.neighbourhood) {
      continue;
    }
    entities.set(step.neighbourhood.entity.id, step.neighbourhood.entity);
    hidden += step.neighbourhood.relationshipCount - step.neighbourhood.relationships.length;
    for (const r of step.neighbourhood.relationships) {
      entities.set(r.from.id, r.from);
      entities.set(r.to.id, r.to);
      edges.set(`${r.from.id}|${r.type}|${r.to.id}`, { from: r.from.id, to: r.to.id, type: r.type });
    }
  }
  const onPath = new Set<string>();
  for (const path of paths ?? []) {
    for (const e of path.entities) {
      entities.set(e.id, e);
      onPath.add(e.id);
    }
    for (const r of path.relationships) {
      const key = `${r.from.id}|${r.type}|${r.to.id}`;
      edges.set(key, { from: r.from.id, to: r.to.id, type: r.type });
      onPath.add(key);
    }
  }

  // Each box takes a name (it suggests matching entities as one types) or an exact id.
  const centrePicker = picker({ id: 'centre', name: 'id', label: 'Centre on', value: centre, placeholder: 'a name or an id', signal, onChoose: (e) => navigate('network', { id: e.id }) });
  const fromPicker = picker({ id: 'from', name: 'from', label: 'Connect', value: from, placeholder: 'e.g. iom', signal });
  const toPicker = picker({ id: 'to', name: 'to', label: 'with', value: to, placeholder: 'e.g. sdg-target-1.3', signal });
  const { input: centreInput } = centrePicker;
  const { input: fromInput } = fromPicker;
  const { input: toInput } = toPicker;
  const graph = h('div', { class: 'graph', role: 'img', 'aria-label': 'The network of the entities listed beside it' });
  const centreEntity = entities.get(centre);
  const firstPath = paths?.[0];

  replace(
    container,
    heading('Network', 'How entities connect. Choose an entity to show its connections too; find the shortest connection between two.'),
    h(
      'div',
      { class: 'controls' },
      h(
        'form',
        { onsubmit: (e: Event) => (e.preventDefault(), navigate('network', { id: centreInput.value.trim() })) },
        centrePicker.element,
        h('button', { type: 'submit' }, 'Show'),
      ),
      h(
        'form',
        { onsubmit: (e: Event) => (e.preventDefault(), go({ from: fromInput.value.trim(), to: toInput.value.trim() })) },
        fromPicker.element,
        toPicker.element,
        h('button', { type: 'submit' }, 'Find the shortest connection'),
      ),
    ),
    centreEntity ? null : h('p', { role: 'alert' }, `There is no entity with the id “${centre}”.`),
    from && to
      ? h(
          'p',
          { class: 'path-summary', 'aria-live': 'polite' },
          firstPath
            ? [
                `Shortest connection (${firstPath.length} ${firstPath.length === 1 ? 'step' : 'steps'}${paths.length > 1 ? `, one of ${paths.length}` : ''}): `,
                firstPath.entities.flatMap((e, i) => {
                  const r = firstPath.relationships[i];
                  const next = firstPath.entities[i + 1];
                  const label = r && next ? (r.from.id === e.id ? ` ${relationshipLabels[r.type]} → ` : ` ← ${relationshipLabels[r.type]} `) : '';
                  return [h('strong', {}, e.name), label];
                }),
              ]
            : `No connection of 4 steps or fewer between “${from}” and “${to}”.`,
        )
      : null,
    h(
      'div',
      { class: 'network' },
      graph,
      h(
        'aside',
        { class: 'network-list' },
        h('p', { class: 'network-status', role: 'status' }, `Showing ${entities.size} entities and ${edges.size} relationships${hidden > 0 ? ` (${hidden} more not drawn)` : ''}.`),
        h(
          'ul',
          { class: 'legend', 'aria-label': 'Colours' },
          [...new Set([...entities.values()].map((e) => e.kind))].map((kind) =>
            h('li', {}, h('span', { class: 'swatch', style: `background: ${kindColours[kind] ?? '#666'}` }), kindLabels[kind]),
          ),
        ),
        h(
          'ul',
          { class: 'entities', 'aria-label': 'Entities shown' },
          [...entities.values()].map((e) =>
            h(
              'li',
              { class: onPath.has(e.id) ? 'on-path' : '' },
              h('span', { class: 'swatch', style: `background: ${kindColours[e.kind] ?? '#666'}`, title: kindLabels[e.kind] }),
              entityLink(e),
              open.includes(e.id)
                ? null
                : h('button', { type: 'button', class: 'expand', 'aria-label': `Expand ${e.name}: show its connections`, onclick: () => expand(e.id) }, 'Expand'),
            ),
          ),
        ),
      ),
    ),
  );

  const elements: ElementDefinition[] = [
    ...[...entities.values()].map((e) => ({
      data: { id: e.id, label: e.name.length > 40 ? `${e.name.slice(0, 38)}…` : e.name, colour: kindColours[e.kind] ?? '#666' },
      classes: [e.id === centre ? 'centre' : '', open.includes(e.id) ? 'open' : '', onPath.has(e.id) ? 'path' : ''].join(' ').trim(),
    })),
    ...[...edges.entries()].map(([key, e]) => ({
      data: { id: key, source: e.from, target: e.to, label: relationshipLabels[e.type] },
      classes: onPath.has(key) ? 'path' : '',
    })),
  ];
  const cy: Core = cytoscape({
    container: graph,
    elements,
    // A force-directed layout: it spreads any shape of neighbourhood and path so labels rarely overlap.
    layout: { name: 'cose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 60, nodeRepulsion: () => 5000, gravity: 0.5, padding: 20 },
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 13, 'text-wrap': 'wrap', 'text-max-width': '140px', 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22 } },
      { selector: 'node.centre', style: { width: 36, height: 36, 'border-width': 3, 'border-color': '#000' } },
      { selector: 'node.open', style: { 'border-width': 2, 'border-color': '#333' } },
      { selector: 'edge', style: { width: 1.5, 'line-color': '#9aa3ad', 'target-arrow-color': '#9aa3ad', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, color: '#555', 'text-rotation': 'autorotate' } },
      { selector: 'node.path', style: { 'border-color': '#c00', 'border-width': 4 } },
      { selector: 'edge.path', style: { 'line-color': '#c00', 'target-arrow-color': '#c00', width: 4 } },
    ],
  });
  // A connection, when asked for, is what must be seen whole; otherwise everything, unless fitting it shrinks the
  // labels past reading, and then the centre at a readable size (the rest is a drag or a scroll away).
  const highlighted = cy.elements('.path');
  if (highlighted.nonempty()) {
    cy.fit(highlighted, 40);
  } else if (cy.zoom() < 0.7 && entities.has(centre)) {
    cy.zoom({ level: 0.7, position: cy.getElementById(centre).position() });
  }
  cy.on('tap', 'node', (event) => {
    const id = event.target.id() as string;
    if (!open.includes(id)) {
      expand(id);
    }
  });
  signal.addEventListener('abort', () => cy.destroy(), { once: true });
};
