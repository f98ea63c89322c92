import type { Browser } from 'playwright-core';
import { accessibilityViolations, DEMO, launchBrowser, overflowsHorizontally, PHONE, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, stakeholderIdOf, verifyAllProfessionals } from './support/rest';

const DAY_MS = 86_400_000;
const NEW_NOTIFICATIONS = /^[1-9]\d* new notifications?$/;

/** The header badge's count ("3 new notifications"; "No new notifications" is 0). */
async function unseenOf(person: Person): Promise<number> {
  const label = await person.page.getByRole('banner').getByRole('link', { name: /new notifications?$/ }).textContent();
  return Number(/^(\d+)/.exec(label ?? '')?.[1] ?? 0);
}

/**
 * The prescription story in the portal: a patient's consent lets the doctor prescribe; the patient
 * reads the prescription and orders it from a pharmacy of the directory (an order over the
 * prescribed quantity is refused with the API's problem); the pharmacy reads, accepts and
 * dispenses while the patient's open page hears of it live; the patient confirms receipt.
 */
describe('the prescription story in the portal', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let alice: Person;
  let dana: Person;
  let pine: Person;
  let aliceId: string;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    alice = await signIn(browser, gateway.origin, DEMO.alice);
    dana = await signIn(browser, gateway.origin, DEMO.dana);
    pine = await signIn(browser, gateway.origin, DEMO.pine);
    aliceId = await stakeholderIdOf(alice);
    // Set-up, not what this story tests: the pharmacy lists itself, the patient grants the doctor (a fresh sign-in, so no step-up).
    expect((await restAs(pine, 'PUT', '/me/directory-entry', { displayName: 'Pine Pharmacy', specialties: [], city: 'Springfield' })).status).toBe(200);
    const grant = await restAs(alice, 'POST', '/consents', {
      granteeId: await stakeholderIdOf(dana),
      actions: ['view', 'edit'],
      scope: { categories: ['prescription'] },
      purpose: 'TREAT',
      validUntil: new Date(Date.now() + 7 * DAY_MS).toISOString(),
    });
    expect(grant.status).toBe(201);
  });

  afterAll(async () => {
    for (const person of [alice, dana, pine]) await person.context.close();
    await browser.close();
    await gateway.close();
  });

  it('when a doctor without the patient’s consent prescribes, then the API’s refusal is shown', async () => {
    const bob = await signIn(browser, gateway.origin, DEMO.bob);
    const bobId = await stakeholderIdOf(bob);
    await bob.context.close();
    await dana.open('/prescriptions', 'Prescriptions');
    await settled(dana.page);

    await dana.page.getByLabel('Patient', { exact: true }).selectOption({ label: 'Another patient (enter the ID)' });
    await dana.page.getByLabel('Patient ID').fill(bobId);
    await dana.page.getByRole('button', { name: 'Use this patient' }).click();
    await dana.page.getByLabel('Medicine 1 name').fill('Ibuprofen 400 mg');
    await dana.page.getByLabel('Medicine 1 dose').fill('1 tablet');
    await dana.page.getByRole('button', { name: 'Issue prescription' }).click();

    const refusal = dana.page.getByRole('form', { name: 'Issue a prescription' }).getByRole('alert');
    await expect(refusal.textContent()).resolves.toMatch(/consent/i);
    await screenshot(dana.page, 'story-prescription-01-no-consent-refused');
  });

  it('when the doctor prescribes, the patient orders, the pharmacy dispenses and the patient confirms, then each sees every step, live', async () => {
    // The doctor prescribes for the patient the page offers as consenting.
    await dana.open('/prescriptions', 'Prescriptions');
    await settled(dana.page);
    await dana.page.getByLabel('Patient', { exact: true }).selectOption({ label: aliceId });
    await dana.page.getByLabel('Medicine 1 name').fill('Amoxicillin 500 mg');
    await dana.page.getByLabel('Medicine 1 dose').fill('1 capsule');
    await dana.page.getByLabel('Medicine 1 frequency').fill('three times a day');
    await dana.page.getByRole('button', { name: 'Add another medicine' }).click();
    await dana.page.getByLabel('Medicine 2 name').fill('Paracetamol 500 mg');
    await dana.page.getByLabel('Medicine 2 dose').fill('2 tablets');
    await dana.page.getByLabel('Total quantity (units of one fill)').fill('30');
    await dana.page.getByLabel('Refills').fill('1');
    await dana.page.getByRole('button', { name: 'Issue prescription' }).click();
    const issued = dana.page.getByText(/^Prescription \S+ issued for /);
    await issued.waitFor();
    const prescriptionId = /^Prescription (\S+) issued/.exec((await issued.textContent()) ?? '')?.[1] ?? '';
    expect(prescriptionId).not.toBe('');
    await dana.page.getByRole('cell', { name: prescriptionId, exact: true }).waitFor();
    await expect(dana.page.getByRole('button', { name: `Cancel ${prescriptionId}` }).isEnabled()).resolves.toBe(true);
    await screenshot(dana.page, 'story-prescription-02-doctor-issued');

    // The patient reads what was prescribed (a logged read) and keeps this page open from here on.
    await alice.open('/prescriptions', 'Prescriptions and orders');
    await settled(alice.page);
    const unseenBefore = await unseenOf(alice);
    const card = alice.page.getByRole('article', { name: `Prescription ${prescriptionId}` });
    await card.getByRole('button', { name: `Show what was prescribed in ${prescriptionId}` }).click();
    await card.getByRole('list', { name: `Medicines of ${prescriptionId}` }).getByText('Amoxicillin 500 mg — 1 capsule, three times a day').waitFor();
    await screenshot(alice.page, 'story-prescription-03-patient-reads');

    // More than one fill is refused by the ledger, with its problem shown.
    await card.getByLabel('Pharmacy').selectOption({ label: 'Pine Pharmacy (Springfield)' });
    await card.getByLabel('Quantity (units)').fill('31');
    await card.getByRole('button', { name: 'Order', exact: true }).click();
    const refused = card.getByRole('alert');
    await refused.waitFor();
    const problem = await refused.textContent();
    expect(problem).toContain('The request exceeds the remaining prescribed quantity'); // the problem's title
    expect(problem).toContain('an order covers at most one fill (30 units)'); // and its detail
    await expect(alice.page.getByRole('article', { name: /^Order / }).count()).resolves.toBe(0);
    await screenshot(alice.page, 'story-prescription-04-over-quantity-refused');

    await card.getByLabel('Quantity (units)').fill('30');
    await card.getByLabel('Payment').selectOption({ label: 'Cash on delivery' });
    await card.getByRole('button', { name: 'Order', exact: true }).click();
    const placed = card.getByText(/^Order \S+ placed: 30 units from Pine Pharmacy \(Springfield\)/);
    await placed.waitFor();
    const orderId = /^Order (\S+) placed/.exec((await placed.textContent()) ?? '')?.[1] ?? '';
    const order = alice.page.getByRole('article', { name: `Order ${orderId}` });
    await order.getByText('Placed', { exact: true }).waitFor();
    await screenshot(alice.page, 'story-prescription-05-patient-ordered');

    // The pharmacy finds it in its queue, reads the prescription (logged), accepts and dispenses.
    await pine.open('/', 'Orders');
    await settled(pine.page);
    const queued = pine.page.getByRole('article', { name: `Order ${orderId}` });
    await queued.getByText(`30 units of prescription ${prescriptionId}`, { exact: false }).waitFor();
    await queued.getByRole('button', { name: `Read the prescription of ${orderId}` }).click();
    await queued.getByRole('list', { name: `Medicines of order ${orderId}` }).getByText('Paracetamol 500 mg — 2 tablets').waitFor();
    await queued.getByRole('button', { name: `Accept ${orderId}` }).click();
    await queued.getByText(`Order ${orderId} accepted.`).waitFor();
    await screenshot(pine.page, 'story-prescription-06-pharmacy-accepted');

    // The patient's open page hears it live: the badge counts it, and the order shows accepted without a reload.
    await alice.page.waitForFunction((before) => {
      const badge = /^(\d+) new notifications?$/.exec(document.querySelector('header a[href="#/notifications"]')?.textContent ?? '');
      return badge !== null && Number(badge[1]) > before;
    }, unseenBefore);
    await order.getByText('Accepted', { exact: true }).waitFor();
    await screenshot(alice.page, 'story-prescription-07-patient-notified-live');

    await pine.page.getByLabel('Show').selectOption({ label: 'Accepted, to dispense' });
    await pine.page.getByRole('article', { name: `Order ${orderId}` }).getByRole('button', { name: `Dispense ${orderId}` }).click();
    await pine.page.getByText(`Order ${orderId} dispensed.`).waitFor();
    await screenshot(pine.page, 'story-prescription-08-pharmacy-dispensed');

    // The patient confirms receipt once the live update shows it dispensed.
    await order.getByRole('button', { name: `Confirm receipt of ${orderId}` }).click();
    await order.getByText(`Order ${orderId} marked as received.`).waitFor();
    await order.getByText('Received', { exact: true }).waitFor();
    const steps = order.getByRole('list', { name: `Progress of order ${orderId}` });
    expect(await steps.locator('time').count()).toBe(4);
    expect(await steps.textContent()).not.toMatch(/not yet/);
    await expect(order.getByRole('button', { name: /Cancel order/ }).count()).resolves.toBe(0);
    await screenshot(alice.page, 'story-prescription-09-patient-received');
    const left = alice.page.getByRole('article', { name: `Prescription ${prescriptionId}` });
    await left.getByText(/30 of 60 units left/).waitFor();

    // The notifications page lists what happened, in local time, and clears the badge.
    await alice.page.getByRole('banner').getByRole('link', { name: NEW_NOTIFICATIONS }).click();
    await alice.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await alice.page.getByText('Medicine order updated').first().waitFor();
    await alice.page.getByRole('banner').getByRole('link', { name: 'No new notifications' }).waitFor();
    await screenshot(alice.page, 'story-prescription-10-patient-notifications');
    await alice.page.getByText(`status: received · order: ${orderId}`, { exact: false }).waitFor();
    // Chromium logs every refused request; the over-quantity order's 409 is the one this story expects. Nothing else, and the stream logged nothing.
    expect(alice.consoleErrors).toEqual([`Failed to load resource: the server responded with a status of 409 (Conflict) (${gateway.origin}/orders)`]);

    // The same orders and prescriptions on a phone: nothing scrolls sideways, nothing axe calls serious.
    const phone = await signIn(browser, gateway.origin, DEMO.alice, PHONE);
    await phone.open('/prescriptions', 'Prescriptions and orders');
    await settled(phone.page);
    await phone.page.getByRole('article', { name: `Order ${orderId}` }).getByText('Received', { exact: true }).waitFor();
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    expect(await accessibilityViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'story-prescription-10b-patient-orders-phone');
    await phone.context.close();
  });

  it('when the patient withdraws an order and the doctor cancels an untouched prescription, then both show cancelled, and signing out ends the stream without a console error', async () => {
    // A second prescription, issued over REST as set-up: cancelling it is what this test clicks.
    const issued = await restAs(dana, 'POST', '/prescriptions', { patientId: aliceId, totalQuantity: 10, refills: 0, validUntil: new Date(Date.now() + 7 * DAY_MS).toISOString(), items: [{ medicine: 'Cetirizine 10 mg', dose: '1 tablet' }] });
    expect(issued.status).toBe(201);
    const prescriptionId = (issued.body as { id: string }).id;

    await alice.open('/prescriptions', 'Prescriptions and orders');
    await settled(alice.page);
    const card = alice.page.getByRole('article', { name: `Prescription ${prescriptionId}` });
    await card.getByLabel('Quantity (units)').fill('5');
    await card.getByRole('button', { name: 'Order', exact: true }).click();
    const placed = card.getByText(/^Order \S+ placed: 5 units/);
    await placed.waitFor();
    const orderId = /^Order (\S+) placed/.exec((await placed.textContent()) ?? '')?.[1] ?? '';
    const order = alice.page.getByRole('article', { name: `Order ${orderId}` });
    await order.getByRole('button', { name: `Cancel order ${orderId}` }).click();
    await order.getByText(`Order ${orderId} cancelled.`).waitFor();
    await order.getByText('Cancelled', { exact: true }).waitFor();
    await screenshot(alice.page, 'story-prescription-11-patient-withdrew-order');

    // The doctor's page is still open from before: coming back to it through the menu loads the list again.
    dana.consoleErrors.length = 0;
    await dana.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My patients' }).click();
    await dana.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prescriptions' }).click();
    await dana.page.getByRole('heading', { level: 1, name: 'Prescriptions' }).waitFor();
    await settled(dana.page);
    await dana.page.getByLabel('Patient', { exact: true }).selectOption({ label: aliceId });
    await dana.page.getByRole('button', { name: `Cancel ${prescriptionId}` }).click();
    await dana.page.getByText(`Prescription ${prescriptionId} cancelled.`).waitFor();
    await dana.page.getByRole('row', { name: new RegExp(prescriptionId) }).getByText('cancelled', { exact: true }).waitFor();
    await screenshot(dana.page, 'story-prescription-12-doctor-cancelled');
    expect(dana.consoleErrors).toEqual([]);

    // Signing out with the stream open: the page leaves, the stream logs nothing. The one refused
    // request is the signed-out page asking who is signed in (GET /me, 401), which Chromium logs.
    const errorsBefore = alice.consoleErrors.length;
    const refused: string[] = [];
    alice.page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${String(response.status())} ${new URL(response.url()).pathname}`);
    });
    await alice.page.getByRole('button', { name: 'Sign out' }).click();
    await alice.page.getByRole('link', { name: 'Sign in' }).waitFor();
    await alice.page.waitForTimeout(500);
    expect(refused).toEqual(['401 /me']);
    expect(alice.consoleErrors.slice(errorsBefore)).toEqual([`Failed to load resource: the server responded with a status of 401 (Unauthorized) (${gateway.origin}/me)`]);
  });
});
