import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, installed by .ci/run (apt-get install chromium); Playwright downloads none. */
const CHROMIUM = '/usr/bin/chromium';
/** Root in a container needs --no-sandbox; the rest keeps Chromium off this closed network. */
const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'reports', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** The development IdP's demo users, by the button the sign-in page shows. */
export const DEMO = {
  alice: 'Alice Patient',
  bob: 'Bob Patient',
  dana: 'Dr. Dana Doctor',
  harbor: 'Harbor Hospital',
  pine: 'Pine Pharmacy',
  ivy: 'Ivy Insurance',
  rex: 'Rex Regulator',
  ada: 'Ada Admin',
} as const;
export type DemoUser = (typeof DEMO)[keyof typeof DEMO];

/** Fails, never skips, when the browser is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) to run the browser tests.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
}

/** A signed-in person: their own browser context (cookies), one page, and every console error it logged. */
export interface Person {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  /** Opens a portal page by its hash path and waits for its heading; consoleErrors starts empty again. */
  open(path: string, heading?: string | RegExp): Promise<void>;
}

/**
 * API reads whose 404 is a normal answer the page handles ("you have no directory listing yet",
 * "this professional is not listed", "this hospital has published no price list", "no erasure has
 * started"):
 * Chromium still logs every 4xx fetch as a console error, which is not a fault of the page. Only
 * these exact paths are excused, and only their 404.
 */
const EXPECTED_NOT_FOUND = [/^\/me\/directory-entry$/, /^\/directory\/[^/]+$/, /^\/hospitals\/[^/]+\/price-list$/, /^\/patients\/[^/]+\/erasure\/receipt$/];

function isExpectedNotFound(text: string, url: string): boolean {
  if (!text.startsWith('Failed to load resource: the server responded with a status of 404')) return false;
  try {
    const path = new URL(url).pathname;
    return EXPECTED_NOT_FOUND.some((pattern) => pattern.test(path));
  } catch {
    return false;
  }
}

/** Signs a demo user in through the development IdP, as a person clicks it, and lands on the portal's home. */
export async function signIn(browser: Browser, origin: string, user: DemoUser, viewport = DESKTOP): Promise<Person> {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    const { url } = message.location();
    // The URL goes with the text: Chromium's "Failed to load resource" alone does not say which.
    if (message.type() === 'error' && !isExpectedNotFound(message.text(), url)) consoleErrors.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${origin}/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: user }).click();
  await page.getByRole('banner').getByText(user).waitFor();
  const open = async (path: string, heading?: string | RegExp) => {
    consoleErrors.length = 0; // each page answers for its own errors, not the sign-in's
    await page.goto(`${origin}/#${path}`);
    await page.locator('#page-title').waitFor();
    if (heading !== undefined) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  return { context, page, consoleErrors, open };
}

/** What a fresh sign-in (ForceAuthn) looks like in the browser: the IdP asks again, the person picks themselves. */
export async function confirmIdentity(person: Person, user: DemoUser): Promise<void> {
  await person.page.getByRole('link', { name: /Sign in again to confirm/ }).click();
  await person.page.getByRole('button', { name: user }).click();
  await person.page.locator('#page-title').waitFor();
}

let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now ("rule: help @ selectors"). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} @ ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot under reports/screenshots (git-ignored; CI keeps it as an artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page is wider than its window (a phone would have to scroll sideways). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * Waits until the page has loaded what it shows: no element is aria-busy (components/Load.tsx
 * marks loading that way). Not "network idle": the live notification stream never goes idle.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}
