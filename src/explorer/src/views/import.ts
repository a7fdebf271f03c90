import { h, replace } from '../dom';
import { apiKey } from '../session';
import { heading, type View } from './shared';

interface Problem {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning';
  message: string;
}

interface Report {
  written: boolean;
  documentId: string;
  rows: number;
  work: number;
  errors: number;
  warnings: number;
  created: string[];
  problems: Problem[];
}

/** Where the import endpoint is: beside the page's GraphQL endpoint, as the exports are. */
const endpoint = '../import/workbook';

/** What a refusal means, in words an editor can act on. */
async function refusal(response: Response): Promise<string> {
  const detail = ((await response.json().catch(() => null)) as { detail?: string } | null)?.detail;
  switch (response.status) {
    case 401:
      return 'The API key was not recognised: check it, or ask an administrator for a key.';
    case 403:
      return 'This key may not import: a workbook holds every partner’s work, so importing one needs an administrator’s key.';
    case 413:
      return detail ?? 'The workbook is too large.';
    default:
      return detail ?? `The server refused the workbook (${response.status}).`;
  }
}

/** The report: what was imported, and every problem by sheet, row and column. */
function reportView(report: Report): HTMLElement {
  return h(
    'section',
    { class: 'import-report', 'aria-live': 'polite' },
    h('h2', {}, report.written ? 'Imported' : 'Nothing was imported'),
    h(
      'p',
      { class: 'summary', role: report.written ? 'status' : 'alert' },
      report.written
        ? `${report.work} pieces of work from ${report.rows} rows are in the graph, stated by the document “${report.documentId}”.`
        : `${report.errors} ${report.errors === 1 ? 'problem stops' : 'problems stop'} the import; nothing was written. Correct the rows below and upload the workbook again.`,
      report.warnings ? ` ${report.warnings} ${report.warnings === 1 ? 'note' : 'notes'} below did not stop it.` : '',
    ),
    report.problems.length
      ? h(
          'table',
          { class: 'counts problems' },
          h('caption', {}, 'Every problem the import found, by sheet, row and column.'),
          h('thead', {}, h('tr', {}, ['Sheet', 'Row', 'Column', 'Kind', 'What is wrong'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            report.problems.map((p) =>
              h('tr', { class: p.severity }, h('td', {}, p.sheet), h('td', {}, p.row ?? '–'), h('td', {}, p.column ?? '–'), h('td', {}, p.severity), h('td', {}, p.message)),
            ),
          ),
        )
      : null,
  );
}

/**
 * Import for editors: upload the council's who-what-where-when workbook (the template, or a partner's 3W/4W file) with
 * an administrator's API key. The server checks the key and the whole workbook; an invalid one writes nothing, and the report
 * lists every problem where it is.
 */
export const importView: View = async (container) => {
  const key = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true, value: apiKey() ?? '' });
  const file = h('input', { id: 'workbook', type: 'file', accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv', required: true });
  const result = h('div', { id: 'import-result' });
  const submit = h('button', { type: 'submit' }, 'Import');

  const form = h(
    'form',
    {
      class: 'import',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen || !key.value) {
          replace(result, h('p', { role: 'alert', class: 'error' }, 'Give an administrator’s API key and choose a workbook.'));
          return;
        }
        submit.disabled = true;
        replace(result, h('p', { role: 'status' }, `Importing ${chosen.name}…`));
        try {
          const response = await fetch(new URL(`${endpoint}?file=${encodeURIComponent(chosen.name)}`, document.baseURI), {
            method: 'POST',
            headers: { 'X-Api-Key': key.value, 'Content-Type': chosen.type || 'application/octet-stream' },
            body: chosen,
          });
          replace(result, response.ok ? reportView((await response.json()) as Report) : h('p', { role: 'alert', class: 'error' }, await refusal(response)));
        } catch {
          replace(result, h('p', { role: 'alert', class: 'error' }, 'The HealthGraph server could not be reached.'));
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('label', { for: 'api-key', class: 'field' }, 'Administrator’s API key', key),
    h('p', { class: 'more' }, 'The key you signed in with, or another; sent with this upload only.'),
    h('label', { for: 'workbook', class: 'field' }, 'Workbook (XLSX or CSV)', file),
    submit,
  );

  replace(
    container,
    heading(
      'Import a workbook',
      'For editors: the council’s who-what-where-when workbook, as the template or a partner’s own 3W/4W file. ',
      h('a', { href: '../export/template.xlsx', download: 'healthgraph-template.xlsx' }, 'Download the template'),
      ' (',
      h('a', { href: '../export/template.csv', download: 'healthgraph-template.csv' }, 'CSV'),
      ').',
    ),
    form,
    result,
  );
};
