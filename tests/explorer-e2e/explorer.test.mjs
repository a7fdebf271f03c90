// The coordination explorer in a real browser against the real host with the seed data. Screenshots of each view go
// to artifacts/test-results/explorer/.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, screenshot, screenshots, settled, startHost } from './harness.mjs';

const executablePath = chromiumPath();
// Without a browser every test is reported as skipped, with the reason, rather than passed or silently left out.
const skip = executablePath ? false : 'no Chromium: install Debian\'s chromium package (apt-get install chromium) or set CHROMIUM_PATH';
const it = (name, fn) => test(name, { skip }, fn);

/** A WHO editor's API key, configured on the host by its hash (as `healthgraph apikey` prints it): WHO's work only. */
const editorKey = 'hg_e2e-editor-key-0123456789abcdefghijklmnopqrstuv';
const editorKeyHash = `sha256:${createHash('sha256').update(editorKey).digest('hex')}`;
/** An administrator's key: everything, workbooks and keys. */
const adminKey = 'hg_e2e-admin-key-0123456789abcdefghijklmnopqrstuvw';
const adminKeyHash = `sha256:${createHash('sha256').update(adminKey).digest('hex')}`;
/** A key that may only read (no role). */
const readerKey = 'hg_e2e-reader-key-0123456789abcdefghijklmnopqrstuv';
const readerKeyHash = `sha256:${createHash('sha256').update(readerKey).digest('hex')}`;

describe('the coordination explorer', () => {
  let host;
  let browser;
  let page;
  const problems = [];

  before(async () => {
    if (skip) {
      return;
    }
    await rm(screenshots, { recursive: true, force: true }); // this run's screenshots only
    host = await startHost({
      args: [
        '--Auth:ApiKeys:0:Name=e2e-editor', `--Auth:ApiKeys:0:Hash=${editorKeyHash}`, '--Auth:ApiKeys:0:Roles:0=editor', '--Auth:ApiKeys:0:Organisations:0=who',
        '--Auth:ApiKeys:2:Name=e2e-admin', `--Auth:ApiKeys:2:Hash=${adminKeyHash}`, '--Auth:ApiKeys:2:Roles:0=administrator',
        '--Auth:ApiKeys:1:Name=e2e-reader', `--Auth:ApiKeys:1:Hash=${readerKeyHash}`,
      ],
    });
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} from ${response.url()}`));
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  // Each test answers for what failed while it ran: a page error, a console error or an error response fails that
  // test, whatever ran before it or runs alone.
  afterEach(() => {
    const found = problems.splice(0);
    assert.deepEqual(found, [], 'no page errors, console errors or error responses');
  });

  /** The targets of a goal that are gaps, as the coverage export gives them (this host takes only the explorer's documents). */
  const exportedGaps = async (goal, basis) => {
    const response = await fetch(`${host.url}/export/coverage.csv?goal=${goal}${basis ? `&basis=${basis}` : ''}`);
    assert.equal(response.status, 200);
    const [header, ...records] = parseCsv(await response.text());
    const column = (name) => header.indexOf(name);
    return records.filter((r) => r[column('status')] === 'GAP').map((r) => r[column('target')]);
  };

  const open = async (hash) => {
    await page.goto(`${host.url}/explore/${hash}`);
    await settled(page);
    assert.deepEqual(await page.locator('#view [role="alert"]').allTextContents(), [], 'the view shows no error');
  };

  it('the heatmap shows WHO, ILO and IOM', async () => {
    await open('#/overlap');
    const rows = await page.locator('.heatmap tbody th[scope="row"]').allTextContents();
    for (const agency of ['WHO', 'ILO', 'IOM']) {
      assert.ok(rows.includes(agency), `${agency} is a row of the heatmap (rows: ${rows.join(', ')})`);
    }
    const columns = await page.locator('.heatmap thead th').allTextContents();
    assert.deepEqual(columns, rows, 'the columns are the rows, in the same order');
    await screenshot(page, 'overlap-heatmap');
  });

  it('choosing the WHO–ILO cell lists what they share, as many as the cell says', async () => {
    await open('#/overlap?dimension=theme');
    const cell = page.locator('button.cell[data-row="who"][data-column="ilo"]');
    const count = Number(await cell.textContent());
    assert.ok(count > 0, 'WHO and ILO share at least one theme in the seed data');
    await cell.click();
    await page.waitForSelector('.details section[data-dimension="THEME"]');
    assert.match(page.url(), /pair=who%2Cilo|pair=who,ilo/, 'the chosen pair is in the address');
    assert.equal(await page.locator('.details h2').textContent(), 'What WHO and ILO share');
    const themes = page.locator('.details section[data-dimension="THEME"]');
    assert.match(await themes.locator('h3').textContent(), new RegExp(`^${count} shared theme`));
    const items = themes.locator('li a');
    assert.equal(await items.count(), count, 'every shared theme is listed');
    assert.match(await items.first().getAttribute('href'), /^#\/entity\//, 'each links to its page');
    assert.equal(await page.locator('.details section').first().getAttribute('data-dimension'), 'THEME', 'the chosen dimension comes first');
    assert.ok(
      (await page.locator('.details section[data-dimension="COUNTERPART"] li').count()) > 0,
      'what they share in the other dimensions is listed too (the Ministry of Health and Social Protection)',
    );
    await screenshot(page, 'overlap-who-ilo');

    // Shared with the address: opening it again shows the same pair.
    await page.reload();
    await page.waitForSelector('.details section[data-dimension="THEME"]');
    const marked = await page.locator('button.cell[aria-pressed="true"]').evaluateAll((cells) => cells.map((c) => `${c.dataset.row}-${c.dataset.column}`));
    assert.deepEqual(marked.sort(), ['ilo-who', 'who-ilo'], 'the pair\'s two cells are marked');
  });

  it('the heatmap works by keyboard', async () => {
    await open('#/overlap?dimension=theme');
    await page.locator('button.cell[data-row="ilo"][data-column="iom"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.details section[data-dimension="THEME"]');
    assert.equal(await page.locator('.details h2').textContent(), 'What ILO and IOM share');
  });

  it('goal 8 coverage shows 8.3 and 8.5 with ILO', async () => {
    await open('#/coverage?goal=8');
    for (const target of ['8.3', '8.5']) {
      const row = page.locator(`table.coverage tr[data-target="${target}"]`);
      assert.deepEqual(await row.locator('ul.agencies a').allTextContents(), ['ILO'], `ILO alone works on ${target}`);
      assert.equal(await row.getAttribute('class'), 'SINGLE_AGENCY', `${target} stands out as single-agency`);
    }
    assert.ok((await page.locator('table.coverage tr.GAP').count()) > 0, 'goal 8 has gaps, and they stand out');
    await screenshot(page, 'coverage-goal-8');
  });

  it('the Where view shows Tajikistan\'s five regions: Sughd with WHO, the others gaps', async () => {
    await open('#/regions');
    const cards = page.locator('ul.region-grid > li');
    assert.deepEqual(
      (await cards.evaluateAll((items) => items.map((li) => li.dataset.region))).sort(),
      ['TJ-DU', 'TJ-GB', 'TJ-KT', 'TJ-RA', 'TJ-SU'],
      'a card per region, by its ISO 3166-2 code',
    );
    const sughd = page.locator('ul.region-grid > li[data-region="TJ-SU"]');
    assert.match(await sughd.getAttribute('class'), /SINGLE_AGENCY/);
    assert.deepEqual(await sughd.locator('ul.agencies a').allTextContents(), ['WHO']);
    assert.equal(await page.locator('ul.region-grid > li.GAP').count(), 4, 'the other four regions stand out as gaps');

    await sughd.getByRole('button', { name: 'Work in Sughd' }).click();
    await page.waitForSelector('section.region-work tr[data-work="who-hf-uhc-reforms"]');
    assert.match(page.url(), /region=place-3505000/, 'the chosen region is in the address');
    await page.selectOption('#year', '2025');
    await page.waitForSelector('section.region-work p:has-text("No work is located in Sughd that is active in 2025")');
    await page.waitForSelector('ul.region-grid > li[data-region="TJ-SU"].GAP');
    assert.match(await page.locator('p.summary .badge.GAP').textContent(), /5 of 5 regions without work active in 2025/, 'the seed\'s work in Sughd has no dates: in no year');
    await screenshot(page, 'regions');
  });

  it('the heatmap counts only the work active in the year chosen, and its download says the same', async () => {
    await open('#/overlap?dimension=theme');
    const whoIlo = page.locator('button.cell[data-row="ilo"][data-column="who"]');
    assert.ok(Number(await whoIlo.textContent()) > 0, 'ILO and WHO share themes over all time');

    await page.selectOption('#year', '2021');
    await page.waitForURL(/year=2021/);
    await page.waitForSelector('.heatmap caption:has-text("through its work active in 2021")');
    assert.equal(await whoIlo.textContent(), '0', 'in 2021 only ILO\'s work is dated: no pair shares anything');
    const csv = await page.locator('.downloads a.csv').getAttribute('href');
    assert.match(csv, /activeIn\.from=2021&activeIn\.to=2021/);
    const response = await fetch(new URL(csv, page.url()));
    assert.equal(response.status, 200);
    assert.equal(parseCsv(await response.text()).length, 1, 'the download holds the header and no pair, as the heatmap shows');

    await whoIlo.click();
    await page.waitForSelector('.details p:has-text("through their work active in 2021")');
  });

  it('the heatmap offers the region dimension', async () => {
    await open('#/overlap?dimension=region');
    assert.equal(await page.locator('input[name="dimension"][value="region"]').isChecked(), true, 'REGION is the chosen dimension');
    assert.ok((await page.locator('.heatmap button.cell').count()) > 0, 'the matrix is drawn');
  });

  it('the stated-only switch shows only what the sources say', async () => {
    await open('#/coverage?goal=3');
    const gaps = () => page.locator('table.coverage tr.GAP').evaluateAll((trs) => trs.map((tr) => tr.dataset.target));
    const all = await gaps();
    await page.getByLabel('Stated by the sources only').check();
    await page.waitForURL(/basis=stated/);
    await settled(page);
    const stated = await gaps();

    // The gaps are the API's under each basis, and they differ: on goal 3 the seed's alignments are inferred, so
    // stated only, targets with work become gaps (a switch that changed nothing would show the same gaps).
    assert.deepEqual(all, await exportedGaps('3', null));
    assert.deepEqual(stated, await exportedGaps('3', 'STATED'));
    assert.ok(stated.length > all.length, `stated only shows more gaps (${all.length} with every basis, ${stated.length} stated only)`);
    assert.deepEqual(all.filter((target) => !stated.includes(target)), [], 'a gap with every basis is a gap stated only');
  });

  it("the coverage view's CSV link downloads the table's rows, with the view's goal and basis", async () => {
    await open('#/coverage?goal=3&basis=stated');
    const link = page.locator('a.download.csv');
    assert.equal(await link.getAttribute('href'), '../export/coverage.csv?goal=3&basis=STATED');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'healthgraph-coverage.csv');
    const [header, ...records] = parseCsv(await readFile(await download.path(), 'utf8'));
    const rows = records.map((record) => Object.fromEntries(header.map((column, i) => [column, record[i]])));

    const table = await page.locator('table.coverage tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        target: tr.dataset.target,
        status: tr.className,
        agencies: [...tr.querySelectorAll('ul.agencies a')].map((a) => decodeURIComponent(a.getAttribute('href').replace('#/entity/', ''))),
      })),
    );
    assert.equal(table.length, 13, 'goal 3 has 13 targets');
    assert.deepEqual(
      rows.map((r) => ({ target: r.target, status: r.status, agencies: r.agencyIds ? r.agencyIds.split('; ') : [] })),
      table,
      'the file has the rows of the table: each target, its coverage and its agencies, in the same order',
    );
    assert.ok(rows.every((r) => r.goal === '3' && r.countedBasis === 'STATED'), 'every row says what it counted');

    const excel = page.locator('a.download.xlsx');
    assert.equal(await excel.getAttribute('href'), '../export/coverage.xlsx?goal=3&basis=STATED');
    const [workbook] = await Promise.all([page.waitForEvent('download'), excel.click()]);
    assert.equal(workbook.suggestedFilename(), 'healthgraph-coverage.xlsx');
    const bytes = await readFile(await workbook.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX workbook (a ZIP archive)');
  });

  it('the network view expands', async () => {
    await open('#/network?id=ilo');
    const status = page.locator('.network-status');
    const shown = async () => Number((await status.textContent()).match(/Showing (\d+) entities/)[1]);
    const before = await shown();
    assert.ok(before > 1, 'ILO has neighbours');
    assert.equal(await page.locator('.graph canvas').count() > 0, true, 'Cytoscape drew the graph');
    await screenshot(page, 'network-ilo');

    // One of ILO's deliverables: expanding it adds what the deliverable serves and aligns with.
    const item = page.locator('.network-list li:has(a[href="#/entity/ilo-sp-employment-staff-training"])');
    await item.locator('button.expand').click();
    await page.waitForURL(/open=ilo-sp-employment-staff-training/);
    await page.waitForFunction((n) => Number(document.querySelector('.network-status')?.textContent?.match(/Showing (\d+)/)?.[1]) > n, before);
    assert.ok((await shown()) > before, 'expanding a deliverable adds its neighbours');
    assert.equal(await item.locator('button.expand').count(), 0, 'an expanded entity offers no second expansion');
    await screenshot(page, 'network-expanded');
  });

  it('the network view highlights the shortest connection', async () => {
    await open('#/network?id=iom&from=iom&to=sdg-target-3.3');
    const summary = await page.locator('.path-summary').textContent();
    assert.match(summary, /^Shortest connection \(\d+ steps?/);
    assert.ok((await page.locator('.network-list li.on-path').count()) >= 2, 'the path\'s entities are marked');
    await screenshot(page, 'network-path');
  });

  // The old view's box is marked, so a wait can tell the view drawn after a navigation from the one before it.
  const markStale = (locator) => locator.evaluate((element) => (element.dataset.stale = 'yes'));
  const redrawn = async (selector) => {
    await page.waitForSelector(`${selector}:not([data-stale])`);
    await settled(page);
  };

  it('the network view centres on an entity found by name and chosen with the keyboard', async () => {
    await open('#/network?id=ilo');
    const box = page.getByRole('combobox', { name: 'Centre on' });
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.getAttribute('aria-controls'), 'centre-options');
    await box.fill('');
    await box.pressSequentially('health workforce', { delay: 40 });
    const options = page.locator('#centre-options[role="listbox"] [role="option"]');
    await options.first().waitFor();
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    const suggested = await options.evaluateAll((items) => items.map((o) => ({ id: o.dataset.id, text: o.textContent })));
    assert.ok(suggested.some((o) => /health workforce/i.test(o.text)), `a suggestion mentions the health workforce (${suggested.map((o) => o.text).join('; ')})`);
    assert.ok(suggested.every((o) => o.text.includes(o.id)), 'each suggestion shows its id');
    await screenshot(page, 'network-picker');

    // Down, Down, Up: the first suggestion is the active descendant; the focus stays in the box.
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'centre-option-1');
    await box.press('ArrowUp');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'centre-option-0');
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'centre');

    const chosen = suggested[0].id;
    await markStale(box);
    await box.press('Enter');
    await redrawn('#centre');
    assert.equal(new URL(page.url()).hash, `#/network?id=${encodeURIComponent(chosen)}`, 'the view is centred on the chosen entity');
    assert.equal(await page.locator('#centre').inputValue(), chosen);
    assert.deepEqual(await page.locator('#view [role="alert"]').allTextContents(), [], 'the chosen entity exists');
    assert.ok((await page.locator(`.network-list a[href="#/entity/${chosen}"]`).count()) > 0, 'the chosen entity is listed beside the graph');
  });

  it("the network view's connection boxes take a chosen suggestion or an exact id", async () => {
    await open('#/network?id=iom');
    const from = page.getByRole('combobox', { name: 'Connect' });
    await from.fill('');
    await from.pressSequentially('migration', { delay: 40 });
    const options = page.locator('#from-options [role="option"]');
    await options.first().waitFor();
    const first = await options.first().getAttribute('data-id');

    await from.press('Escape');
    assert.equal(await from.getAttribute('aria-expanded'), 'false', 'Escape closes the suggestions');
    assert.equal(await page.locator('#from-options').isVisible(), false);
    await from.press('ArrowDown');
    assert.equal(await from.getAttribute('aria-expanded'), 'true', 'Down opens them again');
    await from.press('Enter');
    assert.equal(await from.inputValue(), first, 'Enter puts the chosen suggestion\'s id in the box');
    assert.equal(await from.getAttribute('aria-expanded'), 'false');
    assert.match(page.url(), /#\/network\?id=iom$/, 'choosing in a connection box does not navigate');

    // An exact id, typed, still works: Enter with no suggestion chosen submits the form.
    const to = page.getByRole('combobox', { name: 'with' });
    await to.fill('sdg-target-1.3');
    await markStale(to);
    await to.press('Enter');
    await redrawn('#to');
    const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    assert.equal(params.get('from'), first);
    assert.equal(params.get('to'), 'sdg-target-1.3');
    assert.match(await page.locator('.path-summary').textContent(), /^(Shortest connection|No connection)/);
  });

  it("an agency's work on a goal is the same figure on its page and in the goal's coverage", async () => {
    await open('#/entity/who');
    assert.equal(await page.getByRole('heading', { name: 'Work by SDG goal' }).count(), 1);
    const link = page.locator('table.portfolio tr[data-goal="3"] td.count a');
    const onItsPage = Number(await link.textContent());
    assert.equal(onItsPage, 19, "WHO's portfolio counts 19 pieces of work on goal 3");
    assert.match(await link.getAttribute('href'), /^#\/coverage\?/);
    await screenshot(page, 'entity-who-work-by-goal');

    await link.click();
    await page.waitForSelector('table.by-agency');
    await settled(page);
    const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    assert.equal(params.get('goal'), '3');
    assert.equal(params.get('agency'), 'who');
    assert.equal(await page.locator('select#goal').inputValue(), '3');
    const row = page.locator('table.by-agency tr[data-agency="who"]');
    assert.equal(await row.getAttribute('aria-current'), 'true', "WHO's row is the chosen one");
    assert.deepEqual(await page.locator('table.by-agency tr.chosen').evaluateAll((rows) => rows.map((r) => r.dataset.agency)), ['who'], 'only WHO is marked');
    const inCoverage = Number(await row.locator('td.work').textContent());
    assert.equal(inCoverage, onItsPage, `WHO's work on goal 3: ${onItsPage} on its page, ${inCoverage} in the goal's coverage`);
    await screenshot(page, 'coverage-goal-3-who');
  });

  it('search finds "health workforce", and its page shows the facts and their sources', async () => {
    await open('#/search');
    await page.getByLabel('Search for').fill('health workforce');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=health\+workforce/);
    await page.waitForSelector('ol.hits li');
    const hits = await page.locator('ol.hits li').allTextContents();
    assert.ok(hits.some((hit) => /health workforce/i.test(hit)), `a match mentions the health workforce (${hits[0]})`);
    assert.ok((await page.locator('ol.hits mark').count()) > 0, 'the matching words are marked');
    await screenshot(page, 'search-health-workforce');

    await page.locator('ol.hits li a').first().click();
    await page.waitForURL(/#\/entity\//);
    await settled(page);
    assert.equal(await page.getByRole('heading', { name: 'Where this comes from' }).count(), 1);
    assert.ok((await page.locator('.source').count()) > 1, 'the entity and its facts each give their source');
    await screenshot(page, 'entity');
  });

  it('an entity page shows each stated fact\'s document and excerpt', async () => {
    await open('#/entity/ilo');
    assert.equal(await page.locator('h1').textContent(), 'International Labour Organization');
    const stated = page.locator('.facts .source.stated');
    assert.ok((await stated.count()) > 0, 'ILO has stated facts');
    assert.match(await stated.first().locator('a').getAttribute('href'), /^#\/entity\//, 'the document is linked');
    assert.ok((await stated.locator('blockquote').count()) > 0, 'with the source\'s own words');
  });

  it('a confirmed partner\'s page shows its role and the page that confirms it', async () => {
    await open('#/entity/european-union');
    const role = page.locator('ul.roles li').first();
    assert.match(await role.locator('.fact').textContent(), /^Funds the Health Development Programme/);
    assert.equal(await role.locator('a[target="_blank"]').textContent(), 'www.unicef.org');
    assert.match(await role.locator('a[href^="#/entity/"]').textContent(), /Development partners in Tajikistan's health sector/);
    await screenshot(page, 'entity-partner');
  });

  it('an unknown entity is explained, not a blank page', async () => {
    await page.goto(`${host.url}/explore/#/entity/no-such-thing`);
    await page.waitForSelector('[role="alert"]');
    assert.match(await page.locator('[role="alert"]').textContent(), /no entity with the id “no-such-thing”/);
  });

  // axe-core, the accessibility engine browsers' own audits use: no serious or critical violation in any view.
  const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const suggesting = async () => {
    const box = page.getByRole('combobox', { name: 'Centre on' });
    await box.fill('');
    await box.pressSequentially('health', { delay: 40 });
    await page.locator('#centre-options [role="option"]').first().waitFor();
    await box.press('ArrowDown');
  };
  for (const [view, hash, prepare] of [
    ['the heatmap, with a pair chosen', '#/overlap?dimension=theme&pair=who,ilo'],
    ['goal coverage', '#/coverage?goal=8'],
    ['goal coverage, with an agency chosen', '#/coverage?goal=3&agency=who'],
    ['the network view', '#/network?id=ilo'],
    ["the network view, with the centre picker's suggestions open", '#/network?id=ilo', suggesting],
    ['search results', '#/search?q=health%20workforce'],
    ['an entity page', '#/entity/ilo'],
    ['where the work is, with a region chosen', '#/regions?region=place-3505000'],
    ['the import form', '#/import'],
    ["an agency's page, with its work by SDG goal", '#/entity/who'],
  ]) {
    it(`${view} has no serious accessibility problems`, async () => {
      await open(hash);
      await prepare?.();
      await page.evaluate(await axeSource); // through DevTools, so the page's CSP (its own scripts only) stays on
      const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
      assert.deepEqual(serious, []);
    });
  }

  // Last: it writes to the host's graph.
  it('an editor imports a workbook: a wrong key and a bad row are explained, and the work then shows where and when it is', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'healthgraph-e2e-workbook-'));
    const header = await (await fetch(`${host.url}/export/template.csv`)).text();
    const columns = header.split('\r\n')[0];
    const write = async (name, ...rows) => {
      const path = join(folder, name);
      await writeFile(path, [columns, ...rows, ''].join('\r\n'));
      return path;
    };
    const good = await write(
      'council-2025.csv',
      'e2e-hwf-khatlon,WHO,,Health workforce planning in Khatlon,,,3.8,TJ-KT,,2025,,implementation,100000,USD,,,',
      'e2e-sp-khatlon,ILO,,Social protection outreach in Khatlon,,,1.3,TJ-KT,,2024-03,2026-02,implementation,,,,,',
    );
    const bad = await write('council-bad.csv', 'e2e-bad,WHO,,A row with an unknown region,,,3.8,Atlantis,,2025,,implementation,,,,,');
    try {
      await open('#/import');
      await page.fill('#api-key', 'hg_not-a-key');
      await page.setInputFiles('#workbook', good);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.waitForSelector('#import-result [role="alert"]');
      assert.match(await page.locator('#import-result').textContent(), /API key was not recognised/);
      problems.splice(0); // the 401 is the answer this step expects

      await page.fill('#api-key', editorKey);
      await page.setInputFiles('#workbook', good);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.waitForSelector('#import-result [role="alert"]:has-text("needs an administrator’s key")');
      problems.splice(0); // the 403 is the answer this step expects: a WHO editor may not import every partner's work

      await page.fill('#api-key', adminKey);
      await page.setInputFiles('#workbook', bad);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.waitForSelector('.import-report');
      assert.equal(await page.locator('.import-report h2').textContent(), 'Nothing was imported');
      const problem = page.locator('table.problems tbody tr.error').first();
      assert.deepEqual((await problem.locator('td').allTextContents()).slice(1, 3), ['2', 'H (Region)'], 'the problem is at its row and its column, by letter and header');
      await screenshot(page, 'import-refused');

      await page.setInputFiles('#workbook', good);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.waitForSelector('.import-report h2:has-text("Imported")');
      assert.match(await page.locator('.import-report .summary').textContent(), /2 pieces of work from 2 rows/);
      await screenshot(page, 'import-done');

      await open('#/regions?region=place-3507000&year=2025');
      const khatlon = page.locator('ul.region-grid > li[data-region="TJ-KT"]');
      assert.match(await khatlon.getAttribute('class'), /SHARED/, 'Khatlon is no longer a gap');
      assert.deepEqual((await khatlon.locator('ul.agencies a').allTextContents()).sort(), ['ILO', 'WHO']);
      assert.deepEqual(
        (await page.locator('section.region-work tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.work))).sort(),
        ['e2e-hwf-khatlon', 'e2e-sp-khatlon'],
        'both pieces of work are active in 2025',
      );
      await page.selectOption('#year', '2027');
      await page.waitForSelector('section.region-work p:has-text("active in 2027")');
      assert.equal(await page.locator('section.region-work tbody tr').count(), 1, 'in 2027 only the running workforce plan is active');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('an editor signs in with a key, creates work, meets a refusal at its field and a conflict with both versions, and edits it', async () => {
    const form = async (hash) => {
      await page.goto(`${host.url}/explore/${hash}`);
      await settled(page);
    };
    const axeClean = async () => {
      await page.evaluate(await axeSource);
      const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), []);
    };

    const whoIlo = async () => {
      await form('#/overlap?dimension=target');
      return Number(await page.locator('button.cell[data-row="who"][data-column="ilo"]').textContent());
    };
    const sharedBefore = await whoIlo();

    // Not signed in: the form says so; a reader's key and a wrong key are explained and not kept.
    await form('#/edit');
    assert.match(await page.locator('#view [role="alert"]').textContent(), /Sign in with an editor’s API key first/);
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.waitForSelector('#sign-in-key');
    await axeClean();
    await screenshot(page, 'form-sign-in');
    await page.fill('#sign-in-key', readerKey);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-result [role="alert"]:has-text("may read but not edit")');
    await page.fill('#sign-in-key', 'hg_not-a-key');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-result [role="alert"]:has-text("was not recognised")');
    problems.splice(0); // the 401 is the answer this step expects

    // Signed in: the page names the editor and comes back to the form.
    await page.fill('#sign-in-key', editorKey);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#session:has-text("Signed in as")');
    assert.match(await page.locator('#session').textContent(), /e2e-editor/);
    await page.waitForSelector('form.edit #work-id');

    // A new piece of work, by keyboard: the agency chosen from suggestions; without a title the server refuses it at
    // its field, and nothing typed is lost.
    await page.locator('#work-id').fill('e2e-form-work');
    await page.locator('#work-kind').selectOption('PROJECT');
    await page.locator('#work-year').fill('2025');
    // A WHO editor's new work starts as WHO's; ILO is added as its partner.
    const agency = page.locator('#work-agencies');
    await agency.pressSequentially('International Labour', { delay: 30 });
    await page.locator('#work-agencies-options [role="option"][data-id="ilo"]').waitFor();
    await agency.press('ArrowDown');
    await agency.press('Enter');
    assert.deepEqual(await page.locator('#work-agencies').locator('xpath=ancestor::fieldset').locator('ul.chips li[data-id]').evaluateAll((li) => li.map((x) => x.dataset.id)), ['who', 'ilo']);
    await page.locator('#work-start').fill('2025-03');
    await page.locator('#work-end').fill('2026');
    const place = page.locator('#work-places');
    await place.pressSequentially('Khatlon', { delay: 30 });
    await page.locator('#work-places-options [role="option"][data-id="place-3507000"]').waitFor();
    await place.press('ArrowDown');
    await place.press('Enter');
    await page.getByLabel('My own reasoning').check();
    await page.locator('#source-reason').fill('Agreed at the council meeting of 3 March.');
    await axeClean();
    await screenshot(page, 'form-new-work');
    await page.locator('#work-year').press('Enter');
    await page.waitForSelector('#work-title-error:not([hidden])');
    assert.equal(await page.locator('#work-title').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('.error-summary').textContent(), /Nothing was saved/);
    assert.equal(await page.locator('#work-id').inputValue(), 'e2e-form-work', 'what was typed is kept');
    assert.equal(await page.locator('#source-reason').inputValue(), 'Agreed at the council meeting of 3 March.');
    await screenshot(page, 'form-refused');

    await page.locator('#work-title').fill('Health workforce census, Khatlon');
    await page.locator('#work-title').press('Enter');
    await page.waitForURL(/#\/entity\/e2e-form-work\?saved=1/);
    await page.waitForSelector('#view h1:has-text("Health workforce census, Khatlon")');

    // Linked to 3.8 by keyboard alone: the target by its code, the document by its name, the sentence from its text.
    await page.getByRole('link', { name: 'Link to an SDG target' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#link-target:focus');
    await page.keyboard.type('3.8', { delay: 40 });
    await page.locator('#link-target-options [role="option"]').first().waitFor();
    assert.equal(await page.locator('#link-target-options [role="option"]').first().getAttribute('data-id'), 'sdg-target-3.8');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab'); // the basis: stated
    await page.keyboard.press('Tab'); // the document
    await page.keyboard.type('UHC Partnership', { delay: 30 });
    await page.locator('#link-document-options [role="option"][data-id="who-uhcp-tajikistan"]').waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#link-document-options [aria-selected="true"]').getAttribute('data-id'), 'who-uhcp-tajikistan');
    await page.keyboard.press('Enter');
    await page.waitForSelector('fieldset.sentence-choice');
    await page.keyboard.press('Tab'); // "the document is not in the graph yet", closed
    await page.keyboard.press('Tab'); // find the sentence
    await page.keyboard.type('monitoring matrix to track', { delay: 20 });
    await page.waitForSelector('fieldset.sentence-choice legend:has-text("(1)")');
    await page.keyboard.press('Tab'); // the sentence
    await page.keyboard.press('Space');
    assert.match(await page.locator('#link-excerpt').inputValue(), /UHC monitoring matrix to track UHC progress/);
    await axeClean();
    await screenshot(page, 'form-link-target');
    await page.keyboard.press('Tab'); // the excerpt
    await page.keyboard.press('Tab'); // Link
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/entity\/e2e-form-work\?saved=1/);

    // In coverage, and in the heatmap: WHO and ILO now share a target through it.
    await form('#/coverage?goal=3');
    assert.equal(await page.locator('table.coverage tr[data-target="3.8"] a[href$="/e2e-form-work"]').count(), 1, 'the work is behind 3.8');
    assert.equal(await whoIlo(), sharedBefore + 1, 'WHO and ILO share 3.8 through it');
    await form('#/regions?region=place-3507000&year=2025');
    assert.equal(await page.locator('section.region-work tbody tr[data-work="e2e-form-work"]').count(), 1, 'the work is in Khatlon in 2025, by its place and dates');
    await form('#/entity/e2e-form-work');

    // Two editors at once: the second browser saves first; the first meets a conflict that shows both versions.
    await page.getByRole('link', { name: 'Edit this work' }).click();
    await page.waitForSelector('form.edit #work-title');
    const other = await browser.newPage();
    try {
      await other.goto(`${host.url}/explore/#/signin?next=edit%3Fid%3De2e-form-work`);
      await other.fill('#sign-in-key', editorKey);
      await other.keyboard.press('Enter');
      await other.waitForSelector('form.edit #work-title');
      await other.locator('#work-title').fill('Health workforce census, Khatlon and Sughd');
      await other.locator('#work-title').press('Enter');
      await other.waitForURL(/saved=1/);
    } finally {
      await other.close();
    }
    await page.locator('#work-title').fill('Health workforce census, Khatlon (2025)');
    await page.locator('#work-title').press('Enter');
    await page.waitForSelector('.conflict h2:has-text("Someone else changed this work")');
    const title = page.locator('.conflict tr.differs').filter({ hasText: 'Title' });
    assert.deepEqual(await title.locator('td').allTextContents(), ['Health workforce census, Khatlon and Sughd', 'Health workforce census, Khatlon (2025)']);
    await screenshot(page, 'form-conflict');
    await page.getByRole('button', { name: 'Save mine over theirs' }).click();
    await page.waitForURL(/#\/entity\/e2e-form-work\?saved=1/);
    await page.waitForSelector('#view h1:has-text("Health workforce census, Khatlon (2025)")');

    // Its history, newest first: who changed the title from what to what; the link to 3.8; its creation.
    await page.waitForSelector('ol.history > li');
    const latest = page.locator('ol.history > li').first();
    assert.match(await latest.locator('.fact').textContent(), / · e2e-editor · updateDeliverable/);
    assert.deepEqual(await latest.locator('tr[data-field="title"] td').allTextContents(), ['Health workforce census, Khatlon and Sughd', 'Health workforce census, Khatlon (2025)']);
    assert.ok((await page.locator('ol.history > li').count()) >= 4, 'the creation, the link, and both edits');
    await screenshot(page, 'entity-history');

    // The key was never in the address, a cookie or localStorage; signing out forgets it.
    assert.ok(!page.url().includes(editorKey));
    assert.deepEqual(await page.context().cookies(), []);
    assert.equal(await page.evaluate(() => JSON.stringify(localStorage)).then((s) => s.includes('hg_')), false);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('#session a:has-text("Sign in to edit")');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);

    // A key the server no longer accepts (revoked since the sign-in): the page signs out and says so on the next view,
    // rather than failing every view with it.
    await page.evaluate(() => {
      sessionStorage.setItem('healthgraph.apiKey', 'hg_revoked-since-sign-in');
      sessionStorage.setItem('healthgraph.viewer', JSON.stringify({ name: 'key:gone', roles: ['editor'] }));
    });
    await page.goto(`${host.url}/explore/#/coverage?goal=3`);
    await page.waitForSelector('#view [role="alert"]:has-text("no longer accepted")');
    await page.waitForSelector('#session a:has-text("Sign in to edit")');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    problems.splice(0); // the 401 is the answer this step expects
  });

  it('an administrator issues a focal point a key: it edits its organisation\'s work only, adds an organisation and a source document, and stops at once when revoked', async () => {
    const signIn = async (target, key, next) => {
      await target.goto(`${host.url}/explore/#/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
      await target.fill('#sign-in-key', key);
      await target.keyboard.press('Enter');
      await target.waitForSelector('#session:has-text("Signed in as")');
    };
    const axeClean = async () => {
      await page.evaluate(await axeSource);
      const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`), []);
    };

    // An editor does not see the keys; an administrator issues one for IOM's focal point, shown once.
    await signIn(page, editorKey);
    assert.equal(await page.locator('#session a:has-text("Keys")').count(), 0, 'an editor has no Keys link');
    await page.goto(`${host.url}/explore/#/keys`);
    await settled(page);
    assert.match(await page.locator('#view [role="alert"]').textContent(), /Sign in with an administrator’s API key first/);
    await signIn(page, adminKey, 'keys');
    await page.waitForSelector('form.edit #key-name');
    await page.locator('#key-name').fill('e2e-iom-focal-point');
    const organisation = page.locator('#key-organizations');
    await organisation.pressSequentially('International Organization for Migration', { delay: 20 });
    await page.locator('#key-organizations-options [role="option"][data-id="iom"]').waitFor();
    await organisation.press('ArrowDown');
    await organisation.press('Enter');
    await axeClean();
    await screenshot(page, 'form-keys');
    await page.getByRole('button', { name: 'Issue the key' }).click();
    const issued = (await page.locator('#issued-key').textContent()).trim();
    assert.match(issued, /^hg_/);
    await page.waitForSelector('table.keys tr[data-key="e2e-iom-focal-point"]');
    assert.match(await page.locator('table.keys tr[data-key="e2e-iom-focal-point"]').textContent(), /editor.*iom/);
    await screenshot(page, 'keys-issued');
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The focal point signs in with it: IOM's work has its edit links, ILO's has none, and the server refuses it anyway.
    await signIn(page, issued);
    assert.match(await page.locator('#session').textContent(), /e2e-iom-focal-point/);
    await open('#/entity/iom-public-campaigns');
    assert.equal(await page.getByRole('link', { name: 'Edit this work' }).count(), 1, "IOM's work can be edited");
    await open('#/entity/ilo-sp-budget-review');
    assert.equal(await page.getByRole('link', { name: 'Edit this work' }).count(), 0, "ILO's work shows no edit link");
    await open('#/edit?id=ilo-sp-budget-review');
    await page.locator('#work-note').fill('Not mine to note.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForSelector('.error-summary');
    assert.match(await page.locator('.error-summary').textContent(), /the work of ilo.*edits the work of iom only/);
    await screenshot(page, 'form-refused-not-theirs');

    // A new counterpart organisation.
    await open('#/organization');
    await page.locator('#org-id').fill('e2e-khatlon-health-department');
    await page.locator('#org-name').fill('Khatlon regional health department');
    await page.locator('#org-kind').selectOption('GOVERNMENT_BODY');
    await page.getByLabel('My own reasoning').check();
    await page.locator('#org-reason').fill('Named at the council meeting of 3 March as the counterpart of the migrants’ health days.');
    await axeClean();
    await screenshot(page, 'form-organisation');
    await page.getByRole('button', { name: 'Add the organisation' }).click();
    await page.waitForURL(/#\/entity\/e2e-khatlon-health-department\?saved=1/);
    await page.waitForSelector('#view h1:has-text("Khatlon regional health department")');

    // IOM's work linked to 3.8, stated by a document that is not in the graph yet: added from the form, then quoted.
    await open('#/link?work=iom-public-campaigns');
    await page.locator('#link-target').pressSequentially('3.8', { delay: 40 });
    await page.locator('#link-target-options [role="option"][data-id="sdg-target-3.8"]').waitFor();
    await page.locator('#link-target').press('ArrowDown');
    await page.locator('#link-target').press('Enter');
    await page.getByText('The document is not in the graph yet: add it').click();
    await page.locator('#doc-title').fill('IOM Tajikistan migrants health days 2025');
    assert.equal(await page.locator('#doc-id').inputValue(), 'iom-tajikistan-migrants-health-days-2025', 'the id is made from the title');
    await page.locator('#doc-url').fill('https://tajikistan.iom.int/migrants-health-days-2025');
    await page.locator('#doc-text').fill('Migrants health days 2025. IOM brought free health checks and health insurance advice to returning migrants in Khatlon. The days continue in 2026.');
    await axeClean();
    await screenshot(page, 'form-new-document');
    await page.getByRole('button', { name: 'Add the document' }).click();
    await page.waitForSelector('fieldset.sentence-choice');
    assert.equal(await page.locator('#link-document').inputValue(), 'iom-tajikistan-migrants-health-days-2025');
    await page.getByLabel(/IOM brought free health checks/).check();
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.waitForURL(/#\/entity\/iom-public-campaigns\?saved=1/);
    await settled(page);
    const stated = page.locator('.facts .source.stated').filter({ hasText: 'IOM brought free health checks' });
    assert.ok((await stated.count()) > 0, 'the link is stated by the new document, with its words');

    // Revoked by the administrator in another browser: the focal point's very next request is refused, and the page
    // signs out and says why.
    const admin = await browser.newPage();
    try {
      await signIn(admin, adminKey, 'keys');
      await admin.waitForSelector('table.keys tr[data-key="e2e-iom-focal-point"] button');
      const revoke = admin.locator('table.keys tr[data-key="e2e-iom-focal-point"] button');
      await revoke.click();
      await revoke.click(); // the second press confirms
      await admin.waitForSelector('table.keys tr[data-key="e2e-iom-focal-point"] td:has-text("Revoked")');
    } finally {
      await admin.close();
    }
    await page.goto(`${host.url}/explore/#/edit?id=iom-public-campaigns`);
    await page.waitForSelector('#view [role="alert"]:has-text("no longer accepted")');
    await page.waitForSelector('#session a:has-text("Sign in to edit")');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    problems.splice(0); // the 401 is the answer this step expects
  });

  it('fits a projector\'s 1024 × 768 without scrolling sideways', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      for (const [name, hash] of [['overlap', '#/overlap?dimension=theme&pair=who,ilo'], ['coverage', '#/coverage?goal=8'], ['entity', '#/entity/ilo']]) {
        await open(hash);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${hash} is ${overflow} px wider than the screen`);
        await screenshot(page, `projector-${name}`);
      }
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });

});

/** RFC 4180: records end with CRLF; a quoted field doubles its quotes and may hold commas and line breaks. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\n', 'a line break outside quotes is CRLF');
      field += c;
    }
  }
  assert.equal(field + record.join(''), '', 'the file ends with CRLF');
  return records;
}
