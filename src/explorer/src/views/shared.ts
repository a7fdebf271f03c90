import { h, replace, type Child } from '../dom';
import { canEdit, isAdministrator } from '../session';
import { entityHref, href } from '../route';
import { kindLabels } from '../labels';
import type { EntityKind } from '../generated/graphql';

/** A view draws itself into its container from the address's parameters; the signal aborts when the address changes. */
export type View = (container: HTMLElement, params: URLSearchParams, signal: AbortSignal) => Promise<void>;

/** A link to an entity's page, with its kind for screen readers and on hover. */
export function entityLink(entity: { id: string; name: string; kind?: EntityKind }): HTMLAnchorElement {
  return h('a', { href: entityHref(entity.id), title: entity.kind ? `${kindLabels[entity.kind]}: ${entity.name}` : entity.name }, entity.name);
}

/** What an organization is called in a crowded place (a heatmap's header): its acronym, such as WHO, else its name. */
export function shortName(organization: { name: string; aliases: string[] }): string {
  return organization.aliases.find((alias) => alias.length <= 12 && alias === alias.toUpperCase()) ?? organization.name;
}

/** A link to an organization by its short name, with its full name on hover and for screen readers. */
export function organizationLink(organization: { id: string; name: string; aliases: string[] }): HTMLAnchorElement {
  const short = shortName(organization);
  // The accessible name starts with the visible text, so voice control ("click ILO") finds the link.
  const label = short === organization.name ? null : `${short}, ${organization.name}`;
  return h('a', { href: entityHref(organization.id), title: organization.name, 'aria-label': label }, short);
}

/** A labelled group of options as radio buttons (a switch), announcing its choice to assistive technology. */
export function switcher(
  legend: string,
  name: string,
  options: { value: string; label: string }[],
  selected: string,
  onChange: (value: string) => void,
): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'switch' },
    h('legend', {}, legend),
    options.map((option) =>
      h(
        'label',
        {},
        h('input', {
          type: 'radio',
          name,
          value: option.value,
          checked: option.value === selected,
          onchange: () => onChange(option.value),
        }),
        option.label,
      ),
    ),
  );
}

export function heading(title: string, ...intro: Child[]): Child[] {
  return [h('h1', {}, title), intro.length ? h('p', { class: 'intro' }, ...intro) : null];
}

/** "and 12 more" after a shortened list. */
export function more(shown: number, total: number): Child {
  return total > shown ? h('span', { class: 'more' }, ` and ${total - shown} more`) : null;
}

/**
 * Links that download an export (`/export/{kind}.xlsx`, `.csv` and `.json`) with the view's filters, beside the page at
 * /explore/: relative, like the page's GraphQL endpoint. Repeated parameters (several agencies) are repeated keys.
 */
export function downloads(what: string, kind: string, params: Record<string, string | string[] | null | undefined>): HTMLParagraphElement {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== '') {
        query.append(key, item);
      }
    }
  }
  const text = query.toString();
  const link = (format: string, label: string) =>
    h('a', { href: `../export/${kind}.${format}${text ? `?${text}` : ''}`, download: `healthgraph-${kind}.${format}`, class: `download ${format}` }, label);
  return h('p', { class: 'downloads' }, `Download ${what} as `, link('xlsx', 'Excel'), ' / ', link('csv', 'CSV'), ' / ', link('json', 'JSON'));
}

/** The years a period switch offers: the council's planning horizon around today. */
function years(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 16 }, (_, i) => now - 10 + i);
}

/** A year chosen in the page's address, as the API's period filter: that whole year, or null for any time. */
export function yearPeriod(year: string | null): { from: string; to: string } | null {
  return year ? { from: year, to: year } : null;
}

/** The labelled "Active in" switch: any time, or one year; choosing calls back with the year or null. */
export function yearSwitch(year: string | null, onChange: (year: string | null) => void): HTMLElement {
  const select = h(
    'select',
    { id: 'year', onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value || null) },
    h('option', { value: '', selected: !year }, 'Any time'),
    years().map((y) => h('option', { value: String(y), selected: String(y) === year }, String(y))),
  );
  return h('label', { for: 'year', class: 'field' }, 'Active in', select);
}

/** A writer as the change log names it ('key:<name>' for an API key, 'token:<issuer>|<subject>'), as a person reads it. */
export function writerName(name: string): string {
  return name.replace(/^key:/, '').replace(/^token:.*\|/, '');
}

/** Draws why a view is for editors only (with the way to sign in), and says whether the page may go on. */
export function editorsOnly(container: HTMLElement, title: string, next: string): boolean {
  return onlyFor(container, title, next, canEdit(), 'Only editors change the graph.', 'an editor’s');
}

/** Draws why a view is for administrators only (with the way to sign in), and says whether the page may go on. */
export function administratorsOnly(container: HTMLElement, title: string, next: string): boolean {
  return onlyFor(container, title, next, isAdministrator(), 'Only administrators manage this.', 'an administrator’s');
}

function onlyFor(container: HTMLElement, title: string, next: string, allowed: boolean, why: string, whose: string): boolean {
  if (allowed) {
    return true;
  }
  replace(
    container,
    heading(title, why),
    h('p', { role: 'alert' }, `Sign in with ${whose} API key first. `, h('a', { href: href('signin', { next }) }, 'Sign in')),
  );
  return false;
}
