// Starts the real HealthGraph host (the build's own binary) on a fresh embedded store, which seeds itself on first
// run, and finds Debian's Chromium for playwright-core (browsers are never downloaded).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
export const screenshots = join(root, 'artifacts/test-results/explorer');

/** The Chromium to drive: CHROMIUM_PATH, else Debian's package (or another common place); null when there is none. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/** The host binary: HEALTHGRAPH_DLL, else the Debug build that `dotnet test HealthGraph.sln` makes. */
export function hostPath() {
  return process.env.HEALTHGRAPH_DLL ?? join(root, 'artifacts/bin/HealthGraph/debug/healthgraph.dll');
}

/** A port no one listens on now, on this machine. */
export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts the host and waits until it is ready (first-run seeding finishes before it listens). By default only
 * persisted documents are accepted, so every request the page makes must be one of its registered documents;
 * with `persistedOnly: false`, any document (GraphiQL and code generators send their own). `args` are more settings
 * (`--Key=Value`), such as an API key.
 */
export async function startHost({ persistedOnly = true, args = [] } = {}) {
  const dll = hostPath();
  if (!existsSync(dll)) {
    throw new Error(`No HealthGraph build at ${dll}: run \`dotnet build HealthGraph.sln\` first (or set HEALTHGRAPH_DLL).`);
  }
  if (!existsSync(join(dirname(dll), 'explore', 'index.html'))) {
    throw new Error(`The build at ${dirname(dll)} has no explorer (explore/index.html): it was built without npm on the PATH.`);
  }

  const folder = await mkdtemp(join(tmpdir(), 'healthgraph-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'dotnet',
    [dll, '--urls', url, `--Sqlite:Path=${join(folder, 'graph.db')}`, `--GraphQL:PersistedDocumentsOnly=${persistedOnly}`, ...args],
    { cwd: dirname(dll), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_NOLOGO: '1' } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The host exited with ${child.exitCode}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/health/ready`)).ok) {
        return {
          url,
          output: () => output,
          async stop() {
            child.kill('SIGTERM');
            await new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done)));
            await rm(folder, { recursive: true, force: true });
          },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`The host was not ready within 2 minutes:\n${output}`);
}

export async function screenshot(page, name) {
  await mkdir(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/**
 * Waits until the view drawn for the page's present address has settled. A link or a switch changes the address
 * first and draws its view on the hashchange event that follows, so until then the previous view reads as settled.
 */
export const settled = (page) =>
  page.waitForFunction(() => {
    const view = document.getElementById('view');
    return view?.getAttribute('aria-busy') === 'false' && view.dataset.drawn === location.hash;
  });
