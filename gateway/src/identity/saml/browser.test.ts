import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import helmet from 'helmet';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS } from '../../test-support/chromium';
import { SAML_MOUNT, startSamlTestApp, type SamlTestApp } from './test-support/saml-test-app';
import type { SamlLogin } from './types';

/**
 * A real browser through the whole SAML round trip: SP login redirect → dev IdP page → click a
 * user → auto-POSTed signed response → ACS → session cookie → /me. The session and /me are stubs;
 * the foundation engineer points this at the real ones later.
 */
const SESSION_COOKIE = 'stub_session';

jest.setTimeout(60_000);

/** The stub session: onLogin stores the login under a random cookie; /me echoes it. */
function stubSession() {
  const sessions = new Map<string, SamlLogin>();
  const routes = (app: Express) => {
    // The gateway's strict API headers (default-src 'none'): the dev IdP must still work under them.
    app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));
    app.get('/me', (req, res) => {
      const token = /(?:^|;\s*)stub_session=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
      const login = token === undefined ? undefined : sessions.get(token);
      if (login === undefined) {
        res.status(401).type('text').send('not signed in');
        return;
      }
      res.type('html').send(`<!DOCTYPE html><title>me</title><pre id="me">${JSON.stringify(login).replace(/[<&]/g, '')}</pre>`);
    });
  };
  const onLogin = (login: SamlLogin, _req: unknown, res: import('express').Response, context: { returnTo?: string }) => {
    const token = randomBytes(16).toString('hex');
    sessions.set(token, login);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/' }).redirect(303, context.returnTo ?? '/me');
  };
  return { routes, onLogin };
}

describe('SAML login in a real browser', () => {
  let app: SamlTestApp | undefined;
  let browser: BrowserContext | undefined;
  let profileDir: string | undefined;

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profileDir !== undefined) await rm(profileDir, { recursive: true, force: true });
  });

  test('when the demo patient is clicked on the dev IdP page, then /me shows the patient', async () => {
    // Never skip: a missing browser is a broken environment, and must be seen.
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the SAML browser test.`);
    }
    const session = stubSession();
    app = await startSamlTestApp({ extraRoutes: session.routes, onLogin: session.onLogin });
    profileDir = await mkdtemp(join(tmpdir(), 'medledger-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
    const page = browser.pages()[0] ?? (await browser.newPage());

    await page.goto(`${app.origin}${SAML_MOUNT}/login?returnTo=/me`);
    await page.getByText('Development identity provider').waitFor();
    await page.getByRole('button', { name: 'Alice Patient' }).click();
    await page.waitForURL(`${app.origin}/me`);

    const me = JSON.parse(await page.locator('#me').innerText()) as SamlLogin;
    expect(me).toEqual(expect.objectContaining({ issuer: app.idp.entityId, nameId: 'alice.patient@dev-idp.medledger.test', role: 'patient' }));
    expect(app.logger.warnings).toEqual([]);
  });
});
