import { createHash } from 'node:crypto';
import { ledgerUnderTest, type TestGateway } from '../../test-support/test-gateway';
import { as, hoursFromNow, useGatewayAndActors, type Actor } from '../../acceptance/test-support/actors';
import { codeOf, resourceOf } from '../../test-support/response-body';
import { r4Errors } from '../../fhir/test-support/r4-validator';

const FHIR_JSON = 'application/fhir+json';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let packages = 0;

/** An insurer, a patient and the patient's active policy, made over REST. */
async function insured(gateway: TestGateway, insurer: Actor, patient: Actor): Promise<{ packageId: string; policyId: string }> {
  packages += 1;
  const packageId = `pkg-fhir-${String(packages)}-${String(Date.now())}`;
  const terms = sha(`terms ${packageId}`);
  const offer = { packageId, termsSha256: terms, priceMinor: 12_000, currency: 'EUR', coverage: { categories: ['consultation', 'imaging'], annualLimitMinor: 500_000, copayPercent: 10 }, eligibilitySummary: 'Residents aged 18-65' };
  expect((await as(gateway, insurer).post('/insurance/packages').send(offer)).status).toBe(201);
  const applied = await as(gateway, patient).post('/insurance/applications').send({ packageId, version: 1, acceptedTermsSha256: terms, responseDeadline: hoursFromNow(48) });
  const answered = await as(gateway, insurer).post(`/insurance/applications/${resourceOf(applied).id}/response`).send({ termsSha256: terms, priceMinor: 12_000 });
  return { packageId, policyId: (answered.body as { policy: { id: string } }).policy.id };
}

/** A claim as an EHR writes it. */
function claim(patient: Actor, policyId: string, extra: Record<string, unknown> = {}) {
  const patientId = patient.principal.stakeholderId;
  return {
    resourceType: 'Claim',
    status: 'active',
    use: 'claim',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    priority: { coding: [{ code: 'normal' }] },
    patient: { reference: `Patient/${patientId}` },
    provider: { reference: `Patient/${patientId}` },
    identifier: [{ system: 'urn:medledger:invoice-sha256', value: sha(`invoice ${String(Date.now())}`) }],
    insurance: [{ sequence: 1, focal: true, coverage: { reference: `Coverage/${policyId}` } }],
    supportingInfo: [{ sequence: 1, category: { text: 'details' }, valueString: 'MRI of the left knee; meniscus tear' }],
    total: { value: 800, currency: 'EUR' },
    ...extra,
  };
}

function submit(gateway: TestGateway, caller: Actor, body: object) {
  return as(gateway, caller).post('/fhir/Claim').set('Content-Type', FHIR_JSON).send(JSON.stringify(body));
}

function entries(response: { body: unknown }): { id: string; resourceType: string }[] {
  return ((response.body as { entry?: { resource: { id: string; resourceType: string } }[] }).entry ?? []).map((entry) => entry.resource);
}

describe('the FHIR insurance resources', () => {
  const { gateway, actors } = useGatewayAndActors({ ledger: ledgerUnderTest() });

  it('when a patient claims over FHIR, then the Claim, its Coverage, the InsurancePlan (read and vread) and, once decided, the ClaimResponse all read back and validate', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const { packageId, policyId } = await insured(gateway, insurer, patient);

    const submitted = await submit(gateway, patient, claim(patient, policyId));

    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ resourceType: 'Claim', total: { value: 800, currency: 'EUR' }, insurance: [{ coverage: { reference: `Coverage/${policyId}` } }] });
    expect(JSON.stringify(submitted.body)).not.toContain('meniscus');
    const claimId = String((submitted.body as { identifier: { value: string }[] }).identifier[0]?.value);
    const fhirClaimId = (submitted.body as { id: string }).id;
    expect(gateway.logs.text()).not.toContain('meniscus');
    expect((await as(gateway, insurer).post(`/insurance/claims/${claimId}/decision`).send({ decision: 'partially-approved', approvedAmountMinor: 60_000 })).status).toBe(200);

    const reads = [
      await as(gateway, insurer).get(`/fhir/Claim/${fhirClaimId}`),
      await as(gateway, patient).get(`/fhir/Coverage/${policyId}`),
      await as(gateway, patient).get(`/fhir/InsurancePlan/${packageId}`),
      await as(gateway, patient).get(`/fhir/InsurancePlan/${packageId}/_history/1`),
      await as(gateway, patient).get(`/fhir/ClaimResponse/${fhirClaimId}`),
      await as(gateway, insurer).get(`/fhir/Claim?coverage=Coverage/${policyId}`),
      await as(gateway, insurer).get('/fhir/ClaimResponse'),
      await as(gateway, patient).get(`/fhir/Coverage?patient=${patient.principal.stakeholderId}`),
      await as(gateway, insurer).get('/fhir/Coverage'),
      await as(gateway, patient).get('/fhir/InsurancePlan?_count=100'),
    ];

    for (const read of reads) {
      expect([read.status, r4Errors(read.body)]).toEqual([200, []]);
    }
    expect(reads[4]?.body).toMatchObject({ resourceType: 'ClaimResponse', request: { reference: `Claim/${fhirClaimId}` }, payment: { amount: { value: 600 } } });
    expect(reads[3]?.body).toMatchObject({ resourceType: 'InsurancePlan', meta: { versionId: '1' }, status: 'active' });
    expect(entries(reads[5] ?? { body: {} }).map((resource) => resource.id)).toEqual([fhirClaimId]);
    expect(entries(reads[7] ?? { body: {} }).map((resource) => resource.id)).toEqual([policyId]);
    expect(entries(await as(gateway, insurer).get(`/fhir/Claim?coverage=${policyId}&date=ge2020-01-01`)).map((resource) => resource.id)).toEqual([fhirClaimId]);
    expect(entries(await as(gateway, insurer).get(`/fhir/Claim?coverage=${policyId}&date=lt2020-01-01`))).toEqual([]);
    expect(entries(await as(gateway, insurer).get(`/fhir/ClaimResponse?coverage=${policyId}&date=ge2020`)).map((resource) => resource.id)).toEqual([fhirClaimId]);
  });

  it('when a claim’s total is not in the policy’s currency, names another patient, or names another provider, then 400 and nothing is submitted', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const other = await actors.person('patient');
    const { policyId } = await insured(gateway, insurer, patient);
    const otherId = other.principal.stakeholderId;

    for (const change of [{ total: { value: 800, currency: 'USD' } }, { patient: { reference: `Patient/${otherId}` } }, { provider: { reference: `Patient/${otherId}` } }]) {
      const refused = await submit(gateway, patient, claim(patient, policyId, change));
      expect([refused.status, codeOf(refused)]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(entries(await as(gateway, insurer).get(`/fhir/Claim?coverage=${policyId}`))).toEqual([]);
  });

  it.each([
    ['a preauthorization', { use: 'preauthorization' }],
    ['fractions of a cent', { total: { value: 8.005, currency: 'EUR' } }],
    ['no invoice hash', { identifier: [{ system: 'urn:other', value: 'x' }] }],
    ['two insurances', { insurance: [{ sequence: 1, focal: true, coverage: { reference: 'Coverage/pol-1' } }, { sequence: 2, focal: true, coverage: { reference: 'Coverage/pol-2' } }] }],
    ['an item list', { item: [{ sequence: 1 }] }],
  ])('when the Claim has %s, then 400 VALIDATION_FAILED as an OperationOutcome', async (_what, change) => {
    const patient = await actors.person('patient');

    const refused = await submit(gateway, patient, claim(patient, 'pol-00000001', change));

    expect([refused.status, codeOf(refused)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome' });
  });

  it('when a hospital without the patient’s billing grant claims over FHIR, then the refusal is the REST refusal', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const hospital = await actors.organisation('hospital', ['read', 'write']);
    const { policyId } = await insured(gateway, insurer, patient);
    const body = claim(patient, policyId, { provider: { reference: `Organization/${hospital.principal.stakeholderId}` } });

    const fhir = await submit(gateway, hospital, body);
    const rest = await as(gateway, hospital).post('/insurance/claims').send({ policyId, invoiceSha256: sha('rest invoice'), amountMinor: 80_000, details: 'x' });

    expect(rest.status).toBeGreaterThanOrEqual(400);
    expect([fhir.status, codeOf(fhir)]).toEqual([rest.status, codeOf(rest)]);
  });

  it('when a claim is not decided, then its ClaimResponse is 404 and the search has none', async () => {
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    const patient = await actors.person('patient');
    const { policyId } = await insured(gateway, insurer, patient);
    const submitted = await submit(gateway, patient, claim(patient, policyId));

    const read = await as(gateway, patient).get(`/fhir/ClaimResponse/${(submitted.body as { id: string }).id}`);

    expect([read.status, codeOf(read)]).toEqual([404, 'NOT_FOUND']);
    expect(entries(await as(gateway, patient).get(`/fhir/ClaimResponse?coverage=${policyId}`))).toEqual([]);
  });
});
