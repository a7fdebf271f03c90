import { execute } from '../api';
import { h, replace } from '../dom';
import { ExplorerRegionCoverageDocument, ExplorerRegionWorkDocument, type CoverageStatus } from '../generated/graphql';
import { navigate } from '../route';
import { entityLink, heading, more, organizationLink, yearPeriod, yearSwitch, type View } from './shared';

/** How many agencies each region lists, and how many pieces of work the chosen region lists (the counts are exact). */
const agenciesListed = 8;
const workListed = 25;

const statusLabels: Record<CoverageStatus, string> = {
  GAP: 'Gap: no agency works here',
  SINGLE_AGENCY: 'One agency only',
  SHARED: 'Several agencies',
};

/**
 * Where the work is: a labelled grid of the country's regions (no map: no boundary data with a licence that allows it
 * ships in a registry package here), each with the agencies working in it and whether it is a gap, counting only the work
 * active in a year when one is chosen. Choosing a region lists its work, limited to the same year.
 */
export const regionsView: View = async (container, params, signal) => {
  const country = params.get('country') ?? 'place-tjk';
  const region = params.get('region');
  const year = params.get('year');
  const state = { country, region, year };
  const go = (changes: Partial<typeof state>) => navigate('regions', { ...state, ...changes }, true);
  const period = yearPeriod(year);

  const [coverage, work] = await Promise.all([
    execute(ExplorerRegionCoverageDocument, { country, agencies: agenciesListed, period }, signal),
    region ? execute(ExplorerRegionWorkDocument, { region, period, first: workListed }, signal) : Promise.resolve(null),
  ]);
  const data = coverage.regionCoverage;
  const chosen = data?.regions.find((r) => r.region.id === region) ?? null;
  replace(
    container,
    heading('Where the work is', 'The regions of a country, the agencies whose work is located in each (directly or in a district within it), and where no one works.'),
    data == null
      ? h('p', { role: 'alert' }, `There is no country “${country}”.`)
      : [
          h('h2', {}, data.country.name),
          h('div', { class: 'controls' }, yearSwitch(year, (y) => go({ year: y }))),
          h(
            'p',
            { class: 'summary' },
            h('span', { class: 'badge GAP' }, `${data.gapCount} of ${data.regions.length} regions without work${year ? ` active in ${year}` : ''}`),
          ),
          h(
            'ul',
            { class: 'region-grid', 'aria-label': `The regions of ${data.country.name}` },
            data.regions.map((r) =>
              h(
                'li',
                { class: `region ${r.status}${r.region.id === region ? ' chosen' : ''}`, 'data-region': r.region.isoCode ?? r.region.id },
                h('h3', {}, r.region.name, r.region.isoCode ? h('span', { class: 'code' }, ` ${r.region.isoCode}`) : null),
                h('p', {}, h('span', { class: `badge ${r.status}` }, statusLabels[r.status])),
                h('p', { class: 'agency-count' }, r.agencyCount === 1 ? '1 agency' : `${r.agencyCount} agencies`),
                r.agencies.length
                  ? h('ul', { class: 'agencies' }, r.agencies.map((a) => h('li', {}, organizationLink(a.agency), h('span', { class: 'links' }, ` (${a.links})`))))
                  : null,
                more(r.agencies.length, r.agencyCount),
                h(
                  'button',
                  { type: 'button', 'aria-pressed': r.region.id === region ? 'true' : 'false', onclick: () => go({ region: r.region.id }) },
                  `Work in ${r.region.name}`,
                ),
              ),
            ),
          ),
          h('p', { class: 'more' }, 'The number beside an agency counts the ways its work reaches the region: each piece of work located in it or in a place within it.'),
          region
            ? h(
                'section',
                { class: 'region-work', 'aria-live': 'polite' },
                h('h2', {}, `Work in ${chosen?.region.name ?? region}`),
                work && work.deliverables.totalCount > 0
                  ? [
                      h('p', { class: 'summary' }, `${work.deliverables.totalCount} pieces of work${year ? ` active in ${year}` : ''}.`),
                      h(
                        'table',
                        { class: 'counts' },
                        h('caption', {}, `The work located in ${chosen?.region.name ?? region} or in a place within it${year ? `, active at some time in ${year}` : ''}.`),
                        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Work'), h('th', { scope: 'col' }, 'Agencies'), h('th', { scope: 'col' }, 'Period'))),
                        h(
                          'tbody',
                          {},
                          work.deliverables.nodes.map((d) =>
                            h(
                              'tr',
                              { 'data-work': d.id },
                              h('th', { scope: 'row' }, entityLink(d)),
                              h('td', {}, d.deliveredBy.nodes.map((a, i) => [i ? ', ' : '', organizationLink(a)])),
                              h('td', {}, d.periodStart ? `${d.periodStart} – ${d.periodEnd ?? 'running'}` : 'not known'),
                            ),
                          ),
                        ),
                      ),
                      more(work.deliverables.nodes.length, work.deliverables.totalCount),
                    ]
                  : h('p', {}, `No work is located in ${chosen?.region.name ?? region}${year ? ` that is active in ${year}` : ''}.`),
              )
            : null,
        ],
  );
};
