// Signing in at the council's identity provider: the explorer against a real OpenID provider that the test starts
// (oidc-provider, its development login and consent pages), through the authorization code flow with PKCE.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumPath, freePort, screenshot, settled, startHost } from './harness.mjs';
import { audience, clientId, startIdentityProvider } from './identity-provider.mjs';

const executablePath = chromiumPath();
const skip = executablePath ? false : 'no Chromium: install Debian\'s chromium package (apt-get install chromium) or set CHROMIUM_PATH';
const it = (name, fn) => test(name, { skip }, fn);

describe('signing in at the identity provider', () => {
  let host;
  let provider;
  let browser;

  before(async () => {
    if (skip) {
      return;
    }
    const port = await freePort();
    const issuer = `http://localhost:${port}`;
    host = await startHost({
      args: [
        `--Auth:Jwt:Authority=${issuer}`, `--Auth:Jwt:Issuer=${issuer}`, `--Auth:Jwt:Audience=${audience}`,
        '--Auth:Jwt:RequireHttpsMetadata=false', `--Explorer:SignInClientId=${clientId}`,
      ],
    });
    provider = await startIdentityProvider({
      port,
      redirectUri: `${host.url}/explore/`,
      accounts: { dilnoza: { role: ['editor'], organisation: ['who'] }, farrukh: {} },
    });
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    await provider?.stop();
    await host?.stop();
  });

  /** Signs in at the provider as `login` from a new page, starting at the sign-in view with `next`; returns the page and what it sent. */
  const signInAtProvider = async (login, next) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const sent = [];
    page.on('request', (request) => sent.push({ url: request.url(), headers: request.headers() }));
    await page.goto(`${host.url}/explore/#/signin?next=${encodeURIComponent(next)}`);
    await page.getByRole('button', { name: /^Sign in at localhost:/ }).click();
    await page.waitForSelector('input[name="login"]');
    await screenshot(page, `identity-provider-login-${login}`);
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'any password: the development login takes any');
    await page.click('button[type="submit"]');
    const consent = page.locator('button:has-text("Continue")');
    await consent.waitFor();
    await consent.click();
    await page.waitForURL((url) => url.origin === host.url);
    return { page, sent };
  };

  it('an editor signs in with the authorization code and PKCE, edits WHO\'s work with the token, and nothing of it stays in the address, a cookie or localStorage', async () => {
    const { page, sent } = await signInAtProvider('dilnoza', 'edit');
    await page.waitForSelector('#session:has-text("Signed in as dilnoza")');
    await page.waitForSelector('form.edit #work-id');

    // The authorization request asked for a code with a S256 challenge, and the token request sent the verifier.
    const authorization = new URL(sent.find((r) => new URL(r.url).pathname === '/auth')?.url ?? 'http://none');
    assert.equal(authorization.searchParams.get('response_type'), 'code');
    assert.equal(authorization.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorization.searchParams.get('code_challenge'), 'a PKCE challenge');
    assert.equal(authorization.searchParams.get('client_id'), clientId);
    assert.ok(sent.some((r) => new URL(r.url).pathname === '/token'), 'the code was exchanged for a token');

    // Back on the page: the code and state are gone from the address, the route is the one asked for.
    assert.equal(new URL(page.url()).search, '', `no code in the address: ${page.url()}`);
    assert.equal(new URL(page.url()).hash, '#/edit');

    // WHO's editor creates work; the API saw the bearer token, and records the change under the token's issuer and subject.
    await page.locator('#work-id').fill('e2e-oidc-work');
    await page.locator('#work-title').fill('Nurses’ refresher courses, Sughd');
    await page.getByLabel('My own reasoning').check();
    await page.locator('#source-reason').fill('Agreed at the council meeting of 3 March.');
    await screenshot(page, 'form-new-work-signed-in-at-provider');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/#\/entity\/e2e-oidc-work\?saved=1/);
    await page.waitForSelector('ol.history > li');
    assert.match(await page.locator('ol.history > li').first().locator('.fact').textContent(), / · dilnoza · createDeliverable/);
    const graphql = sent.filter((r) => new URL(r.url).pathname === '/graphql');
    assert.ok(graphql.length > 0 && graphql.some((r) => /^Bearer ey/.test(r.headers.authorization ?? '')), 'the API got the access token as a bearer token');
    assert.ok(graphql.every((r) => !r.headers['x-api-key']), 'and no key');

    // ILO's work is not WHO's editor's to change.
    await page.goto(`${host.url}/explore/#/entity/ilo-sp-budget-review`);
    await settled(page);
    assert.equal(await page.getByRole('link', { name: 'Edit this work' }).count(), 0);

    assert.deepEqual(await page.context().cookies(host.url), [], 'the explorer sets no cookie');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in localStorage');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForSelector('#session a:has-text("Sign in to edit")');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'signing out forgets the token');
    await page.close();
  });

  it('an account without the editor role is told it may read and not edit', async () => {
    const { page } = await signInAtProvider('farrukh', 'edit');
    await page.waitForSelector('#view [role="alert"]:has-text("may read and not edit")');
    assert.equal(new URL(page.url()).search, '');
    await page.waitForSelector('#session a:has-text("Sign in to edit")');
    await screenshot(page, 'identity-provider-not-an-editor');
    await page.close();
  });
});
