import type { Browser, Locator } from 'playwright-core';
import { accessibilityViolations, DEMO, launchBrowser, overflowsHorizontally, PHONE, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, verifyAllProfessionals } from './support/rest';

/**
 * Care flows as people click them: a patient finds a doctor in the directory and books, the
 * doctor proposes another time and the patient accepts it; then the doctor refers the patient to
 * a hospital service from the hospital's price list, and the referral runs through quote,
 * payment, report and the patient's dispute, which the hospital reads.
 */
describe('care story: directory, appointments, referral and hospital service', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let alice: Person;
  let dana: Person;
  let harbor: Person;
  let aliceId: string;
  /** Next January, when Berlin (the browsers' zone) is UTC+1 whatever the year. */
  const year = new Date().getUTCFullYear() + 1;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    alice = await signIn(browser, gateway.origin, DEMO.alice);
    dana = await signIn(browser, gateway.origin, DEMO.dana);
    harbor = await signIn(browser, gateway.origin, DEMO.harbor);
    aliceId = ((await restAs(alice, 'GET', '/me')).body as { principal: { stakeholderId: string } }).principal.stakeholderId;
  });

  afterAll(async () => {
    await browser.close();
    await gateway.close();
  });

  /** Opens a page afresh: opening the hash route a tab already shows would not load it again. */
  const visit = async (person: Person, path: string, heading: string) => {
    await person.open(path, heading);
    await person.page.reload();
    await person.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await settled(person.page);
  };
  /** The list item of a person's page that contains text. */
  const item = (person: Person, list: string, text: string | RegExp): Locator => person.page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: text });
  const saveListing = async (person: Person, specialties: string, city: string) => {
    await visit(person, '/profile', 'Directory listing');
    await person.page.getByLabel('Specialties').fill(specialties);
    await person.page.getByLabel('City').fill(city);
    await person.page.getByRole('button', { name: 'Save listing' }).click();
    await person.page.getByText('Your listing is saved').waitFor();
  };

  it('when the patient finds the doctor by specialty and books, and the doctor proposes another time, then the patient accepts it and the appointment is confirmed at the new time', async () => {
    await saveListing(dana, 'cardiology, sports medicine', 'Lübeck');
    await dana.page.getByText('cardiology, sports medicine', { exact: true }).waitFor();
    await screenshot(dana.page, 'story-care-01-doctor-listing');

    await visit(alice, '/appointments', 'Appointments');
    await alice.page.getByLabel('Specialty').fill('Cardiology');
    await alice.page.getByRole('button', { name: 'Search the directory' }).click();
    await alice.page.getByText('Found 1 listing.').waitFor();
    await alice.page.getByRole('button', { name: `Choose ${DEMO.dana}` }).click();
    await alice.page.getByLabel('Starts at').fill(`${year}-01-15T10:00`);
    await alice.page.getByLabel('Duration').selectOption('30');
    await alice.page.getByLabel('Reason for the visit').fill('Palpitations when climbing stairs');
    await alice.page.getByRole('button', { name: 'Book appointment' }).click();
    await alice.page.getByText(/^Requested .* with Dr\. Dana Doctor/).waitFor();
    const booked = item(alice, 'Your appointments', DEMO.dana);
    await booked.getByText('requested', { exact: true }).waitFor();
    expect(await booked.textContent()).toContain(`15 Jan ${year}, 10:00`);
    await screenshot(alice.page, 'story-care-02-patient-booked');

    await visit(dana, '/appointments', 'Appointments');
    const request = item(dana, 'Appointments', aliceId);
    await request.getByRole('button', { name: 'Read reason (logged)' }).click();
    await request.getByText('Reason: Palpitations when climbing stairs').waitFor();
    await request.getByRole('button', { name: 'Propose another time' }).click();
    await request.getByLabel('Proposed start').fill(`${year}-01-15T14:00`);
    await request.getByRole('button', { name: 'Send proposal' }).click();
    await request.getByText(/^Proposed .*the patient accepts or rejects it/).waitFor();
    await request.getByText('proposed', { exact: true }).waitFor();
    await screenshot(dana.page, 'story-care-03-doctor-proposed');

    await visit(alice, '/appointments', 'Appointments');
    const proposal = item(alice, 'Your appointments', DEMO.dana);
    expect(await proposal.textContent()).toContain(`proposes 15 Jan ${year}, 14:00`);
    await proposal.getByRole('button', { name: 'Accept proposed time' }).click();
    await proposal.getByText('You accepted the proposed time: the appointment is confirmed.').waitFor();
    await proposal.getByText('confirmed', { exact: true }).waitFor();
    expect(await proposal.textContent()).toContain(`15 Jan ${year}, 14:00`);
    await screenshot(alice.page, 'story-care-04-patient-accepted');

    const stored = (await restAs(alice, 'GET', `/patients/${aliceId}/appointments`)).body as { items: { status: string; startsAt: string; endsAt: string }[] };
    expect(stored.items).toEqual([expect.objectContaining({ status: 'confirmed', startsAt: `${year}-01-15T13:00:00.000Z`, endsAt: `${year}-01-15T13:30:00.000Z` })]);
  });

  it('when the doctor refers the patient to a priced service and the patient accepts, then quote, payment, report and the patient’s dispute before the deadline reach the hospital', async () => {
    // Set-up, not what is tested: the referral needs the patient's grant to edit her service requests.
    const grant = await restAs(alice, 'POST', '/consents', { granteeId: ((await restAs(dana, 'GET', '/me')).body as { principal: { stakeholderId: string } }).principal.stakeholderId, actions: ['edit'], scope: { categories: ['billing'] }, purpose: 'TREAT', validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    expect(grant.status).toBe(201);

    await saveListing(harbor, 'laboratory, MRI', 'Kiel');
    await visit(harbor, '/price-list', 'Price list');
    // A code the chain refuses: the gateway's problem is shown and nothing is published.
    await harbor.page.getByLabel('Code of service 1').fill('LAB CBC');
    await harbor.page.getByLabel('Name of service 1').fill('Complete blood count');
    await harbor.page.getByLabel('Price of service 1').fill('45.00');
    await harbor.page.getByRole('button', { name: 'Publish price list' }).click();
    await harbor.page.getByRole('alert').filter({ hasText: /capital letters/ }).waitFor();
    await screenshot(harbor.page, 'story-care-05-hospital-price-list-refused');
    const harborId = ((await restAs(harbor, 'GET', '/me')).body as { principal: { stakeholderId: string } }).principal.stakeholderId;
    expect((await restAs(harbor, 'GET', `/hospitals/${harborId}/price-list`)).status).toBe(404);
    await harbor.page.getByLabel('Code of service 1').fill('LAB-CBC');
    await harbor.page.getByLabel('Name of service 1').fill('Complete blood count');
    await harbor.page.getByLabel('Price of service 1').fill('45.00');
    await harbor.page.getByRole('button', { name: 'Add a service' }).click();
    await harbor.page.getByLabel('Code of service 2').fill('IMG-MRI');
    await harbor.page.getByLabel('Name of service 2').fill('MRI scan');
    await harbor.page.getByLabel('Price of service 2').fill('450');
    await harbor.page.getByRole('button', { name: 'Publish price list' }).click();
    await harbor.page.getByText('Price list published with 2 services').waitFor();
    await screenshot(harbor.page, 'story-care-05-hospital-price-list');

    await visit(dana, '/referrals', 'Referrals');
    await dana.page.getByLabel('Patient', { exact: true }).selectOption(aliceId);
    await dana.page.getByLabel('Name, city or description contains').fill('Harbor');
    await dana.page.getByRole('button', { name: 'Search the directory' }).click();
    await dana.page.getByRole('button', { name: `Choose ${DEMO.harbor}` }).click();
    await dana.page.getByLabel('Service', { exact: true }).selectOption('LAB-CBC');
    expect(await dana.page.getByLabel('Service', { exact: true }).textContent()).toContain('MRI scan (IMG-MRI): €450.00');
    await dana.page.getByLabel('Clinical details').fill('Fatigue for three months; rule out anaemia');
    await dana.page.getByRole('button', { name: 'Refer patient' }).click();
    await dana.page.getByText(`Referred ${aliceId} to ${DEMO.harbor}`).waitFor();
    await item(dana, 'Your referrals', DEMO.harbor).getByText('referred', { exact: true }).waitFor();
    await screenshot(dana.page, 'story-care-06-doctor-referred');

    await visit(alice, '/hospital-services', 'Hospital services');
    const referral = item(alice, 'Your service requests', DEMO.harbor);
    // Names arrive after the list: the doctor's from the directory, the service's from the price list.
    await referral.getByText(DEMO.dana).waitFor();
    await referral.getByText('Complete blood count LAB-CBC').waitFor();
    await referral.getByRole('button', { name: 'Accept referral' }).click();
    await referral.getByText(/^Referral accepted/).waitFor();
    await referral.getByText('requested', { exact: true }).waitFor();
    await screenshot(alice.page, 'story-care-07-patient-accepted-referral');

    await visit(harbor, '/', 'Service requests');
    const queued = item(harbor, 'Service requests', aliceId);
    await queued.getByText(DEMO.dana).waitFor();
    await queued.getByText('Complete blood count LAB-CBC').waitFor();
    await queued.getByRole('button', { name: 'Read details (logged)' }).click();
    await queued.getByText('Details: Fatigue for three months; rule out anaemia').waitFor();
    expect(await queued.getByLabel('Price').inputValue()).toBe('45.00');
    await queued.getByLabel('Price').fill('45.00');
    await queued.getByRole('button', { name: 'Send quote' }).click();
    await queued.getByText('Quote sent').waitFor();
    await queued.getByText('quoted', { exact: true }).waitFor();
    await screenshot(harbor.page, 'story-care-08-hospital-quoted');

    await visit(alice, '/hospital-services', 'Hospital services');
    const quoted = item(alice, 'Your service requests', DEMO.harbor);
    expect(await quoted.textContent()).toContain('€45.00');
    await quoted.getByRole('button', { name: 'Accept quote' }).click();
    await quoted.getByText(/^Quote accepted/).waitFor();
    await quoted.getByLabel('Payment method').selectOption('online');
    await quoted.getByLabel('Payment reference').fill('pay-2026-0042');
    await quoted.getByRole('button', { name: 'Record payment' }).click();
    await quoted.getByText(/^Payment recorded/).waitFor();
    await quoted.getByText('paid', { exact: true }).waitFor();
    await screenshot(alice.page, 'story-care-09-patient-paid');

    await visit(harbor, '/', 'Service requests');
    const paid = item(harbor, 'Service requests', aliceId);
    await paid.getByRole('button', { name: 'Confirm payment received' }).click();
    await paid.getByText(/^Payment confirmed/).waitFor();
    await paid.getByLabel('Report file').setInputFiles({ name: 'cbc-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nHaemoglobin 9.8 g/dl\n'.repeat(2000)) });
    await paid.getByRole('button', { name: 'Upload and attach report' }).click();
    await paid.getByText('Uploaded cbc-report.pdf and attached it as the report').waitFor();
    await paid.getByText('reported', { exact: true }).waitFor();
    expect(await paid.getByRole('progressbar').getAttribute('value')).toBe('100');
    await screenshot(harbor.page, 'story-care-10-hospital-reported');

    await visit(alice, '/hospital-services', 'Hospital services');
    const reported = item(alice, 'Your service requests', DEMO.harbor);
    expect(await reported.textContent()).toMatch(/Review deadline.*\(6 days 23 hours left\)/);
    const download = alice.page.waitForEvent('download');
    await reported.getByRole('button', { name: /^Download report/ }).click();
    expect((await download).suggestedFilename()).toBe('cbc-report.pdf');
    await reported.getByText('Downloaded cbc-report.pdf').waitFor();
    await reported.getByLabel('What is wrong with the report').fill('The haemoglobin value belongs to another patient');
    await reported.getByRole('button', { name: 'Dispute report' }).click();
    await reported.getByText('Report disputed; the hospital sees your reason.').waitFor();
    await reported.getByText('disputed', { exact: true }).waitFor();
    await screenshot(alice.page, 'story-care-11-patient-disputed');
    expect(await reported.textContent()).not.toContain('Review deadline');

    const phone = await signIn(browser, gateway.origin, DEMO.alice, PHONE);
    await visit(phone, '/hospital-services', 'Hospital services');
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    expect(await accessibilityViolations(phone.page)).toEqual([]);
    await screenshot(phone.page, 'story-care-11-patient-disputed-phone');
    await phone.context.close();

    await visit(harbor, '/', 'Service requests');
    const disputed = item(harbor, 'Service requests', aliceId);
    await disputed.getByText('disputed', { exact: true }).waitFor();
    await disputed.getByRole('button', { name: 'Read the dispute (logged)' }).click();
    await disputed.getByText('The patient disputes the report: The haemoglobin value belongs to another patient').waitFor();
    await screenshot(harbor.page, 'story-care-12-hospital-sees-dispute');

    await visit(dana, '/referrals', 'Referrals');
    expect(await item(dana, 'Your referrals', DEMO.harbor).textContent()).toContain('report disputed');
  });
});
