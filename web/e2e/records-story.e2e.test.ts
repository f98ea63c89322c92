import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DEMO, launchBrowser, overflowsHorizontally, PHONE, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, stakeholderIdOf, verifyAllProfessionals } from './support/rest';

const FIRST = { name: 'allergy-list.txt', mimeType: 'text/plain', buffer: Buffer.from('penicillin\n') };
const SECOND = { name: 'allergy-list-v2.txt', mimeType: 'text/plain', buffer: Buffer.from('penicillin\nlatex\n') };
const DOCTORS_REPORT = { name: 'x-ray-report.txt', mimeType: 'text/plain', buffer: Buffer.from('left wrist: hairline fracture\n') };
const CORRECTION = { name: 'x-ray-report-corrected.txt', mimeType: 'text/plain', buffer: Buffer.from('right wrist: hairline fracture\n') };

/**
 * The patient's records page as she uses it: versions of her own file, its confidentiality label,
 * and a correction of a file her doctor wrote, which waits for the doctor's decision (and which
 * she can withdraw).
 */
describe('story: a patient keeps her records and files', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let alice: Person;
  let dana: Person;
  let aliceId: string;

  beforeAll(async () => {
    gateway = await startPortalGateway();
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    alice = await signIn(browser, gateway.origin, DEMO.alice);
    dana = await signIn(browser, gateway.origin, DEMO.dana);
    aliceId = await stakeholderIdOf(alice);
  });

  afterAll(async () => {
    await alice.context.close();
    await dana.context.close();
    await browser.close();
    await gateway.close();
  });

  it('when Alice uploads a file and then a new version of it, then both versions are listed and each downloads its own content', async () => {
    await alice.open('/records', 'Records and files');
    const upload = alice.page.getByRole('form', { name: 'Upload a file' });
    await upload.getByLabel('File', { exact: true }).setInputFiles(FIRST);
    await upload.getByRole('button', { name: 'Upload' }).click();
    await upload.getByText(`Uploaded ${FIRST.name}`).waitFor();

    await alice.page.getByRole('button', { name: /^Versions and details of file-/ }).click();
    const detail = alice.page.getByRole('region', { name: 'Selected file' });
    await settled(alice.page);
    const newVersion = detail.getByRole('form', { name: /^Upload a new version of/ });
    await newVersion.getByLabel('New version').setInputFiles(SECOND);
    await newVersion.getByRole('button', { name: 'Upload new version' }).click();
    await newVersion.getByText(`Uploaded ${SECOND.name} as version 2.`).waitFor();
    await settled(alice.page);
    const versions = detail.getByRole('table', { name: /^Versions of/ });
    // A reload keeps the old rows until the new answer arrives: wait for version 2 itself.
    await versions.getByRole('button', { name: /, version 2$/ }).waitFor();
    expect(await versions.getByRole('row').count()).toBe(3); // the header and two versions

    const first = alice.page.waitForEvent('download');
    await versions.getByRole('button', { name: /, version 1$/ }).click();
    expect(readFileSync(await (await first).path()).equals(FIRST.buffer)).toBe(true);
    const second = alice.page.waitForEvent('download');
    await versions.getByRole('button', { name: /, version 2$/ }).click();
    expect(readFileSync(await (await second).path()).equals(SECOND.buffer)).toBe(true);
    await screenshot(alice.page, 'story-records-01-versions');
  });

  it('when Alice relabels the file Restricted, then the page and the list say so', async () => {
    const detail = alice.page.getByRole('region', { name: 'Selected file' });
    await detail.getByLabel('Confidentiality label').selectOption('R');
    await detail.getByRole('button', { name: 'Change label' }).click();
    await detail.getByText('The file is now labelled R, Restricted.').waitFor();
    await alice.page.getByRole('table', { name: 'Your files' }).getByText('Restricted').waitFor();
  });

  it('when Dana (with edit consent) adds a report and Alice proposes a correction, then it waits for approval, Alice can withdraw one, and an approved one becomes version 2', async () => {
    const danaId = await stakeholderIdOf(dana);
    const validUntil = new Date(Date.now() + 24 * 3_600_000).toISOString();
    expect((await restAs(alice, 'POST', '/consents', { granteeId: danaId, actions: ['view', 'edit'], scope: { categories: ['imaging'] }, purpose: 'TREAT', validUntil })).status).toBe(201);
    const created = await dana.context.request.post(`${gateway.origin}/files`, {
      headers: { 'X-CSRF-Token': ((await (await dana.context.request.get(`${gateway.origin}/auth/csrf`)).json()) as { csrfToken: string }).csrfToken, 'Content-Type': 'text/plain', 'X-Patient-Id': aliceId, 'X-Category': 'imaging', 'X-File-Name': DOCTORS_REPORT.name },
      data: DOCTORS_REPORT.buffer,
    });
    expect(created.status()).toBe(201);
    const reportId = ((await created.json()) as { file: { fileId: string } }).file.fileId;

    await alice.open('/', 'Home');
    await alice.open('/records', 'Records and files');
    await settled(alice.page);
    await alice.page.getByRole('button', { name: `Versions and details of ${reportId}` }).click();
    const detail = alice.page.getByRole('region', { name: 'Selected file' });
    await settled(alice.page);
    const propose = async () => {
      const form = detail.getByRole('form', { name: /^Propose a correction of/ });
      await form.getByLabel('Corrected content').setInputFiles(CORRECTION);
      await form.getByLabel('Why the record is wrong').fill('It was my right wrist, not the left.');
      await form.getByRole('button', { name: 'Propose correction' }).click();
      await form.getByText(/^Amendment proposed/).waitFor();
      await settled(alice.page);
    };
    await propose();
    const amendments = detail.getByRole('table', { name: /^Amendments of/ });
    await amendments.getByText('pending').waitFor();
    await screenshot(alice.page, 'story-records-02-amendment-pending');
    await amendments.getByRole('button', { name: 'Withdraw' }).click();
    await detail.getByText('The amendment is withdrawn.').waitFor();
    await amendments.getByText('withdrawn').waitFor();

    await propose();
    const listed = await restAs(dana, 'GET', `/files/${reportId}/amendments`);
    const pending = (listed.body as { items: { id: string; status: string; contentSha256?: string }[] }).items.find((item) => item.status === 'pending');
    expect(pending).toBeDefined();
    expect((await restAs(dana, 'POST', `/amendments/${pending?.id ?? ''}/approval`, { contentSha256: pending?.contentSha256 })).status).toBe(201);

    await alice.open('/', 'Home');
    await alice.open('/records', 'Records and files');
    await settled(alice.page);
    await alice.page.getByRole('button', { name: `Versions and details of ${reportId}` }).click();
    await settled(alice.page);
    await amendments.getByText('approved').waitFor();
    await detail.getByRole('table', { name: /^Versions of/ }).getByText(/^Approved amendment/).waitFor();
    await screenshot(alice.page, 'story-records-03-amendment-approved');
  });

  it('when Alice opens her records on a phone, then nothing scrolls sideways', async () => {
    const phone = await signIn(browser, gateway.origin, DEMO.alice, PHONE);
    await phone.open('/records', 'Records and files');
    await settled(phone.page);
    await phone.page.getByRole('button', { name: /^Versions and details of file-/ }).first().click();
    await settled(phone.page);
    expect(await overflowsHorizontally(phone.page)).toBe(false);
    await screenshot(phone.page, 'story-records-04-phone');
    expect(phone.consoleErrors).toEqual([]);
    await phone.context.close();
  });
});
