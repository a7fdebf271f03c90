import { execute } from '../api';
import { h, replace, type Child } from '../dom';
import {
  ExplorerGoalContributionsDocument,
  ExplorerGoalCoverageDocument,
  ExplorerGoalsDocument,
  type CoverageStatus,
  type ExplorerGoalContributionsQuery,
} from '../generated/graphql';
import { basisLabels, basisParam } from '../labels';
import { navigate } from '../route';
import { downloads, entityLink, heading, more, organizationLink, shortName, switcher, type View } from './shared';

/** How many agencies and pieces of work each target lists (the counts beside them are exact). */
const listed = 8;

const statusLabels: Record<CoverageStatus, string> = {
  GAP: 'Gap: nobody works on it',
  SINGLE_AGENCY: 'One agency only',
  SHARED: 'Shared',
};

/** The most contributions one request lists per target (the API's bound for goalCoverage's `first`). */
const allListed = 1000;

type Contributions = NonNullable<ExplorerGoalContributionsQuery['goalCoverage']>;
type Agency = Contributions['goalLevel'][number]['agency'];

/**
 * Each agency's distinct work on the goal: every contribution (each target's and the goal's own), counted once per
 * piece of work. Deliverables are the agency's own work (its portfolio counts the same ones on the goal); its outcomes
 * (of its results framework, or served by its work) are counted apart.
 */
function workByAgency(contributions: Contributions): { agency: Agency; work: number; outcomes: number }[] {
  const agencies = new Map<string, { agency: Agency; work: Set<string>; outcomes: Set<string> }>();
  for (const c of [...contributions.targets.flatMap((t) => t.contributions), ...contributions.goalLevel]) {
    const entry = agencies.get(c.agency.id) ?? { agency: c.agency, work: new Set<string>(), outcomes: new Set<string>() };
    agencies.set(c.agency.id, entry);
    (c.work.__typename === 'Deliverable' ? entry.work : entry.outcomes).add(c.work.id);
  }
  return [...agencies.values()]
    .map((a) => ({ agency: a.agency, work: a.work.size, outcomes: a.outcomes.size }))
    .sort((a, b) => b.work - a.work || b.outcomes - a.outcomes || shortName(a.agency).localeCompare(shortName(b.agency)));
}

/** The "Work by agency" table, with the chosen agency's row marked. */
function workByAgencyTable(goal: string, rows: ReturnType<typeof workByAgency>, chosen: string | null, partial: boolean): Child {
  return h(
    'section',
    { class: 'work-by-agency' },
    h('h3', {}, 'Work by agency'),
    rows.length
      ? h(
          'table',
          { class: 'counts by-agency' },
          h('caption', {}, `Each agency’s distinct pieces of work on goal ${goal}, across its targets and the goal as a whole; its outcomes (of its results framework, or served by its work) are counted apart.`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Agency'), h('th', { scope: 'col' }, 'Work'), h('th', { scope: 'col' }, 'Outcomes'))),
          h(
            'tbody',
            {},
            rows.map((r) =>
              h(
                'tr',
                { 'data-agency': r.agency.id, class: r.agency.id === chosen ? 'chosen' : null, 'aria-current': r.agency.id === chosen ? 'true' : null },
                h('th', { scope: 'row' }, organizationLink(r.agency)),
                h('td', { class: 'count work' }, r.work),
                h('td', { class: 'count outcomes' }, r.outcomes),
              ),
            ),
          ),
        )
      : h('p', {}, `No agency’s work is aligned with goal ${goal}.`),
    chosen && !rows.some((r) => r.agency.id === chosen) ? h('p', { class: 'more' }, `None of the work of “${chosen}” is aligned with goal ${goal}.`) : null,
    partial ? h('p', { class: 'more' }, `Counted from the first ${allListed} contributions of each target.`) : null,
  );
}

/**
 * SDG coverage: for one goal, each target with the agencies and the work behind it. Gaps and targets only one agency
 * works on stand out; a switch shows what the sources state themselves, or that plus what is inferred (with reasons on
 * each item's page).
 */
export const coverageView: View = async (container, params, signal) => {
  const goal = params.get('goal') ?? '3';
  const basis = basisParam(params.get('basis'));
  // The agency chosen on its own page (its work by SDG goal links here): its row of "Work by agency" stands out.
  const agency = params.get('agency');
  const state = { goal, basis: params.get('basis'), agency };
  const go = (changes: Partial<typeof state>) => navigate('coverage', { ...state, ...changes }, true);

  const [goals, data] = await Promise.all([
    execute(ExplorerGoalsDocument, {}, signal),
    execute(ExplorerGoalCoverageDocument, { goal, basis, first: listed }, signal),
  ]);
  const coverage = data.goalCoverage;
  // Every contribution, in a second request that lists as many per target as the largest target has (priced by it).
  const most = coverage ? Math.max(coverage.goalLevelCount, ...coverage.targets.map((t) => t.contributionCount)) : 0;
  const contributions =
    most > 0 ? (await execute(ExplorerGoalContributionsDocument, { goal, basis, first: Math.min(most, allListed) }, signal)).goalCoverage : null;
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
          workByAgencyTable(coverage.goal.code, contributions ? workByAgency(contributions) : [], agency, most > allListed),
          h('h3', {}, 'Targets'),
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
