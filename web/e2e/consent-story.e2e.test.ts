import { readFileSync } from 'node:fs';
import type { Browser, Locator } from 'playwright-core';
import { accessibilityViolations, DEMO, launchBrowser, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, stakeholderIdOf, verifyAllProfessionals } from './support/rest';

/** Set-up, not what the story tests: a file the patient uploads over REST in their own session. */
async function uploadAs(person: Person, patientId: string, category: string, name: string, content: string): Promise<string> {
  const origin = new URL(person.page.url()).origin;
  const csrf = ((await (await person.context.request.get(`${origin}/auth/csrf`)).json()) as { csrfToken: string }).csrfToken;
  const response = await person.context.request.post(`${origin}/files`, {
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'text/plain', 'X-Patient-Id': patientId, 'X-Category': category, 'X-File-Name': name },
    data: Buffer.from(content),
  });
  if (response.status() !== 201) throw new Error(`uploading ${name} answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { file: { fileId: string } }).file.fileId;
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ');
}

/** Adds a directory entry for the doctor, so patients see a name instead of an ID. */
async function listInDirectory(doctor: Person, displayName: string): Promise<void> {
  const listed = await restAs(doctor, 'PUT', '/me/directory-entry', { displayName, specialties: ['general practice'], city: 'Berlin' });
  if (listed.status !== 200 && listed.status !== 201) throw new Error(`listing ${displayName} answered ${listed.status}: ${JSON.stringify(listed.body)}`);
}

/**
 * Issue 12's consent story in the browser, as the two people click it: a doctor asks for access,
 * the patient previews exactly what it would expose and approves less, the doctor reads, the
 * patient sees that read in the accounting of disclosures and revokes, and the doctor's next read
 * is refused with the problem shown. Break-glass shows up highlighted in the patient's accounting.
 */
describe('consent story: request, preview, approve less, read, account, revoke, refused', () => {
  let gateway: PortalGateway;
  let browser: Browser;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    const doctor = await signIn(browser, gateway.origin, DEMO.dana);
    await listInDirectory(doctor, 'Dr. Dana Doctor');
    await doctor.context.close();
  });

  afterAll(async () => {
    await browser.close();
    await gateway.close();
  });

  it('when the patient approves less than the doctor asked, then the doctor reads only that, the read is accounted for, and after revocation it is refused', async () => {
    // Arrange: Alice has a lab result and an imaging file.
    const setUp = await signIn(browser, gateway.origin, DEMO.alice);
    const patientId = await stakeholderIdOf(setUp);
    const labFile = await uploadAs(setUp, patientId, 'lab', 'blood-count.txt', 'Haemoglobin 14.1 g/dl');
    const imagingFile = await uploadAs(setUp, patientId, 'imaging', 'knee-mri.txt', 'MRI report');
    await setUp.context.close();
    const doctor = await signIn(browser, gateway.origin, DEMO.dana);
    const doctorId = await stakeholderIdOf(doctor);

    // 1. The doctor asks for view on lab results and imaging, for treatment.
    await doctor.open('/access-requests', 'Access requests');
    await doctor.page.getByLabel('Patient ID').fill(patientId);
    await doctor.page.getByRole('checkbox', { name: 'Lab results' }).check();
    await doctor.page.getByRole('checkbox', { name: 'Imaging' }).check();
    await doctor.page.getByLabel('Purpose').selectOption('TREAT');
    await doctor.page.getByRole('button', { name: 'Send request' }).click();
    await doctor.page.getByRole('status').filter({ hasText: `Request sent to ${patientId}` }).waitFor();
    const myRequest = doctor.page.getByRole('row').filter({ hasText: patientId });
    expect(await textOf(myRequest)).toContain('view: Lab results, Imaging');
    expect(await textOf(myRequest)).toContain('Waiting for the patient');
    await screenshot(doctor.page, 'story-consent-01-doctor-requests');

    // 2. The patient sees the request with exactly what it would expose: both files.
    const patient = await signIn(browser, gateway.origin, DEMO.alice);
    await patient.open('/', 'Home');
    await settled(patient.page);
    const request = patient.page.getByRole('article', { name: /Request from Dr\. Dana Doctor/ });
    expect(await textOf(request)).toContain('Treatment (TREAT)');
    const fullPreview = request.getByRole('group', { name: /What the request from .* would expose/ });
    expect(await textOf(fullPreview)).toContain(labFile);
    expect(await textOf(fullPreview)).toContain(imagingFile);
    expect(await accessibilityViolations(patient.page)).toEqual([]);
    await screenshot(patient.page, 'story-consent-02-patient-previews-request');

    // 3. She approves less: lab results only, for one day instead of seven.
    await request.getByRole('checkbox', { name: 'Imaging' }).uncheck();
    const oneDay = new Date(Date.now() + 24 * 3_600_000);
    const local = new Date(oneDay.getTime() - oneDay.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await request.getByLabel('Access ends').fill(local);
    const shared = request.getByRole('group', { name: 'What you would share as ticked' });
    expect(await textOf(shared)).toContain(labFile);
    expect(await textOf(shared)).not.toContain(imagingFile);
    await request.getByRole('button', { name: 'Approve as ticked' }).click();
    const approved = patient.page.getByRole('status').filter({ hasText: 'Approved for' }).first();
    await approved.waitFor();
    expect(await textOf(approved)).toContain('view Lab results');
    expect(await textOf(approved)).not.toContain('Imaging');
    expect(await textOf(approved)).toContain('Approved for Dr. Dana Doctor');
    await patient.page.getByText('No one is waiting for your answer.').waitFor();
    // A one-day consent is one that ends within the week: the home page lists it there at once.
    const ending = patient.page.getByRole('region', { name: 'Consents ending within 7 days' });
    await ending.getByText('Dr. Dana Doctor').waitFor();
    expect(await textOf(ending)).toContain('Lab results');
    await screenshot(patient.page, 'story-consent-03-patient-approved-less');

    // 4. The doctor sees the patient under My patients, opens the records and reads the lab file; the imaging file is not listed.
    await doctor.open('/', 'My patients');
    await settled(doctor.page);
    const patientCard = doctor.page.getByRole('article', { name: new RegExp(`Patient ${patientId}`) });
    expect(await textOf(patientCard)).toContain('Lab results');
    expect(await textOf(patientCard)).not.toContain('Imaging');
    await patientCard.getByRole('link', { name: `Patient records of ${patientId}` }).click();
    await doctor.page.getByRole('heading', { level: 1, name: 'Patient records' }).waitFor();
    await settled(doctor.page);
    const files = doctor.page.getByRole('table', { name: `Files of patient ${patientId} you may read` });
    expect(await textOf(files)).toContain(labFile);
    expect(await textOf(files)).not.toContain(imagingFile);
    const download = doctor.page.waitForEvent('download');
    await doctor.page.getByRole('button', { name: `Read ${labFile}` }).click();
    expect((await download).suggestedFilename()).toBe('blood-count.txt');
    await doctor.page.getByRole('status').filter({ hasText: 'Downloaded blood-count.txt' }).waitFor();
    await screenshot(doctor.page, 'story-consent-04-doctor-reads');

    // 5. The patient sees that read in her accounting of disclosures: who, what, why, on what basis.
    await patient.open('/disclosures', 'Accounting of disclosures');
    await settled(patient.page);
    const readRow = patient.page.getByRole('row').filter({ hasText: labFile }).filter({ hasText: 'Allowed' }).first();
    const readText = await textOf(readRow);
    expect(readText).toContain('Dr. Dana Doctor');
    expect(readText).toContain('View: Lab results');
    expect(readText).toContain('Treatment (TREAT)');
    expect(readText).toContain('Your consent');
    await screenshot(patient.page, 'story-consent-05-patient-sees-read');

    // 6. She revokes the consent, confirming first.
    await patient.open('/consents', 'Consents');
    await settled(patient.page);
    await patient.page.getByRole('button', { name: /Revoke the consent of Dr\. Dana Doctor/ }).click();
    await patient.page.getByRole('group', { name: /Confirm revoking the consent of Dr\. Dana Doctor/ }).getByRole('button', { name: 'Yes, revoke' }).click();
    await patient.page.getByRole('status').filter({ hasText: 'Revoked: Dr. Dana Doctor no longer has this access' }).waitFor();
    await settled(patient.page);
    // The list reads again after the revocation: the grant moves from Active to Revoked.
    const revokedSection = patient.page.getByRole('region', { name: 'Revoked' });
    await revokedSection.getByText('Dr. Dana Doctor').waitFor();
    expect(await textOf(patient.page.getByRole('region', { name: 'Active' }))).toContain('No one has access to your data through a consent now.');
    await screenshot(patient.page, 'story-consent-06-patient-revokes');

    // 7. The doctor's next read (the page still open) is refused, and the problem says why.
    await doctor.page.getByRole('button', { name: `Read ${labFile}` }).click();
    const refusal = doctor.page.getByRole('alert').filter({ hasText: 'No grant covers this action' });
    await refusal.waitFor();
    expect(await textOf(refusal)).toContain(doctorId);
    await screenshot(doctor.page, 'story-consent-07-doctor-refused');

    // The refusal is in her accounting too, highlighted.
    await patient.open('/disclosures', 'Accounting of disclosures');
    await settled(patient.page);
    const refusedRow = patient.page.getByRole('row').filter({ hasText: 'Refused' }).first();
    expect(await textOf(refusedRow)).toContain('Dr. Dana Doctor');
    expect(await refusedRow.getAttribute('class')).toContain('highlight-warn');
    await screenshot(patient.page, 'story-consent-08-patient-sees-refusal');

    // She downloads her accounting as CSV: the read and the refusal are in it.
    const csvDownload = patient.page.waitForEvent('download');
    await patient.page.getByRole('button', { name: 'Download as CSV' }).click();
    const csvPath = await (await csvDownload).path();
    await patient.page.getByRole('status').filter({ hasText: /Downloaded .* \(CSV\)/ }).waitFor();
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^at,outcome,accessorId/);
    expect(csv).toContain(`refused,${doctorId}`);
    expect(csv).toContain(`allowed,${doctorId}`);
    expect(patient.consoleErrors.filter((error) => !error.includes('403'))).toEqual([]);

    await doctor.context.close();
    await patient.context.close();
  });

  it('when a doctor opens emergency access and reads, then the patient’s accounting shows it highlighted as break-glass', async () => {
    const setUp = await signIn(browser, gateway.origin, DEMO.bob);
    const patientId = await stakeholderIdOf(setUp);
    const file = await uploadAs(setUp, patientId, 'lab', 'allergy-panel.txt', 'Penicillin allergy');
    await setUp.context.close();
    const doctor = await signIn(browser, gateway.origin, DEMO.dana);

    await doctor.open('/break-glass', 'Emergency access');
    expect(await textOf(doctor.page.getByRole('region', { name: 'For emergencies only' }))).toContain('The patient is notified at once');
    await doctor.page.getByLabel('Patient ID').fill(patientId);
    await doctor.page.getByLabel('Reason (required)').fill('Unconscious on admission, allergy status needed');
    await doctor.page.getByRole('button', { name: 'Open emergency access' }).click();
    await doctor.page.getByRole('status').filter({ hasText: `Emergency access opened for ${patientId}` }).waitFor();
    await settled(doctor.page);
    const download = doctor.page.waitForEvent('download');
    await doctor.page.getByRole('button', { name: `Read ${file}` }).click();
    expect((await download).suggestedFilename()).toBe('allergy-panel.txt');
    await screenshot(doctor.page, 'story-consent-09-doctor-break-glass');

    const patient = await signIn(browser, gateway.origin, DEMO.bob);
    await patient.open('/disclosures', 'Accounting of disclosures');
    await settled(patient.page);
    const row = patient.page.getByRole('row').filter({ hasText: file }).filter({ hasText: 'Break-glass' }).first();
    const text = await textOf(row);
    expect(text).toContain('Dr. Dana Doctor');
    expect(text).toContain('Emergency access without your consent');
    expect(text).toContain('Emergency treatment (ETREAT)');
    expect(await row.getAttribute('class')).toContain('highlight-danger');
    expect(await accessibilityViolations(patient.page)).toEqual([]);
    await screenshot(patient.page, 'story-consent-10-patient-sees-break-glass');

    await patient.open('/', 'Home');
    await settled(patient.page);
    expect(await textOf(patient.page.getByRole('region', { name: 'Who looked at your data lately' }))).toContain('need your attention');
    await screenshot(patient.page, 'story-consent-11-patient-home-alert');

    await doctor.context.close();
    await patient.context.close();
  });
});
