import type { Browser } from 'playwright-core';
import { NAVIGATION, ROLES, type Role } from '../src/navigation';
import { accessibilityViolations, DEMO, launchBrowser, overflowsHorizontally, PHONE, screenshot, settled, signIn, type DemoUser, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { verifyAllProfessionals } from './support/rest';

/** The demo user who signs in for each role. */
const USER_OF_ROLE: Readonly<Record<Role, DemoUser>> = {
  patient: DEMO.alice,
  doctor: DEMO.dana,
  hospital: DEMO.harbor,
  pharmacy: DEMO.pine,
  insurer: DEMO.ivy,
  regulator: DEMO.rex,
  admin: DEMO.ada,
};

const slug = (path: string): string => (path === '/' ? 'home' : path.slice(1).replace(/[^a-z0-9]+/g, '-'));

/**
 * Every page of every role's menu (navigation.ts), generated from the menu itself so a new page is
 * covered the day it is added: it opens with its menu title as its heading, logs no console error,
 * has no serious or critical axe violation, fits a phone's width, and leaves a screenshot at both
 * widths in reports/screenshots.
 */
describe('every page of the portal, for every role', () => {
  let gateway: PortalGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
  });

  afterAll(async () => {
    await browser.close();
    await gateway.close();
  });

  it('when a signed-out visitor opens /, then it sees a sign-in button and an accessible page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gateway.origin}/`);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'signed-out');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('when axe checks a page with an unlabelled field, then it reports it (the check can fail)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>');
    expect((await accessibilityViolations(page)).join('\n')).toMatch(/^label: /m);
    await context.close();
  });

  it('when a keyboard user tabs into a signed-in page, then the skip link comes first, leads to the content, and every menu entry is reachable', async () => {
    const person = await signIn(browser, gateway.origin, DEMO.alice);
    await person.open('/');
    await settled(person.page);
    await person.page.keyboard.press('Tab');
    expect(await person.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await person.page.keyboard.press('Enter');
    expect(await person.page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await person.page.locator('#page-title').textContent()).toBe('Home');

    await person.page.locator('body').focus();
    const reached = new Set<string>();
    for (let press = 0; press < 40; press += 1) {
      await person.page.keyboard.press('Tab');
      const text = await person.page.evaluate(() => (document.activeElement?.closest('nav') === null ? '' : (document.activeElement?.textContent ?? '')));
      if (text !== '') reached.add(text);
    }
    expect([...reached].sort()).toEqual(NAVIGATION.patient.map((entry) => entry.title).sort());
    await person.context.close();
  });

  describe.each(ROLES)('the %s', (role) => {
    const people: Partial<Record<'desktop' | 'phone', Person>> = {};

    beforeAll(async () => {
      people.desktop = await signIn(browser, gateway.origin, USER_OF_ROLE[role]);
      people.phone = await signIn(browser, gateway.origin, USER_OF_ROLE[role], PHONE);
    });

    afterAll(async () => {
      await people.desktop?.context.close();
      await people.phone?.context.close();
    });

    it.each(NAVIGATION[role].map((entry) => [entry.path, entry.title]))('when %s is opened, then it shows "%s", accessibly, at desktop and phone width', async (path, title) => {
      for (const width of ['desktop', 'phone'] as const) {
        const person = people[width];
        if (person === undefined) throw new Error(`the ${width} browser did not sign in`);
        await person.open(path, title);
        await settled(person.page);

        expect(await accessibilityViolations(person.page)).toEqual([]);
        expect(await overflowsHorizontally(person.page)).toBe(false);
        await screenshot(person.page, `${role}-${slug(path)}${width === 'phone' ? '-phone' : ''}`);
        expect(person.consoleErrors).toEqual([]);
      }
    });
  });
});
