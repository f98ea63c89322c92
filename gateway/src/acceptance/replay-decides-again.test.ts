import { z } from 'zod';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { type TestGateway } from '../test-support/test-gateway';
import { freshToken, steppedUpScopes } from '../test-support/step-up-credentials';
import { IDEMPOTENCY_HEADER } from '../api/idempotency';
import { honoursIdempotency } from '../api/operation';
import { RESOURCE_OPERATIONS } from '../wiring/rest-api';
import { as, hoursFromNow, useGatewayAndActors, useBusyGateway, type Actor, type Actors } from './test-support/actors';
import { uploadedFile } from './test-support/uploads';
import { bodyOf, codeOf, pageIn, resourceOf, type HasBody } from '../test-support/response-body';

/**
 * An Idempotency-Key never turns an authorization decision into a cached answer (issue 9, defect
 * 2): an access check is decided again on every call, and a creation's stored answer is replayed
 * only after the ledger, asked as the caller, still lets the caller read what was created.
 */
const TERMS = { actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT' };
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const unique = () => randomBytes(6).toString('hex');
/** An access check's answer. */
const checkOf = (response: HasBody) => bodyOf(response, z.object({ logEntryId: z.string(), basis: z.string().optional() }));

async function ok(gateway: TestGateway, actor: Actor, method: 'post' | 'delete', path: string, body?: object): Promise<Record<string, unknown>> {
  const pending = as(gateway, actor)[method](path);
  const response = await (body === undefined ? pending : pending.send(body));
  if (response.status >= 300) {
    throw new Error(`arranging ${method.toUpperCase()} ${path} failed: ${response.status} ${response.text}`);
  }
  return response.body as Record<string, unknown>;
}

describe('an access check with an Idempotency-Key is decided again every time', () => {
  const { gateway, actors } = useGatewayAndActors();

  it('when the same check is sent twice with one key, then both are decided and logged, and neither is a replay', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    await ok(gateway, patient, 'post', '/consents', { granteeId: doctor.principal.stakeholderId, ...TERMS, validUntil: hoursFromNow(24) });
    const check = () => as(gateway, doctor).post(`/patients/${patientId}/access-checks`).set(IDEMPOTENCY_HEADER, 'check-1').send({ action: 'view', category: 'lab' });

    const first = await check();
    const second = await check();

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(checkOf(second).logEntryId).not.toBe(checkOf(first).logEntryId);
    const log = await as(gateway, patient).get('/me/access-log');
    // newest first
    expect(pageIn(log).items.map((entry) => entry.id)).toEqual([checkOf(second).logEntryId, checkOf(first).logEntryId]);
  });

  it('when the grant is revoked and the check is repeated with the same key, then 403 CONSENT_REQUIRED and no "grant" basis comes back', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const patientId = patient.principal.stakeholderId;
    const grant = await ok(gateway, patient, 'post', '/consents', { granteeId: doctor.principal.stakeholderId, ...TERMS, validUntil: hoursFromNow(24) });
    const check = () => as(gateway, doctor).post(`/patients/${patientId}/access-checks`).set(IDEMPOTENCY_HEADER, 'K').send({ action: 'view', category: 'lab' });
    const allowed = await check();
    await ok(gateway, patient, 'delete', `/consents/${String(grant.id)}`);

    const again = await check();

    expect([allowed.status, checkOf(allowed).basis]).toEqual([200, 'grant']);
    expect([again.status, codeOf(again), again.headers['idempotent-replayed']]).toEqual([403, 'CONSENT_REQUIRED', undefined]);
    expect(again.text).not.toContain('"basis"');
    // a refused check writes nothing itself (the transaction fails); its refusal is recorded apart, without a basis, newest first
    const log = await as(gateway, patient).get('/me/access-log');
    expect(pageIn(log).items.map((entry) => [entry.outcome, entry.basis])).toEqual([
      ['refused', undefined],
      ['allowed', 'grant'],
    ]);
    expect(pageIn(log).items[1]?.id).toBe(checkOf(allowed).logEntryId);
  });
});

/** What every creation needs around it: verified professionals, organisations and a published insurance package. */
interface World {
  gateway: TestGateway;
  actors: Actors;
  admin: Actor;
  patient: Actor;
  doctor: Actor;
  hospital: Actor;
  pharmacy: Actor;
  insurer: Actor;
  delegate: Actor;
  insurancePackage: { packageId: string; termsSha256: string };
}

/** A creation to replay: who makes it (a principal of its own, since the test suspends it), where, with what. */
interface Creation {
  creator: Actor;
  path: string;
  body: object;
}

const PRICE = 12_000;
const idOf = (made: Record<string, unknown>) => String(made.id);
const packageTerms = () => ({
  termsSha256: sha(`terms ${unique()}`),
  priceMinor: PRICE,
  currency: 'EUR',
  coverage: { categories: ['prescription', 'lab'], annualLimitMinor: 1_000_000 },
  eligibilitySummary: 'Everyone',
});
const prescriptionBody = (patientId: string) => ({ patientId, totalQuantity: 30, refills: 1, validUntil: hoursFromNow(24 * 30), items: [{ medicine: 'Metformin 500 mg', dose: '1 tablet' }] });
const grantOf = (w: World, patient: Actor, grantee: Actor, actions: string[], categories: string[]) =>
  ok(w.gateway, patient, 'post', '/consents', { granteeId: grantee.principal.stakeholderId, actions, scope: { categories }, purpose: 'TREAT', validUntil: hoursFromNow(24 * 7) });

const labFileOf = (w: World, patient: Actor): Promise<string> =>
  uploadedFile(w.gateway, patient, { patientId: patient.principal.stakeholderId, category: 'lab', fileName: 'ferritin.txt', mediaType: 'text/plain', content: `ferritin 12 ${unique()}` });

async function policyOf(w: World, patient: Actor): Promise<string> {
  const { packageId, termsSha256 } = w.insurancePackage;
  const application = await ok(w.gateway, patient, 'post', '/insurance/applications', { packageId, version: 1, acceptedTermsSha256: termsSha256, responseDeadline: hoursFromNow(48) });
  const answered = await ok(w.gateway, w.insurer, 'post', `/insurance/applications/${idOf(application)}/response`, { termsSha256, priceMinor: PRICE });
  return (answered.policy as { id: string }).id;
}

const CREATIONS: Record<string, (w: World) => Promise<Creation>> = {
  grantConsent: async (w) => ({
    creator: await w.actors.person('patient'),
    path: '/consents',
    body: { granteeId: w.doctor.principal.stakeholderId, ...TERMS, validUntil: hoursFromNow(24) },
  }),
  requestAccess: async (w) => ({
    creator: await w.actors.person('doctor'),
    path: '/access-requests',
    body: { patientId: w.patient.principal.stakeholderId, ...TERMS, validUntil: hoursFromNow(48) },
  }),
  approveAccessRequest: async (w) => {
    const creator = await w.actors.person('patient');
    const asked = await ok(w.gateway, w.doctor, 'post', '/access-requests', { patientId: creator.principal.stakeholderId, ...TERMS, validUntil: hoursFromNow(48) });
    return { creator, path: `/access-requests/${idOf(asked)}/approval`, body: {} };
  },
  grantDelegation: async (w) => ({
    creator: await w.actors.person('patient'),
    path: '/delegations',
    body: { delegateId: w.delegate.principal.stakeholderId, validUntil: hoursFromNow(24) },
  }),
  breakGlass: async (w) => ({
    creator: await w.actors.person('doctor'),
    path: `/patients/${w.patient.principal.stakeholderId}/break-glass`,
    body: { reason: 'unconscious on arrival' },
  }),
  issuePrescription: async (w) => {
    const creator = await w.actors.person('doctor');
    const patient = await w.actors.person('patient');
    await grantOf(w, patient, creator, ['view', 'edit'], ['prescription']);
    return { creator, path: '/prescriptions', body: prescriptionBody(patient.principal.stakeholderId) };
  },
  placeOrder: async (w) => {
    const creator = await w.actors.person('patient');
    await grantOf(w, creator, w.doctor, ['view', 'edit'], ['prescription']);
    await grantOf(w, creator, w.pharmacy, ['view'], ['prescription']);
    const prescription = await ok(w.gateway, w.doctor, 'post', '/prescriptions', prescriptionBody(creator.principal.stakeholderId));
    return { creator, path: '/orders', body: { prescriptionId: idOf(prescription), pharmacyId: w.pharmacy.principal.stakeholderId, quantity: 1, paymentMethod: 'online' } };
  },
  publishInsurancePackage: async (w) => ({
    creator: await w.actors.organisation('insurer'),
    path: '/insurance/packages',
    body: { packageId: `pkg-replay-${unique()}`, ...packageTerms() },
  }),
  publishInsurancePackageVersion: async (w) => {
    const creator = await w.actors.organisation('insurer');
    const packageId = `pkg-replay-${unique()}`;
    await ok(w.gateway, creator, 'post', '/insurance/packages', { packageId, ...packageTerms() });
    return { creator, path: `/insurance/packages/${packageId}/versions`, body: packageTerms() };
  },
  applyForInsurance: async (w) => ({
    creator: await w.actors.person('patient'),
    path: '/insurance/applications',
    body: { packageId: w.insurancePackage.packageId, version: 1, acceptedTermsSha256: w.insurancePackage.termsSha256, responseDeadline: hoursFromNow(48) },
  }),
  submitInsuranceClaim: async (w) => {
    const creator = await w.actors.person('patient');
    const policyId = await policyOf(w, creator);
    return { creator, path: '/insurance/claims', body: { policyId, invoiceSha256: sha(`invoice ${unique()}`), amountMinor: 1_000, details: 'HbA1c check' } };
  },
  bookAppointment: async (w) => ({
    creator: await w.actors.person('patient'),
    path: '/appointments',
    body: { providerId: w.doctor.principal.stakeholderId, startsAt: hoursFromNow(24), endsAt: hoursFromNow(24.5), reason: 'check-up' },
  }),
  referToHospitalService: async (w) => {
    const creator = await w.actors.person('doctor');
    const patient = await w.actors.person('patient');
    await grantOf(w, patient, creator, ['edit'], ['billing']);
    return { creator, path: '/referrals', body: { patientId: patient.principal.stakeholderId, hospitalId: w.hospital.principal.stakeholderId, details: 'knee pain' } };
  },
  requestHospitalServiceEstimate: async (w) => ({
    creator: await w.actors.person('patient'),
    path: '/hospital-services',
    body: { hospitalId: w.hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' },
  }),
  approveFileAmendment: async (w) => {
    const creator = await w.actors.person('doctor');
    const patient = await w.actors.person('patient');
    const fileId = await labFileOf(w, patient);
    await grantOf(w, patient, creator, ['view', 'edit'], ['lab']);
    // The correction is uploaded (POST /files/{fileId}/amendments is a streamed upload, like a version).
    const corrected = `ferritin 12 µg/l ${unique()}`;
    const proposed = await request(w.gateway.app)
      .post(`/files/${fileId}/amendments`)
      .set(...patient.header)
      .set('Content-Type', 'text/plain')
      .set('X-Amendment-Reason', 'wrong%20unit')
      .send(corrected);
    if (proposed.status !== 201) {
      throw new Error(`arranging an amendment failed: ${proposed.status} ${proposed.text}`);
    }
    return { creator, path: `/amendments/${idOf(proposed.body as Record<string, unknown>)}/approval`, body: { contentSha256: sha(corrected) } };
  },
};

/** A fresh credential of the actor's principal that the test can revoke through the REST API. */
async function credentialOf(w: World, actor: Actor): Promise<{ actor: Actor; revoke(): Promise<unknown> }> {
  if (actor.principal.kind === 'organisation') {
    const { apiKey, summary } = await w.gateway.services.apiKeys.issue(actor.principal, ['read', 'write'], 30);
    return { actor: { principal: actor.principal, header: ['X-API-Key', apiKey] }, revoke: () => ok(w.gateway, w.admin, 'delete', `/admin/api-keys/${summary.keyId}`) };
  }
  // One revocable token, stepped up like the actor's own (a patient's grant, delegation, approval need it).
  const { token, summary } = await freshToken(w.gateway, actor.principal, steppedUpScopes(actor.principal, ['read', 'write']));
  const credential: Actor = { principal: actor.principal, header: ['Authorization', `Bearer ${token}`] };
  return { actor: credential, revoke: () => ok(w.gateway, credential, 'delete', `/me/tokens/${summary.id}`) };
}

const creationOperations = RESOURCE_OPERATIONS.filter((operation) => honoursIdempotency(operation));

describe('a creation replayed with its Idempotency-Key is decided again on the ledger first', () => {
  const { gateway, actors } = useBusyGateway();
  const world = { gateway, actors } as World;

  beforeAll(async () => {
    world.admin = await actors.admin();
    world.patient = await actors.person('patient');
    world.doctor = await actors.person('doctor');
    world.hospital = await actors.person('hospital');
    world.pharmacy = await actors.organisation('pharmacy');
    world.insurer = await actors.organisation('insurer');
    world.delegate = await actors.person('patient');
    world.insurancePackage = { packageId: `pkg-replay-${unique()}`, ...packageTerms() };
    await ok(world.gateway, world.insurer, 'post', '/insurance/packages', world.insurancePackage);
  });


  it('when the route table is read, then every creation that honours Idempotency-Key has a case here', () => {
    expect(creationOperations.map((operation) => operation.operationId).filter((operationId) => CREATIONS[operationId] === undefined)).toEqual([]);
    // 14: a proposed amendment is an upload now (POST /files/{fileId}/amendments), which, like POST /files, takes no Idempotency-Key.
    expect(creationOperations.length).toBeGreaterThanOrEqual(14);
  });

  it.each(creationOperations.map((operation) => [operation.operationId, operation] as const))(
    'when %s is replayed, then it replays while the caller may read the result, 401 once the credential is revoked, and the ledger’s refusal once the caller is suspended',
    async (operationId, operation) => {
      const arrange = CREATIONS[operationId];
      if (arrange === undefined) {
        throw new Error(`no replay case for ${operationId}`);
      }
      const { creator, path, body } = await arrange(world);
      const [first, second] = [await credentialOf(world, creator), await credentialOf(world, creator)];
      const send = (actor: Actor) => as(world.gateway, actor).post(path).set(IDEMPOTENCY_HEADER, `replay-${operationId}`).send(body);
      const answer = (response: request.Response) => ({ status: response.status, code: codeOf(response), replayed: response.headers['idempotent-replayed'] });

      const created = await send(first.actor);
      const replayed = await send(first.actor);
      await first.revoke();
      const revoked = await send(first.actor);
      await ok(world.gateway, world.admin, 'post', `/stakeholders/${creator.principal.stakeholderId}/suspension`, {});
      const suspended = await send(second.actor);

      expect(operation.response.status).toBe(201);
      expect([answer(created), answer(replayed)]).toEqual([
        { status: 201, code: undefined, replayed: undefined },
        { status: 201, code: undefined, replayed: 'true' },
      ]);
      expect(replayed.body).toEqual(created.body);
      expect(answer(revoked)).toEqual({ status: 401, code: 'UNAUTHENTICATED', replayed: undefined });
      expect(answer(suspended)).toEqual({ status: 403, code: 'SUSPENDED', replayed: undefined });
    },
  );

  it('when a delegate’s creation is replayed after the patient ended the delegation, then the ledger’s refusal is the answer, not the stored grant', async () => {
    const patient = await world.actors.person('patient');
    const delegate = await world.actors.person('patient');
    const delegation = await ok(world.gateway, patient, 'post', '/delegations', { delegateId: delegate.principal.stakeholderId, validUntil: hoursFromNow(24) });
    const body = { patientId: patient.principal.stakeholderId, granteeId: world.doctor.principal.stakeholderId, ...TERMS, validUntil: hoursFromNow(24) };
    const grantFor = () => as(world.gateway, delegate).post('/consents').set(IDEMPOTENCY_HEADER, 'for-patient').send(body);
    const created = await grantFor();
    const replayed = await grantFor();
    await ok(world.gateway, patient, 'delete', `/delegations/${idOf(delegation)}`);

    const afterRevocation = await grantFor();

    expect([created.status, replayed.status, replayed.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect([afterRevocation.status, afterRevocation.headers['idempotent-replayed']]).toEqual([403, undefined]);
    expect(afterRevocation.text).not.toContain(resourceOf(created).id);
  });
});
