import type { Browser, Locator } from 'playwright-core';
import { accessibilityViolations, DEMO, DESKTOP, launchBrowser, overflowsHorizontally, PHONE, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, verifyAllProfessionals } from './support/rest';

/** The patient's own record, uploaded as set-up (the story is about insurance, not uploading). */
async function uploadRecord(person: Person, origin: string): Promise<string> {
  const me = (await restAs(person, 'GET', '/me')).body as { principal: { stakeholderId: string } };
  const csrf = ((await (await person.context.request.get(`${origin}/auth/csrf`)).json()) as { csrfToken: string }).csrfToken;
  const response = await person.context.request.fetch(`${origin}/files`, {
    method: 'POST',
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'text/plain', 'X-Patient-Id': me.principal.stakeholderId, 'X-Category': 'lab', 'X-File-Name': 'blood-count.txt' },
    data: 'Haemoglobin 14.1 g/dL',
  });
  if (response.status() !== 201) throw new Error(`uploading the record answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { file: { fileId: string } }).file.fileId;
}

/** Waits for an action's result in scope: the expected success, or fails with the problem the page showed instead. */
async function seeOutcome(scope: Locator, expected: string | RegExp): Promise<void> {
  const success = scope.getByRole('status').filter({ hasText: expected }).first();
  const problem = scope.getByRole('alert').first();
  await success.or(problem).waitFor();
  if (await problem.isVisible()) throw new Error(`expected ${String(expected)}, but the page showed: ${(await problem.textContent()) ?? ''}`);
}

/** Opens a page and loads it afresh (opening the hash a person is already on would not reload its data). */
async function revisit(person: Person, path: string, heading: string): Promise<void> {
  await person.open(path, heading);
  await person.page.reload();
  await person.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await settled(person.page);
}

/**
 * Issue 12's insurance story, clicked as the people would: the insurer publishes a package, the
 * patient applies for it sharing a record in the same step, the insurer's answer issues a policy,
 * the patient claims, the insurer reads (logged), decides and pays, and the patient sees the outcome.
 */
describe('the insurance story in the portal', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let insurer: Person;
  let patient: Person;
  const packageId = `ivy-basic-${Date.now()}`;
  const treated = 'MRI of the left knee after a sports injury';

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    insurer = await signIn(browser, gateway.origin, DEMO.ivy);
    patient = await signIn(browser, gateway.origin, DEMO.alice);
  });

  afterAll(async () => {
    await insurer.context.close();
    await patient.context.close();
    await browser.close();
    await gateway.close();
  });

  it('when the insurer publishes, the patient applies sharing a record, the insurer answers, and a claim is decided and paid, then each of them sees every step', async () => {
    // The insurer publishes a package: the terms are hashed in the browser, the price typed in euros.
    await insurer.open('/packages', 'Packages');
    const publish = insurer.page.getByRole('region', { name: 'Publish a package' });
    await publish.getByLabel('Package ID').fill(packageId);
    await publish.getByLabel('Terms', { exact: true }).fill('Ivy Basic Cover. Consultations and imaging, 10% co-payment.');
    await publish.getByLabel('Price per policy period').fill('120.50');
    await publish.getByLabel('Currency').fill('EUR');
    await publish.getByRole('checkbox', { name: 'Consultations' }).check();
    await publish.getByRole('checkbox', { name: 'Imaging' }).check();
    await publish.getByLabel('Yearly limit').fill('5000');
    await publish.getByLabel('Co-payment (%)').fill('10');
    await publish.getByLabel('Eligibility summary').fill('Residents aged 18-65');
    await publish.getByRole('button', { name: 'Publish package' }).click();
    await seeOutcome(publish, `Published ${packageId}, version 1`);
    const ownPackage = insurer.page.getByRole('article', { name: new RegExp(packageId) });
    await ownPackage.waitFor();
    expect(await ownPackage.textContent()).toContain('€120.50');
    await screenshot(insurer.page, 'story-insurance-01-insurer-published');

    // The patient browses the package and applies, sharing a record, in one step.
    const fileId = await uploadRecord(patient, gateway.origin);
    await patient.open('/insurance', 'Insurance');
    await settled(patient.page);
    const offer = patient.page.getByRole('article', { name: new RegExp(packageId) });
    expect(await offer.textContent()).toContain('€120.50');
    await offer.getByRole('button', { name: `Start an application for ${packageId}` }).click();
    await offer.getByRole('checkbox', { name: new RegExp(fileId) }).check();
    await offer.getByRole('checkbox', { name: /I accept these terms/ }).check();
    await screenshot(patient.page, 'story-insurance-02-patient-applying');
    await offer.getByRole('button', { name: `Apply for ${packageId}` }).click();
    await seeOutcome(patient.page.getByRole('region', { name: 'Packages on offer' }), 'sharing 1 record with the insurer');
    const applications = patient.page.getByRole('region', { name: 'My applications' });
    await applications.getByText('Waiting for the insurer').waitFor();
    expect(await accessibilityViolations(patient.page)).toEqual([]);
    await screenshot(patient.page, 'story-insurance-03-patient-applied');

    // The insurer sees the application with the shared record's grant and answers with the same terms and price.
    await insurer.open('/', 'Applications');
    await settled(insurer.page);
    const application = insurer.page.getByRole('article', { name: /Application/ });
    expect(await application.textContent()).toMatch(/shared with you for this application \(grant/);
    expect(await application.getByLabel('Price offered (EUR)').inputValue()).toBe('120.50');
    await screenshot(insurer.page, 'story-insurance-04-insurer-queue');
    await application.getByRole('button', { name: 'Send response' }).click();
    const queue = insurer.page.getByRole('region', { name: 'Application queue' });
    await seeOutcome(queue, /is approved: policy pol-\S+ is active until/);
    await queue.getByText('No applications wait for an answer.').waitFor();
    const policies = insurer.page.getByRole('region', { name: 'Policies' });
    await policies.getByRole('cell', { name: packageId, exact: false }).first().waitFor();
    await screenshot(insurer.page, 'story-insurance-05-insurer-policy-issued');

    // The patient sees the policy and submits a claim against it.
    await revisit(patient, '/insurance', 'Insurance');
    await patient.page.getByRole('region', { name: 'My applications' }).getByText('Approved: policy issued').waitFor();
    const policy = patient.page.getByRole('article', { name: /^Policy pol-/ });
    await policy.getByRole('button', { name: /Start a claim against pol-/ }).click();
    await policy.getByLabel('Invoice number').fill('INV-2026-0042');
    await policy.getByLabel('Amount (EUR)').fill('800');
    await policy.getByLabel('What was treated').fill(treated);
    await policy.getByRole('button', { name: 'Submit claim' }).click();
    await seeOutcome(policy, /Claim clm-\S+ submitted/);
    await policy.getByRole('cell', { name: 'Submitted' }).waitFor();
    await screenshot(patient.page, 'story-insurance-06-patient-claimed');

    // The insurer reads the claim (a logged read), approves part of it and records the payment.
    await insurer.open('/claims', 'Claims');
    await settled(insurer.page);
    const claim = insurer.page.getByRole('article', { name: /^Claim / });
    await claim.getByRole('button', { name: /Read the details of/ }).click();
    await claim.getByText(treated).waitFor();
    await claim.getByLabel('Decision').selectOption({ label: 'Approve part of it' });
    await claim.getByLabel('Approved amount (EUR)').fill('600');
    await screenshot(insurer.page, 'story-insurance-07-insurer-deciding');
    await claim.getByRole('button', { name: 'Record decision' }).click();
    const claims = insurer.page.getByRole('region', { name: 'Claims queue' });
    await seeOutcome(claims, 'partially approved, €600.00 approved');
    await claims.getByLabel('Show claims that are').selectOption({ label: 'Partially approved' });
    await settled(insurer.page);
    const decided = insurer.page.getByRole('article', { name: /^Claim / });
    await decided.getByLabel('Payment reference').fill('SEPA/2026/000123');
    await decided.getByRole('button', { name: /Record payment of €600.00/ }).click();
    await seeOutcome(claims, 'is paid (SEPA/2026/000123)');
    await screenshot(insurer.page, 'story-insurance-08-insurer-paid');

    // The patient sees the claim's outcome.
    await revisit(patient, '/insurance', 'Insurance');
    const paidClaim = patient.page.getByRole('article', { name: /^Policy pol-/ }).getByRole('row', { name: /clm-/ });
    await paidClaim.getByText('Paid', { exact: true }).waitFor();
    expect(await paidClaim.textContent()).toMatch(/€600\.00 approved, paid .*\(reference SEPA\/2026\/000123\)/);
    expect(await accessibilityViolations(patient.page)).toEqual([]);
    await screenshot(patient.page, 'story-insurance-09-patient-sees-outcome');
    await patient.page.setViewportSize(PHONE);
    await screenshot(patient.page, 'story-insurance-09-patient-sees-outcome-phone');
    expect(await overflowsHorizontally(patient.page)).toBe(false);
    await insurer.page.setViewportSize(PHONE);
    await screenshot(insurer.page, 'story-insurance-09-insurer-paid-phone');
    expect(await overflowsHorizontally(insurer.page)).toBe(false);
    await insurer.page.setViewportSize(DESKTOP);
    expect(patient.consoleErrors).toEqual([]);
    expect(insurer.consoleErrors).toEqual([]);
  });

  it('when the insurer types a price with a thousands separator, or reuses a package ID, then the page says what is wrong and publishes nothing', async () => {
    await insurer.open('/packages', 'Packages');
    await settled(insurer.page);
    const publish = insurer.page.getByRole('region', { name: 'Publish a package' });
    await publish.getByLabel('Package ID').fill(packageId);
    await publish.getByLabel('Terms', { exact: true }).fill('Other terms');
    await publish.getByLabel('Price per policy period').fill('1,200.00');
    await publish.getByRole('checkbox', { name: 'Dental' }).check();
    await publish.getByLabel('Yearly limit').fill('900');
    await publish.getByLabel('Eligibility summary').fill('Everyone');
    await publish.getByRole('button', { name: 'Publish package' }).click();
    await publish.getByRole('alert').filter({ hasText: 'Price: Type the amount as digits' }).waitFor();

    await publish.getByLabel('Price per policy period').fill('1200');
    await publish.getByRole('button', { name: 'Publish package' }).click();
    const refusal = publish.getByRole('alert').filter({ hasNotText: 'Price:' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`package ${packageId} already exists; publish a new version instead`);
    await screenshot(insurer.page, 'story-insurance-11-insurer-refused');
    await insurer.page.reload();
    await settled(insurer.page);
    expect(await insurer.page.getByRole('article', { name: new RegExp(packageId) }).textContent()).toContain('version 1');
    expect(await insurer.page.getByRole('article', { name: new RegExp(packageId) }).textContent()).not.toContain('Dental');
  });

  it('when the regulator opens the day’s statistics after the story, then the charts count the insurer’s logged read, and show no health data', async () => {
    const regulator = await signIn(browser, gateway.origin, DEMO.rex);
    await regulator.open('/', 'Statistics');
    await settled(regulator.page);
    const perRole = regulator.page.getByRole('img', { name: /^Accesses per accessor role on/ });
    expect(await perRole.getAttribute('aria-label')).toMatch(/Insurers [1-9]/);
    const perBasis = regulator.page.getByRole('img', { name: /^Accesses per basis on/ });
    expect(await perBasis.getAttribute('aria-label')).toMatch(/A consent grant [1-9]/);
    await regulator.page.getByText(/Accesses per basis on .* as a table/).click();
    await regulator.page.getByRole('table', { name: /Accesses per basis/ }).getByRole('rowheader', { name: 'A consent grant' }).waitFor();
    expect(await regulator.page.locator('body').textContent()).not.toContain(treated);
    expect(await accessibilityViolations(regulator.page)).toEqual([]);
    await screenshot(regulator.page, 'story-insurance-10-regulator-statistics');
    expect(regulator.consoleErrors).toEqual([]);
    await regulator.context.close();
  });
});
