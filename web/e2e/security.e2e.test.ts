import type { Browser, Page } from 'playwright-core';
import { NAVIGATION } from '../src/navigation';
import { DEMO, launchBrowser, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, stakeholderIdOf, verifyAllProfessionals } from './support/rest';

/**
 * The portal's security properties, checked in a real browser against a real gateway: the CSP has
 * no 'unsafe-inline' and nothing the pages do violates it; no credential is kept where a script
 * could read it; every state change the API offers a session is refused without the CSRF token
 * (generated from the OpenAPI document, so a new operation is covered the day it is added); and
 * script-like names people type are shown as text, never run.
 */

const SCRIPT_LIKE = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>'] as const;
const SESSION_COOKIE = 'medledger_session';

interface Watched {
  person: Person;
  dialogs: string[];
}

/**
 * Records every CSP violation the page reports (securitypolicyviolation) and every dialog. The
 * init script runs through the DevTools protocol, which the page's CSP does not govern; the reload
 * makes it part of the page from its first byte.
 */
async function watch(person: Person): Promise<Watched> {
  const dialogs: string[] = [];
  person.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await person.context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  await person.page.reload();
  await person.page.locator('#page-title').waitFor();
  return { person, dialogs };
}

function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]);
}

function xssFlag(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
}

/** Elements a script-like name would have created had it been parsed as HTML. */
function injectedElements(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('img[src="x"], img[onerror], [onerror], script:not([src])').length);
}

/** The directives of a CSP header: 'script-src' → ["'self'"]. */
function directivesOf(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** What is wrong with a page's CSP: anything that would let injected markup run or style itself. */
function cspProblems(url: string, header: string | undefined): string[] {
  if (header === undefined) return [`${url}: no Content-Security-Policy header`];
  const directives = directivesOf(header);
  const problems: string[] = [];
  for (const kind of ['script-src', 'style-src']) {
    const sources = directives.get(kind) ?? directives.get('default-src');
    if (sources === undefined) problems.push(`${url}: neither ${kind} nor default-src`);
    for (const source of sources ?? []) {
      if (["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(source.toLowerCase())) problems.push(`${url}: ${kind} allows ${source}`);
    }
  }
  if (/unsafe-inline/i.test(header)) problems.push(`${url}: 'unsafe-inline' appears in ${header}`);
  return problems;
}

interface OpenApiOperation {
  operationId?: string;
  security?: Record<string, string[]>[];
}

/** Every state-changing operation the OpenAPI document lets a session cookie call. */
async function sessionStateChanges(origin: string): Promise<{ method: string; path: string; operationId: string }[]> {
  const document = (await (await fetch(`${origin}/openapi.json`)).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const operations: { method: string; path: string; operationId: string }[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      if (!(operation.security ?? []).some((requirement) => 'sessionCookie' in requirement)) continue;
      operations.push({ method: method.toUpperCase(), path, operationId: operation.operationId ?? `${method} ${path}` });
    }
  }
  return operations;
}

/** A concrete URL for a templated path: any well-formed value will do, the CSRF check comes first. */
function concrete(path: string): string {
  return path.replace(/\{[^}]+\}/g, (parameter) => (parameter === '{fileId}' ? 'file-0123456789abcdef01234567' : 'x-0123456789ab'));
}

describe('portal security', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let alice: Watched;
  let dana: Watched;
  let aliceFileId: string;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    alice = await watch(await signIn(browser, gateway.origin, DEMO.alice));
    dana = await watch(await signIn(browser, gateway.origin, DEMO.dana));
  });

  afterAll(async () => {
    await alice.person.context.close();
    await dana.person.context.close();
    await browser.close();
    await gateway.close();
  });

  describe('Content Security Policy', () => {
    it('when a browser loads / and its assets, then every response carries a CSP whose scripts and styles are self-only, with no unsafe-inline', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen: { url: string; csp: string | undefined }[] = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === gateway.origin && (url.pathname === '/' || url.pathname.startsWith('/assets/'))) seen.push({ url: url.pathname, csp: response.headers()['content-security-policy'] });
      });
      await page.goto(`${gateway.origin}/`);
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      await context.close();

      expect(seen.map((response) => response.url)).toEqual(expect.arrayContaining(['/', expect.stringMatching(/^\/assets\/.+\.js$/), expect.stringMatching(/^\/assets\/.+\.css$/)]));
      expect(seen.flatMap((response) => cspProblems(response.url, response.csp))).toEqual([]);
    });

    it('when a script injects an inline script into a signed-in page, then the CSP blocks it and the page reports the violation (the listener sees what it must)', async () => {
      const { page } = alice.person;
      await alice.person.open('/', 'Home');
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true';
        document.body.append(script);
      });
      await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length > 0);
      expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
      expect(await cspViolations(page)).toEqual([expect.stringMatching(/^script-src(-elem)? blocked inline/)]);
      await page.reload();
      await page.locator('#page-title').waitFor();
      expect(await cspViolations(page)).toEqual([]);
    });

    it('when the patient and the doctor open every page of their menus and upload and download a file, then no page reports a CSP violation', async () => {
      const { page } = alice.person;
      await alice.person.open('/records', 'Records and files');
      const upload = page.getByRole('form', { name: 'Upload a file' });
      await upload.getByLabel('File', { exact: true }).setInputFiles({ name: 'csp-check.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
      await upload.getByRole('button', { name: 'Upload' }).click();
      await upload.getByText('Uploaded csp-check.txt').waitFor();
      const files = (await restAs(alice.person, 'GET', `/patients/${await stakeholderIdOf(alice.person)}/files`)).body as { items: { file: { fileId: string } }[] };
      aliceFileId = files.items[0]?.file.fileId ?? '';
      await settled(page);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: `Download ${aliceFileId}` }).click();
      await download;
      await page.getByText('Downloaded csp-check.txt').waitFor();

      for (const watched of [alice, dana]) {
        const role = watched === alice ? 'patient' : 'doctor';
        for (const entry of NAVIGATION[role]) {
          await watched.person.open(entry.path, entry.title);
          await settled(watched.person.page);
        }
        expect(await cspViolations(watched.person.page)).toEqual([]);
      }
    });
  });

  describe('credentials', () => {
    it('when people have signed in and used the pages, then localStorage, sessionStorage and IndexedDB are empty and the session cookie is HttpOnly', async () => {
      for (const { person } of [alice, dana]) {
        const stored = await person.page.evaluate(async () => ({
          local: Object.keys(localStorage),
          session: Object.keys(sessionStorage),
          indexedDb: (await indexedDB.databases()).map((database) => database.name),
          cookieVisibleToScripts: document.cookie,
        }));
        expect(stored).toEqual({ local: [], session: [], indexedDb: [], cookieVisibleToScripts: expect.not.stringContaining(SESSION_COOKIE) as unknown });
        const cookie = (await person.context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: expect.stringMatching(/^(Lax|Strict)$/) as unknown });
      }
    });
  });

  describe('CSRF', () => {
    it('when the signed-in browser calls any state-changing operation the OpenAPI offers a session without X-CSRF-Token, then each is refused 403 CSRF_FAILED', async () => {
      const operations = await sessionStateChanges(gateway.origin);
      expect(operations.length).toBeGreaterThan(30);
      const answers = await alice.person.page.evaluate(
        async (calls) =>
          Promise.all(
            calls.map(async ({ method, url, operationId }) => {
              const response = await fetch(url, { method, credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: '{}' });
              const body = (await response.json().catch(() => ({}))) as { code?: string; issue?: { details?: { coding?: { system?: string; code?: string }[] } }[] };
              // under /fhir a refusal is an OperationOutcome that carries the same problem code
              const code = body.code ?? body.issue?.[0]?.details?.coding?.find((coding) => coding.system === 'urn:medledger:problem')?.code;
              return `${operationId} ${method} ${url}: ${response.status} ${code ?? ''}`.trim();
            }),
          ),
        operations.map((operation) => ({ method: operation.method, url: concrete(operation.path), operationId: operation.operationId })),
      );
      expect(answers.filter((answer) => !answer.endsWith(': 403 CSRF_FAILED'))).toEqual([]);
      // The session survived every refused call (logout among them): nothing changed.
      expect((await restAs(alice.person, 'GET', '/me')).status).toBe(200);
    });

    it('when the same request carries the session’s token, then it is not refused for CSRF (relabelling her file succeeds)', async () => {
      const path = `/files/${aliceFileId}/confidentiality`;
      const answers = await alice.person.page.evaluate(async (url) => {
        const call = async (token?: string) => {
          const response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', ...(token === undefined ? {} : { 'X-CSRF-Token': token }) }, body: JSON.stringify({ confidentiality: 'R' }) });
          return { status: response.status, body: (await response.json()) as { code?: string; file?: { confidentiality: string } } };
        };
        const token = ((await (await fetch('/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
        return { without: await call(), withToken: await call(token) };
      }, path);
      expect(answers.without).toMatchObject({ status: 403, body: { code: 'CSRF_FAILED' } });
      expect(answers.withToken).toMatchObject({ status: 200, body: { file: { confidentiality: 'R' } } });
    });
  });

  describe('escaped output', () => {
    it.each(SCRIPT_LIKE)('when a file is named %s, then the records page shows the name as text, after upload and after a download reveals it again, and nothing runs', async (name) => {
      const { page } = alice.person;
      const fileName = `${name}.txt`;
      await alice.person.open('/records', 'Records and files');
      const upload = page.getByRole('form', { name: 'Upload a file' });
      await upload.getByLabel('File', { exact: true }).setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: Buffer.from('x') });
      await upload.getByRole('button', { name: 'Upload' }).click();
      await upload.getByText(`Uploaded ${fileName}`).waitFor();
      const list = page.getByRole('table', { name: 'Your files' });
      await list.getByText(fileName, { exact: true }).waitFor();
      expect(await injectedElements(page)).toBe(0);

      // A new tab knows no names: the download's Content-Disposition tells it, and that is shown as text too.
      await page.reload();
      await page.locator('#page-title').waitFor();
      await settled(page);
      expect(await list.getByText(fileName, { exact: true }).count()).toBe(0);
      const row = list.getByRole('row').filter({ has: page.getByRole('button', { name: /^Download file-/ }) }).last();
      const download = page.waitForEvent('download');
      await row.getByRole('button', { name: /^Download file-/ }).click();
      await download;
      // A download is named by the last path segment only (content-disposition.ts: no name may name a path).
      const downloaded = fileName.split('/').pop() ?? fileName;
      await page.getByText(`Downloaded ${downloaded}`).waitFor();
      await list.getByText(downloaded, { exact: true }).waitFor();

      expect(await injectedElements(page)).toBe(0);
      expect(await xssFlag(page)).toBeUndefined();
      expect(alice.dialogs).toEqual([]);
      await screenshot(page, `security-escaped-file-name-${SCRIPT_LIKE.indexOf(name)}`);
    });

    it('when a doctor’s directory listing has a script-like display name and about text, then “What patients see” shows them as text and nothing runs', async () => {
      const { page } = dana.person;
      await dana.person.open('/profile', 'Directory listing');
      await settled(page);
      const form = page.getByRole('form', { name: 'Your directory listing' });
      await form.getByLabel('Display name').fill(SCRIPT_LIKE[0]);
      await form.getByLabel('About').fill(SCRIPT_LIKE[1]);
      await form.getByRole('button', { name: 'Save listing' }).click();
      const shown = page.getByRole('region', { name: 'What patients see' });
      await shown.getByText(SCRIPT_LIKE[0], { exact: true }).waitFor();
      await shown.getByText(SCRIPT_LIKE[1], { exact: true }).waitFor();
      await page.reload();
      await page.locator('#page-title').waitFor();
      await shown.getByText(SCRIPT_LIKE[0], { exact: true }).waitFor();

      expect(await injectedElements(page)).toBe(0);
      expect(await xssFlag(page)).toBeUndefined();
      expect(dana.dialogs).toEqual([]);
      await screenshot(page, 'security-escaped-directory-entry');
    });

    it('when the patient and the doctor open every page of their menus with those names stored, then no page runs them or reports a CSP violation', async () => {
      for (const watched of [alice, dana]) {
        const role = watched === alice ? 'patient' : 'doctor';
        for (const entry of NAVIGATION[role]) {
          await watched.person.open(entry.path, entry.title);
          await settled(watched.person.page);
          expect(await injectedElements(watched.person.page)).toBe(0);
        }
        expect(await xssFlag(watched.person.page)).toBeUndefined();
        expect(await cspViolations(watched.person.page)).toEqual([]);
        expect(watched.dialogs).toEqual([]);
      }
    });
  });
});
