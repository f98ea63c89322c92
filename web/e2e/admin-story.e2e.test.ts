import { createHash } from 'node:crypto';
import type { Browser, Locator } from 'playwright-core';
import { accessibilityViolations, DEMO, launchBrowser, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, stakeholderIdOf } from './support/rest';

/** Waits for an action's result in scope: the expected success, or fails with the problem the page showed instead. */
async function seeOutcome(scope: Locator, expected: string | RegExp): Promise<void> {
  const success = scope.getByRole('status').filter({ hasText: expected }).first();
  const problem = scope.getByRole('alert').first();
  await success.or(problem).waitFor();
  if (await problem.isVisible()) throw new Error(`expected ${String(expected)}, but the page showed: ${(await problem.textContent()) ?? ''}`);
}

/**
 * The administrator's pages, clicked: a professional who just registered waits for verification,
 * the admin verifies them with the licence reference (hashed in the browser), suspends and
 * reinstates them; and issues, sees once, and revokes an organisation's API key.
 */
describe('the administrator in the portal', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let admin: Person;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await admin.context.close();
    await browser.close();
    await gateway.close();
  });

  it('when a doctor registers and the admin verifies them with a licence reference, then the ledger keeps its SHA-256, the doctor is active, and suspension and reinstatement show', async () => {
    // The doctor signs in once: registered, pending; their directory entry is written but not listed yet.
    const doctor = await signIn(browser, gateway.origin, DEMO.dana);
    await doctor.page.getByText('Your registration is pending').waitFor();
    const doctorId = await stakeholderIdOf(doctor);
    expect((await restAs(doctor, 'PUT', '/me/directory-entry', { displayName: 'Dr. Dana Doctor', specialties: ['cardiology'] })).status).toBe(200);
    await doctor.context.close();

    admin = await signIn(browser, gateway.origin, DEMO.ada);
    await admin.open('/', 'Verify professionals');
    await settled(admin.page);
    const waiting = admin.page.getByRole('region', { name: 'Waiting for verification' });
    const pending = waiting.getByRole('article', { name: new RegExp(doctorId) });
    expect(await pending.textContent()).toContain('Doctor');
    expect(await accessibilityViolations(admin.page)).toEqual([]);
    await screenshot(admin.page, 'story-admin-01-pending-doctor');

    await pending.getByLabel(`Licence reference of ${doctorId}`).fill('GMC-7654321');
    await pending.getByRole('button', { name: `Verify ${doctorId}` }).click();
    await seeOutcome(admin.page.getByRole('main'), `${doctorId} (doctor) is verified and now active.`);
    const activeRow = admin.page.getByRole('region', { name: 'Active professionals' }).getByRole('row', { name: new RegExp(doctorId) });
    await activeRow.waitFor();
    expect(await activeRow.textContent()).toContain('Dr. Dana Doctor');
    await waiting.getByText('Nobody is waiting for verification.').waitFor();
    await screenshot(admin.page, 'story-admin-02-doctor-verified');
    const recorded = (await restAs(admin, 'GET', `/stakeholders/${doctorId}`)).body as { status: string; licenceHash: string };
    expect(recorded).toMatchObject({ status: 'active', licenceHash: createHash('sha256').update('GMC-7654321').digest('hex') });

    const verifiedDoctor = await signIn(browser, gateway.origin, DEMO.dana);
    await verifiedDoctor.page.locator('#page-title').waitFor();
    expect(await verifiedDoctor.page.getByText('Your registration is').count()).toBe(0);
    await screenshot(verifiedDoctor.page, 'story-admin-03-doctor-signed-in-verified');
    await verifiedDoctor.context.close();

    await activeRow.getByRole('button', { name: `Suspend ${doctorId}` }).click();
    await seeOutcome(admin.page.getByRole('main'), `${doctorId} is now suspended.`);
    const suspendedRow = admin.page.getByRole('region', { name: 'Suspended professionals' }).getByRole('row', { name: new RegExp(doctorId) });
    await suspendedRow.waitFor();
    await screenshot(admin.page, 'story-admin-04-doctor-suspended');
    await suspendedRow.getByRole('button', { name: `Reinstate ${doctorId}` }).click();
    await seeOutcome(admin.page.getByRole('main'), `${doctorId} is now active.`);
    await activeRow.waitFor();
    expect(admin.consoleErrors).toEqual([]);
  });

  it('when the admin issues an organisation key, then its secret is shown once and works, and after revoking it the gateway refuses it', async () => {
    await admin.open('/api-keys', 'API keys');
    await settled(admin.page);
    const issue = admin.page.getByRole('region', { name: 'Issue a key' });
    await issue.getByLabel('Organisation', { exact: true }).fill('Acme Insurance');
    await issue.getByLabel('Role', { exact: true }).selectOption({ label: 'Insurer' });
    await issue.getByRole('button', { name: 'Issue key' }).click();
    await seeOutcome(issue, /Created key \S+ for Acme Insurance/);
    const secretPanel = admin.page.getByRole('region', { name: /^New API key/ });
    const secret = ((await secretPanel.locator('code').textContent()) ?? '').trim();
    const keyId = ((await secretPanel.getByRole('heading').textContent()) ?? '').replace('New API key', '').trim();
    expect(secret).toContain(keyId);
    expect(secret).toMatch(/^mlk_/);
    await screenshot(admin.page, 'story-admin-05-key-shown-once');
    const asOrganisation = async () => (await fetch(`${gateway.origin}/me`, { headers: { Authorization: `ApiKey ${secret}` } })).status;
    expect(await asOrganisation()).toBe(200);

    await secretPanel.getByRole('button', { name: /I have stored it/ }).click();
    expect(await admin.page.getByText(secret).count()).toBe(0);
    await admin.page.getByRole('button', { name: new RegExp(`^Revoke ${keyId}\\W*$`) }).click();
    await admin.page.getByRole('button', { name: `Revoke ${keyId} now` }).click();
    await seeOutcome(admin.page.getByRole('region', { name: 'Keys' }), `Revoked ${keyId}`);
    await admin.page.getByRole('row', { name: new RegExp(keyId) }).getByText('revoked', { exact: true }).waitFor();
    expect(await asOrganisation()).toBe(401);
    expect(await accessibilityViolations(admin.page)).toEqual([]);
    await screenshot(admin.page, 'story-admin-06-key-revoked');
    expect(admin.consoleErrors).toEqual([]);
  });
});
