import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { as, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { anyOf, bodyOf, codeOf, including, matching, pageIn, pageWith, resourceBody, resourceOf, type HasBody } from '../../test-support/response-body';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let packages = 0;

/** A package body with a unique ID. */
function packageBody(terms = 'Basic cover terms v1') {
  packages += 1;
  return {
    packageId: `pkg-basic-${packages}-${Date.now()}`,
    termsSha256: sha(terms),
    priceMinor: 12_000,
    currency: 'EUR',
    coverage: { categories: ['consultation', 'imaging'], annualLimitMinor: 500_000, copayPercent: 10 },
    eligibilitySummary: 'Residents aged 18-65',
  };
}

/** An insurer's answer to an application: the application, and the policy when the terms matched. */
const answerOf = (response: HasBody) => bodyOf(response, z.object({ application: resourceBody, policy: resourceBody.optional() }));

/** Every package ID in the catalogue, following nextCursor: a long-lived Fabric network keeps earlier runs' packages. */
async function catalogue(gateway: TestGateway, reader: Actor): Promise<string[]> {
  const packageIds: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await as(gateway, reader).get(`/insurance/packages?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`);
    expect(page.status).toBe(200);
    const { items, nextCursor } = pageWith(page, z.object({ packageId: z.string() }));
    packageIds.push(...items.map((item) => item.packageId));
    cursor = nextCursor;
  } while (cursor !== null);
  return packageIds;
}

describe('the insurance story over REST', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when an insurer publishes, a patient applies with the terms hash and the insurer answers with the same hash and price, then a policy is issued; a claim with private details is decided partially-approved and paid', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const patientId = patient.principal.stakeholderId;
    const offer = packageBody();

    const published = await as(gateway, insurer).post('/insurance/packages').send(offer);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ packageId: offer.packageId, version: 1, latestVersion: 1, insurerId: insurer.principal.stakeholderId, coverage: { coveragePeriodDays: 365 } });
    expect(await catalogue(gateway, patient)).toContain(offer.packageId);

    const applied = await as(gateway, patient)
      .post('/insurance/applications')
      .send({ packageId: offer.packageId, version: 1, acceptedTermsSha256: offer.termsSha256, responseDeadline: hoursFromNow(48) });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ patientId, status: 'pending', lockedTermsSha256: offer.termsSha256, lockedPriceMinor: 12_000 });
    const applicationId = resourceOf(applied).id;
    expect(pageIn(await as(gateway, insurer).get('/me/insurance/applications?status=pending')).items).toEqual([expect.objectContaining({ id: applicationId })]);

    const answered = await as(gateway, insurer).post(`/insurance/applications/${applicationId}/response`).send({ termsSha256: offer.termsSha256, priceMinor: 12_000 });
    expect(answered.status).toBe(200);
    const { application, policy } = answerOf(answered);
    expect(application).toMatchObject({ status: 'approved', policyId: policy?.id });
    expect(policy).toMatchObject({ id: matching(/^pol-/), patientId, status: 'active', priceMinor: 12_000, termsSha256: offer.termsSha256 });
    const policyId = String(policy?.id);
    expect(pageIn(await as(gateway, patient).get(`/patients/${patientId}/insurance/policies`)).items).toEqual([expect.objectContaining({ id: policyId })]);

    const details = 'MRI of the left knee after a sports injury; meniscus tear';
    const claimed = await as(gateway, patient).post('/insurance/claims').send({ policyId, invoiceSha256: sha('invoice 2026-0042'), amountMinor: 80_000, details });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({ policyId, patientId, submittedBy: patientId, status: 'submitted', amountMinor: 80_000, currency: 'EUR' });
    expect(JSON.stringify(claimed.body)).not.toContain('meniscus');
    const claimId = resourceOf(claimed).id;

    // Submitting the claim let the insurer view exactly this claim (HPAYMT): the grant is in the result and in the patient's consents.
    const claimGrantId = String(resourceOf(claimed).workflowGrantId);
    const consentsWhileOpen = pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items;
    expect(consentsWhileOpen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: claimGrantId, granteeId: insurer.principal.stakeholderId, scope: { recordIds: [claimId] }, purpose: 'HPAYMT', effectiveStatus: 'active', workflow: { type: 'claim', id: claimId } }),
      ]),
    );
    const read = await as(gateway, insurer).post(`/insurance/claims/${claimId}/reads`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ claim: including({ id: claimId }), details });

    const decided = await as(gateway, insurer).post(`/insurance/claims/${claimId}/decision`).send({ decision: 'partially-approved', approvedAmountMinor: 60_000 });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'partially-approved', decision: 'partially-approved', approvedAmountMinor: 60_000 });
    const paid = await as(gateway, insurer).post(`/insurance/claims/${claimId}/payment`).send({ paymentRef: 'SEPA/2026/000123' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', paymentRef: 'SEPA/2026/000123', paidAt: anyOf(String) });
    const ended = pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items.find((grant) => grant.id === claimGrantId);
    expect(ended).toMatchObject({ status: 'ended', effectiveStatus: 'ended', workflow: { type: 'claim', id: claimId, outcome: 'paid' } });
    const afterPayment = await as(gateway, insurer).post(`/insurance/claims/${claimId}/reads`);
    expect(afterPayment.status).toBe(403);
    expect(codeOf(afterPayment)).toBe('CONSENT_REQUIRED');

    expect(pageIn(await as(gateway, patient).get(`/insurance/policies/${policyId}/claims?status=paid`)).items).toEqual([expect.objectContaining({ id: claimId })]);
    expect(pageIn(await as(gateway, insurer).get('/me/insurance/claims')).items).toEqual([expect.objectContaining({ id: claimId, status: 'paid' })]);
    expect(pageIn(await as(gateway, patient).get('/me/access-log')).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ accessorId: insurer.principal.stakeholderId, category: 'billing', resourceId: claimId })]),
    );
    expect(gateway.logs.text()).not.toContain('meniscus');
  });

  it('when the insurer answers with another price or another terms hash, then the application is recorded as rejected with what differed and no policy is issued', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const offer = packageBody();
    await as(gateway, insurer).post('/insurance/packages').send(offer);
    const apply = () =>
      as(gateway, patient).post('/insurance/applications').send({ packageId: offer.packageId, version: 1, acceptedTermsSha256: offer.termsSha256, responseDeadline: hoursFromNow(48) });
    const [first, second] = [await apply(), await apply()];

    const cheaper = await as(gateway, insurer).post(`/insurance/applications/${resourceOf(first).id}/response`).send({ termsSha256: offer.termsSha256, priceMinor: 15_000 });
    const otherTerms = await as(gateway, insurer).post(`/insurance/applications/${resourceOf(second).id}/response`).send({ termsSha256: sha('other terms'), priceMinor: 12_000 });

    expect(cheaper.status).toBe(200);
    expect(answerOf(cheaper).policy).toBeUndefined();
    expect(answerOf(cheaper).application).toMatchObject({ status: 'rejected', mismatches: ['price'], offeredPriceMinor: 15_000 });
    expect(answerOf(otherTerms).application).toMatchObject({ status: 'rejected', mismatches: ['terms'] });
    expect((await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/insurance/policies`)).body).toEqual({ items: [], nextCursor: null });
    expect(pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/insurance/applications?status=rejected`)).items).toHaveLength(2);
  });

  it('when a package gets a new version, then applying with the old terms hash is refused 409 and the versions are listed oldest first', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const offer = packageBody();
    await as(gateway, insurer).post('/insurance/packages').send(offer);
    const { packageId, ...terms } = offer;

    const v2 = await as(gateway, insurer)
      .post(`/insurance/packages/${packageId}/versions`)
      .send({ ...terms, termsSha256: sha('Basic cover terms v2'), priceMinor: 13_000 });
    const stale = await as(gateway, patient).post('/insurance/applications').send({ packageId, version: 2, acceptedTermsSha256: offer.termsSha256, responseDeadline: hoursFromNow(48) });
    const versions = await as(gateway, patient).get(`/insurance/packages/${packageId}/versions`);
    const first = await as(gateway, patient).get(`/insurance/packages/${packageId}/versions/1`);
    const latest = await as(gateway, patient).get(`/insurance/packages/${packageId}`);

    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, latestVersion: 2, priceMinor: 13_000 });
    expect(stale.status).toBe(409);
    expect(codeOf(stale)).toBe('HASH_MISMATCH');
    expect(pageWith(versions, z.object({ version: z.number() })).items.map((item) => item.version)).toEqual([1, 2]);
    expect(first.body).toMatchObject({ version: 1, latestVersion: 2, priceMinor: 12_000 });
    expect(latest.body).toMatchObject({ version: 2, latestVersion: 2 });
  });
});
