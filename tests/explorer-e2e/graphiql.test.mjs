// The standard GraphQL tools against the real host with its production limits on: GraphiQL (served at /graphql)
// loads the schema and shows it in its documentation pane, and GraphQL Code Generator, given the live endpoint's URL,
// generates the same types as from the approved schema file. Both send graphql-js's standard introspection query,
// which the complexity limit must price by what it reads, not refuse.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumPath, root, screenshot, startHost } from './harness.mjs';

const executablePath = chromiumPath();
const skip = executablePath ? false : 'no Chromium: install Debian\'s chromium package (apt-get install chromium) or set CHROMIUM_PATH';

describe('the standard GraphQL tools', () => {
  let host;

  before(async () => {
    host = await startHost({ persistedOnly: false });
  });

  after(async () => {
    await host?.stop();
  });

  test('GraphiQL\'s documentation pane lists the fields of Query', { skip }, async () => {
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} from ${response.url()}`));

      await page.goto(`${host.url}/graphql`);
      await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
      await page.locator('.graphiql-doc-explorer a', { hasText: /^Query$/ }).first().click();
      await page.locator('.graphiql-doc-explorer-field-name').first().waitFor();
      const fields = await page.locator('.graphiql-doc-explorer-field-name').allTextContents();
      await screenshot(page, 'graphiql-docs');

      for (const field of ['deliverables', 'partnerOverlaps', 'overlapMatrix', 'alignmentMatrix', 'goalCoverage', 'search']) {
        assert.ok(fields.includes(field), `Query.${field} is listed (listed: ${fields.join(', ')})`);
      }
      assert.deepEqual(problems, [], 'nothing failed while the page loaded its schema');
    } finally {
      await browser.close();
    }
  });

  test('GraphQL Code Generator makes the same types from the live URL as from the schema file', async () => {
    // The explorer's own code generator and configuration, with the schema taken from each source in turn.
    const explorer = join(root, 'src/explorer');
    const { generate } = createRequire(join(explorer, 'package.json'))('@graphql-codegen/cli');
    const out = await mkdtemp(join(tmpdir(), 'healthgraph-codegen-'));
    try {
      const run = async (schema, folder) => {
        await generate(
          {
            cwd: explorer,
            schema,
            documents: ['src/documents/*.graphql'],
            generates: {
              [join(out, folder) + '/']: {
                preset: 'client',
                presetConfig: { fragmentMasking: false },
                config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTimeOffset: 'string' } },
              },
            },
            silent: true,
          },
          true,
        );
        return readFile(join(out, folder, 'graphql.ts'), 'utf8');
      };

      const fromFile = await run(join(root, 'schema/healthgraph.graphql'), 'file');
      const fromUrl = await run({ [`${host.url}/graphql`]: { headers: { Accept: 'application/graphql-response+json' } } }, 'url');

      assert.ok(fromFile.includes('export type ExplorerOverlapMatrixQuery'), 'the types of the explorer\'s documents are generated');
      assert.equal(fromUrl, fromFile);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
