import { execute } from '../api';
import { h, replace } from '../dom';
import { ExplorerOverlapMatrixDocument, ExplorerPairOverlapDocument, type OverlapDimension } from '../generated/graphql';
import { basisLabels, basisParam, dimensionLabels } from '../labels';
import { navigate } from '../route';
import { downloads, entityLink, heading, shortName, switcher, yearPeriod, yearSwitch, type View } from './shared';

const dimensions: OverlapDimension[] = ['TARGET', 'THEME', 'OUTCOME', 'COUNTERPART', 'REGION', 'GOAL'];

function dimensionParam(value: string | null): OverlapDimension {
  const upper = (value ?? '').toUpperCase();
  return dimensions.find((d) => d === upper) ?? 'TARGET';
}

/**
 * The overlap heatmap: agencies × agencies, each cell shaded by how many items the pair shares in the chosen
 * dimension. It is an HTML table of buttons: readable by screen readers, usable by keyboard, legible on a projector.
 * Choosing a cell lists what the pair shares, in every dimension, with links to each item.
 */
export const overlapView: View = async (container, params, signal) => {
  const dimension = dimensionParam(params.get('dimension'));
  const basis = basisParam(params.get('basis'));
  const pair = (params.get('pair') ?? '').split(',').filter(Boolean);
  const year = params.get('year');
  const period = yearPeriod(year);
  const state = { dimension: dimension.toLowerCase(), basis: params.get('basis'), pair: params.get('pair'), year };
  const go = (changes: Partial<typeof state>, replaceState = true) => navigate('overlap', { ...state, ...changes }, replaceState);

  const data = await execute(ExplorerOverlapMatrixDocument, { dimension, basis, first: 25, period }, signal);
  const matrix = data.overlapMatrix;
  const counts = new Map(matrix.cells.map((cell) => [`${cell.row.id}|${cell.column.id}`, cell]));
  const max = Math.max(1, ...matrix.cells.filter((c) => c.row.id !== c.column.id).map((c) => c.sharedCount));
  const names = new Map(matrix.agencies.map((a) => [a.id, shortName(a)]));
  const what = dimensionLabels[dimension];

  const table = h(
    'table',
    { class: 'heatmap' },
    h('caption', {}, `How many ${what.plural} each pair of agencies shares${year ? ` through its work active in ${year}` : ''}. Choose a cell to see what they share.`),
    h('thead', {}, h('tr', {}, h('td', {}), matrix.agencies.map((a) => h('th', { scope: 'col', title: a.name }, shortName(a))))),
    h(
      'tbody',
      {},
      matrix.agencies.map((row) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', title: row.name }, shortName(row)),
          matrix.agencies.map((column) => {
            if (row.id === column.id) {
              return h('td', { class: 'self', 'aria-label': `${shortName(row)} itself` }, '–');
            }
            const shared = counts.get(`${row.id}|${column.id}`)?.sharedCount ?? 0;
            const selected = pair.length === 2 && pair.includes(row.id) && pair.includes(column.id);
            const label = `${shortName(row)} and ${shortName(column)} share ${shared} ${shared === 1 ? what.singular : what.plural}`;
            return h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  // White figures on the darker half of the scale, black on the lighter: readable on every shade.
                  class: `cell${shared / max > 0.5 ? ' dark' : ''}${selected ? ' selected' : ''}`,
                  style: `--shade: ${(shared / max).toFixed(3)}`,
                  'aria-label': label,
                  'aria-pressed': String(selected),
                  title: label,
                  'data-row': row.id,
                  'data-column': column.id,
                  onclick: () => go({ pair: `${row.id},${column.id}` }, false),
                },
                String(shared),
              ),
            );
          }),
        ),
      ),
    ),
  );

  const details = h('section', { class: 'details', 'aria-live': 'polite' });
  replace(
    container,
    heading('Who works on the same things', 'Agencies that share SDG targets, themes, outcomes or national counterparts could coordinate, or team up.'),
    h(
      'div',
      { class: 'controls' },
      switcher('Compare by', 'dimension', dimensions.map((d) => ({ value: d.toLowerCase(), label: dimensionLabels[d].plural })), state.dimension, (v) => go({ dimension: v })),
      switcher('Alignment', 'basis', [{ value: '', label: basisLabels.ALL }, { value: 'stated', label: basisLabels.STATED }], state.basis ?? '', (v) => go({ basis: v })),
      yearSwitch(year, (y) => go({ year: y })),
    ),
    matrix.agencies.length < 2
      ? h('p', {}, 'There are not yet two agencies to compare.')
      : [
          h('div', { class: 'scroll' }, table),
          downloads(`the overlaps in ${what.plural} of these agencies${year ? ` in ${year}` : ''}`, 'overlaps', {
            dimension,
            basis,
            agency: matrix.agencies.map((a) => a.id),
            'activeIn.from': year,
            'activeIn.to': year,
          }),
        ],
    details,
  );

  const [a, b] = pair;
  if (a && b) {
    replace(details, h('p', {}, 'Loading what they share…'));
    const overlap = (await execute(ExplorerPairOverlapDocument, { agencyIds: [a, b], basis, period }, signal)).partnerOverlaps.nodes[0];
    const title = `What ${names.get(a) ?? a} and ${names.get(b) ?? b} share`;
    if (!overlap) {
      replace(details, h('h2', {}, title), h('p', {}, `Nothing: they share no targets, goals, themes, outcomes, counterparts or regions${year ? ` through their work active in ${year}` : ''}.`));
      return;
    }
    const ordered = [...overlap.dimensions].sort((x, y) => (x.dimension === dimension ? -1 : y.dimension === dimension ? 1 : 0));
    replace(
      details,
      h('h2', { id: 'shared-heading', tabindex: '-1' }, title),
      ordered.map((d) =>
        h(
          'section',
          { class: 'shared', 'data-dimension': d.dimension },
          h('h3', {}, `${d.sharedCount} shared ${d.sharedCount === 1 ? dimensionLabels[d.dimension].singular : dimensionLabels[d.dimension].plural}`),
          d.shared.length ? h('ul', {}, d.shared.map((item) => h('li', {}, entityLink(item)))) : null,
        ),
      ),
    );
  }
};
