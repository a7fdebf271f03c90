import { execute } from '../api';
import { h, replace } from '../dom';
import { ExplorerGoalCoverageDocument, ExplorerGoalsDocument, type CoverageStatus } from '../generated/graphql';
import { basisLabels, basisParam } from '../labels';
import { navigate } from '../route';
import { downloads, entityLink, heading, more, organizationLink, switcher, type View } from './shared';

/** How many agencies and pieces of work each target lists (the counts beside them are exact). */
const listed = 8;

const statusLabels: Record<CoverageStatus, string> = {
  GAP: 'Gap: nobody works on it',
  SINGLE_AGENCY: 'One agency only',
  SHARED: 'Shared',
};

/**
 * SDG coverage: for one goal, each target with the agencies and the work behind it. Gaps and targets only one agency
 * works on stand out; a switch shows what the sources state themselves, or that plus what is inferred (with reasons on
 * each item's page).
 */
export const coverageView: View = async (container, params, signal) => {
  const goal = params.get('goal') ?? '3';
  const basis = basisParam(params.get('basis'));
  const state = { goal, basis: params.get('basis') };
  const go = (changes: Partial<typeof state>) => navigate('coverage', { ...state, ...changes }, true);

  const [goals, data] = await Promise.all([
    execute(ExplorerGoalsDocument, {}, signal),
    execute(ExplorerGoalCoverageDocument, { goal, basis, first: listed }, signal),
  ]);
  const coverage = data.goalCoverage;
  const select = h(
    'select',
    { id: 'goal', onchange: (e: Event) => go({ goal: (e.target as HTMLSelectElement).value }) },
    (goals.sdgGoals.nodes).flatMap((g) =>
      g ? [h('option', { value: g.code, selected: g.code === goal }, `Goal ${g.code}: ${g.shortName ?? g.name}`)] : [],
    ),
  );

  replace(
    container,
    heading('SDG coverage', 'Which targets of a goal the agencies work on, and where the gaps are.'),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'goal', class: 'field' }, 'Goal', select),
      switcher('Alignment', 'basis', [{ value: '', label: basisLabels.ALL }, { value: 'stated', label: basisLabels.STATED }], state.basis ?? '', (v) => go({ basis: v })),
    ),
    coverage == null
      ? h('p', { role: 'alert' }, `There is no SDG goal ${goal}.`)
      : [
          h('h2', {}, `Goal ${coverage.goal.code}: ${coverage.goal.name}`),
          h(
            'p',
            { class: 'summary' },
            h('span', { class: 'badge GAP' }, `${coverage.gapCount} gaps`),
            h('span', { class: 'badge SINGLE_AGENCY' }, `${coverage.singleAgencyCount} with one agency`),
            h('span', { class: 'badge SHARED' }, `${coverage.sharedCount} shared`),
          ),
          downloads(`the coverage of goal ${coverage.goal.code}`, 'coverage', { goal: coverage.goal.code, basis }),
          h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'coverage' },
              h('caption', {}, `The targets of goal ${coverage.goal.code}, the agencies working on each, and their work.`),
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Target'), h('th', { scope: 'col' }, 'Coverage'), h('th', { scope: 'col' }, 'Agencies'), h('th', { scope: 'col' }, 'Work'))),
              h(
                'tbody',
                {},
                coverage.targets.map((t) =>
                  h(
                    'tr',
                    { class: t.status, 'data-target': t.target.code },
                    h('th', { scope: 'row' }, entityLink({ id: t.target.id, name: t.target.code }), h('span', { class: 'target-title' }, t.target.name)),
                    h('td', {}, h('span', { class: `badge ${t.status}` }, statusLabels[t.status])),
                    h('td', {}, t.agencies.length ? h('ul', { class: 'agencies' }, t.agencies.map((a) => h('li', {}, organizationLink(a)))) : '–', more(t.agencies.length, t.agencyCount)),
                    h('td', {}, t.deliverables.length ? h('ul', {}, t.deliverables.map((d) => h('li', {}, entityLink(d)))) : '–', more(t.deliverables.length, t.deliverableCount)),
                  ),
                ),
              ),
            ),
          ),
        ],
  );
};
