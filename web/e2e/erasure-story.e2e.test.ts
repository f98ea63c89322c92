import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { confirmIdentity, DEMO, launchBrowser, screenshot, settled, signIn, type Person } from './support/browser';
import { startPortalGateway, type PortalGateway } from './support/portal-gateway';
import { restAs, stakeholderIdOf, verifyAllProfessionals } from './support/rest';

const LAB_RESULT = { name: 'blood-count-2026.txt', mimeType: 'text/plain', buffer: Buffer.from('Haemoglobin 14.1 g/dL\n'.repeat(2000)) };
const SCAN = { name: 'knee-scan.txt', mimeType: 'text/plain', buffer: Buffer.from('knee, left, no fracture\n') };

/**
 * A patient's erasure, end to end in the browser: Alice uploads files in the portal, Dana (with
 * consent) reads one, Alice erases through the deliberate confirmation and downloads the receipt;
 * afterwards Dana's read is refused as erased (410) and Alice's records page shows the files as
 * erased.
 */
describe('story: a patient erases her data and keeps the receipt', () => {
  let gateway: PortalGateway;
  let browser: Browser;
  let alice: Person;
  let dana: Person;
  let aliceId: string;
  let labFileId: string;
  let aliceSignedInAt: number;

  beforeAll(async () => {
    // A session counts as fresh for one minute, so the erasure below meets the step-up for real.
    gateway = await startPortalGateway({ MEDLEDGER_STEP_UP_MINUTES: '1' });
    browser = await launchBrowser();
    await verifyAllProfessionals(browser, gateway.origin);
    alice = await signIn(browser, gateway.origin, DEMO.alice);
    aliceSignedInAt = Date.now();
    dana = await signIn(browser, gateway.origin, DEMO.dana);
    aliceId = await stakeholderIdOf(alice);
  });

  afterAll(async () => {
    await alice.context.close();
    await dana.context.close();
    await browser.close();
    await gateway.close();
  });

  it('when Alice uploads two files on her records page, then each shows its progress and success, and both are listed', async () => {
    await alice.open('/records', 'Records and files');
    const upload = alice.page.getByRole('form', { name: 'Upload a file' });
    for (const [file, category] of [
      [LAB_RESULT, 'Lab result'],
      [SCAN, 'Imaging'],
    ] as const) {
      await upload.getByLabel('File', { exact: true }).setInputFiles(file);
      await upload.getByLabel('Category').selectOption({ label: category });
      await upload.getByRole('button', { name: 'Upload' }).click();
      await upload.getByText(`Uploaded ${file.name}`).waitFor();
      await expect(upload.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('value')).resolves.toBe('100');
    }
    const files = alice.page.getByRole('table', { name: 'Your files' });
    await files.getByText(LAB_RESULT.name).waitFor();
    await files.getByText(SCAN.name).waitFor();
    await screenshot(alice.page, 'story-erasure-01-files-uploaded');
    const listed = await restAs(alice, 'GET', `/patients/${aliceId}/files`);
    const items = (listed.body as { items: { file: { fileId: string; category: string; status: string } }[] }).items;
    expect(items.map((view) => [view.file.category, view.file.status])).toEqual([
      ['lab', 'active'],
      ['imaging', 'active'],
    ]);
    labFileId = items[0]?.file.fileId ?? '';
  });

  it('when Dana has consent to lab results, then she reads the lab file and the read is in Alice’s access log', async () => {
    const danaId = await stakeholderIdOf(dana);
    const validUntil = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const granted = await restAs(alice, 'POST', '/consents', { granteeId: danaId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil });
    expect(granted.status).toBe(201);

    await dana.open(`/patient-records?patient=${aliceId}`, 'Patient records');
    await settled(dana.page);
    const download = dana.page.waitForEvent('download');
    await dana.page.getByRole('button', { name: `Read ${labFileId}` }).click();
    const file = await download;
    expect(readFileSync(await file.path()).equals(LAB_RESULT.buffer)).toBe(true);
    await dana.page.getByText(`Downloaded ${LAB_RESULT.name}`).waitFor();
    await screenshot(dana.page, 'story-erasure-02-doctor-reads');
    const log = await restAs(alice, 'GET', `/me/access-log?accessor=${danaId}&outcome=allowed&limit=100`);
    const entries = (log.body as { items: { resourceType: string; resourceId: string; recordId?: string; purpose?: string }[] }).items;
    expect(entries.filter((entry) => entry.recordId === labFileId || entry.resourceId === labFileId).map((entry) => entry.purpose)).toContain('TREAT');

    await alice.open('/records', 'Records and files');
    await settled(alice.page);
    const own = alice.page.waitForEvent('download');
    await alice.page.getByRole('button', { name: `Download ${labFileId}` }).click();
    expect((await own).suggestedFilename()).toBe(LAB_RESULT.name);
    await alice.page.getByText(`Downloaded ${LAB_RESULT.name}`).waitFor();
  });

  it('when Alice opens "Erase my data", then it says what is erased and what stays, and the button stays disabled until she types the phrase and ticks the box', async () => {
    await alice.open('/erasure', 'Erase my data');
    await settled(alice.page);
    await alice.page.getByRole('heading', { name: 'What is erased' }).waitFor();
    await alice.page.getByRole('heading', { name: 'What stays on the ledger' }).waitFor();
    await alice.page.getByText(/The access log/).first().waitFor();
    const erase = alice.page.getByRole('button', { name: 'Erase my data permanently' });
    expect(await erase.isDisabled()).toBe(true);
    await alice.page.getByLabel(/Type “erase my data” to confirm/).fill('erase my dat');
    await alice.page.getByLabel('I understand this cannot be undone').check();
    expect(await erase.isDisabled()).toBe(true);
    await alice.page.getByLabel(/Type “erase my data” to confirm/).fill('erase my data');
    await alice.page.getByLabel('I understand this cannot be undone').uncheck();
    expect(await erase.isDisabled()).toBe(true);
    await alice.page.getByLabel('I understand this cannot be undone').check();
    expect(await erase.isDisabled()).toBe(false);
    await screenshot(alice.page, 'story-erasure-03-confirmation');
  });

  it('when Alice confirms a minute after signing in, then she is asked to sign in again, and after that and a second confirmation the erasure completes', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, aliceSignedInAt + 62_000 - Date.now())));
    await alice.page.getByRole('button', { name: 'Erase my data permanently' }).click();
    await alice.page.getByRole('alert').filter({ hasText: 'Sign in again to confirm it is you' }).waitFor();
    await screenshot(alice.page, 'story-erasure-04-step-up');
    expect((await restAs(alice, 'GET', `/patients/${aliceId}/files`)).body).toMatchObject({ items: [{ file: { status: 'active' } }, { file: { status: 'active' } }] });

    await confirmIdentity(alice, DEMO.alice);
    await alice.page.getByRole('heading', { level: 1, name: 'Erase my data' }).waitFor();
    await settled(alice.page);
    const erase = alice.page.getByRole('button', { name: 'Erase my data permanently' });
    expect(await erase.isDisabled()).toBe(true);
    await alice.page.getByLabel(/Type “erase my data” to confirm/).fill('erase my data');
    await alice.page.getByLabel('I understand this cannot be undone').check();
    await erase.click();
    await alice.page.getByText(/Erasure complete: 2 files erased/).waitFor({ timeout: 60_000 });
    await alice.page.getByRole('heading', { name: 'Your erasure receipt' }).waitFor();
    await screenshot(alice.page, 'story-erasure-05-erased');
  });

  it('when Alice downloads the receipt, then it lists what was purged and what stays on chain', async () => {

    const download = alice.page.waitForEvent('download');
    await alice.page.getByRole('button', { name: 'Download the erasure receipt' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`erasure-receipt-${aliceId}.json`);
    const receipt = JSON.parse(readFileSync(await file.path(), 'utf8')) as { receipt: { status: string; filesErased: number; purged: { objectType: string; ids: string[] }[] }; remainsOnChain: { what: string }[] };
    expect(receipt.receipt.status).toBe('complete');
    expect(receipt.receipt.filesErased).toBe(2);
    expect(receipt.remainsOnChain.map((item) => item.what).join(' ')).toMatch(/access log/);
    await alice.page.getByText(`Downloaded erasure-receipt-${aliceId}.json`).waitFor();
    await screenshot(alice.page, 'story-erasure-06-receipt');
  });

  it('when Dana reads the lab file again, then she is refused as erased (410) and sees the problem, and Alice’s records page shows both files as erased', async () => {
    await dana.open('/', 'My patients');
    await dana.open(`/patient-records?patient=${aliceId}`, 'Patient records');
    await settled(dana.page);
    const refused = dana.page.waitForResponse((response) => response.url().includes(`/files/${labFileId}/content`));
    await dana.page.getByRole('button', { name: `Read ${labFileId}` }).click();
    const answer = await refused;
    expect(answer.status()).toBe(410);
    expect(((await answer.json()) as { code: string }).code).toBe('FILE_KEY_UNAVAILABLE');
    const problem = dana.page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^Gone: .*erased/);
    await screenshot(dana.page, 'story-erasure-07-doctor-refused');

    await alice.open('/records', 'Records and files');
    await settled(alice.page);
    const files = alice.page.getByRole('table', { name: 'Your files' });
    expect(await files.getByText('Erased', { exact: true }).count()).toBe(2);
    expect(await files.getByRole('button', { name: /^Download/ }).count()).toBe(0);
    await screenshot(alice.page, 'story-erasure-08-records-erased');
  });
});
