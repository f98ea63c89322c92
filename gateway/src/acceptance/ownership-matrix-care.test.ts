import { createHash } from 'node:crypto';
import { DAY } from '../test-support/manual-clock';
import { createTestGateway, type TestGateway } from '../test-support/test-gateway';
import type { Scope } from '../identity/scopes';
import { MATRIX_GROUPS, authenticatedIds } from './test-support/matrix-groups';
import { MatrixTally, expectForeignCursorsRefused, expectRefused, expectRightfulSucceeds, listOperationIds } from './test-support/matrix-runner';
import { Actors, as, hoursFromNow, type Actor } from './test-support/actors';

/**
 * The ownership matrix of the care resources (prescriptions, medicine orders, insurance): for every
 * operation, principals WITHOUT a right to the object try it and must get 401/403/404, never 2xx;
 * then the rightful caller succeeds (its response is checked against the operation's schema, as
 * every response is in development mode). Same method as ownership-matrix.test.ts.
 */
type Who =
  | 'patient'
  | 'patientReadOnlyToken'
  | 'otherPatient'
  | 'doctor'
  | 'doctorReadOnlyToken'
  | 'doctorWithoutConsent'
  | 'granteeOutsideScope'
  | 'granteeOutsidePeriod'
  | 'hospitalWithoutConsent'
  | 'pharmacy'
  | 'pharmacyReadOnlyKey'
  | 'pharmacyWriteOnlyKey'
  | 'otherPharmacy'
  | 'insurer'
  | 'insurerReadOnlyKey'
  | 'insurerWriteOnlyKey'
  | 'otherInsurer'
  | 'expiredToken'
  | 'anonymous';

type Known = Exclude<Who, 'anonymous'>;

interface World {
  gateway: TestGateway;
  actors: Actors;
  people: Record<Known, Actor>;
  patientId: string;
  prescriptionId: string;
  packageId: string;
  termsSha256: string;
  policyId: string;
}

interface Attempt {
  path: string;
  body?: unknown;
}

interface Case {
  operationId: string;
  method: 'get' | 'post';
  /** Makes the objects the case needs; returns the request. */
  arrange(world: World): Promise<Attempt>;
  refused: Who[];
  owner: Known;
  ownerStatus: number;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const ITEMS = [{ medicine: 'Metformin 500 mg', dose: '1 tablet', frequency: 'twice a day' }];
const PRICE = 12_000;
let unique = 0;

async function ok(world: World, who: Known, method: 'get' | 'post', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const pending = as(world.gateway, world.people[who])[method](path);
  const response = await (body === undefined ? pending : pending.send(body as object));
  if (response.status >= 300) {
    throw new Error(`arranging ${method.toUpperCase()} ${path} as ${who} failed: ${response.status} ${response.text}`);
  }
  return response.body as Record<string, unknown>;
}

const idOf = async (made: Promise<Record<string, unknown>>) => String((await made).id);

const packageBody = () => {
  unique += 1;
  return {
    packageId: `pkg-care-${unique}-${Date.now()}`,
    termsSha256: sha(`terms ${unique}`),
    priceMinor: PRICE,
    currency: 'EUR',
    coverage: { categories: ['prescription', 'lab'], annualLimitMinor: 1_000_000 },
    eligibilitySummary: 'Everyone',
  };
};
const prescriptionBody = (w: World) => ({ patientId: w.patientId, totalQuantity: 100, refills: 12, validUntil: hoursFromNow(24 * 30), items: ITEMS });
const orderBody = (w: World, prescriptionId = w.prescriptionId) => ({ prescriptionId, pharmacyId: w.people.pharmacy.principal.stakeholderId, quantity: 1, paymentMethod: 'online' });
const applicationBody = (w: World, deadline = hoursFromNow(48)) => ({ packageId: w.packageId, version: 1, acceptedTermsSha256: w.termsSha256, responseDeadline: deadline });
const claimBody = (w: World) => ({ policyId: w.policyId, invoiceSha256: sha(`invoice ${(unique += 1)}`), amountMinor: 1_000, details: 'HbA1c check and diabetic foot exam' });

const newPrescription = (w: World) => idOf(ok(w, 'doctor', 'post', '/prescriptions', prescriptionBody(w)));
const newOrder = (w: World) => idOf(ok(w, 'patient', 'post', '/orders', orderBody(w)));
const newApplication = (w: World) => idOf(ok(w, 'patient', 'post', '/insurance/applications', applicationBody(w)));
const newClaim = (w: World) => idOf(ok(w, 'patient', 'post', '/insurance/claims', claimBody(w)));
async function acceptedOrder(w: World): Promise<string> {
  const orderId = await newOrder(w);
  await ok(w, 'pharmacy', 'post', `/orders/${orderId}/acceptance`);
  return orderId;
}

const unauthenticated: Who[] = ['expiredToken', 'anonymous'];
/** Everyone who may not see a patient's data: no grant, a grant on something else, a grant not yet valid, another org. */
const strangers: Who[] = ['otherPatient', 'doctorWithoutConsent', 'granteeOutsideScope', 'granteeOutsidePeriod', ...unauthenticated];
const orderStrangers: Who[] = ['patient', 'otherPatient', 'doctor', 'otherPharmacy', 'pharmacyReadOnlyKey', 'insurer', ...unauthenticated];
const insurerSteps: Who[] = ['patient', 'otherPatient', 'doctor', 'pharmacy', 'otherInsurer', 'insurerReadOnlyKey', ...unauthenticated];
const insurerQueues: Who[] = ['patient', 'doctor', 'pharmacy', 'insurerWriteOnlyKey', ...unauthenticated];
const anyRegistered: Who[] = ['insurerWriteOnlyKey', 'pharmacyWriteOnlyKey', ...unauthenticated];

const CASES: Case[] = [
  // prescriptions
  {
    operationId: 'issuePrescription',
    method: 'post',
    arrange: async (w) => ({ path: '/prescriptions', body: prescriptionBody(w) }),
    refused: ['patient', 'doctorReadOnlyToken', 'pharmacy', 'insurer', ...strangers],
    owner: 'doctor',
    ownerStatus: 201,
  },
  {
    operationId: 'getPrescription',
    method: 'get',
    arrange: async (w) => ({ path: `/prescriptions/${w.prescriptionId}` }),
    refused: ['otherPharmacy', 'pharmacyWriteOnlyKey', 'insurer', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'cancelPrescription',
    method: 'post',
    arrange: async (w) => ({ path: `/prescriptions/${await newPrescription(w)}/cancellation`, body: {} }),
    refused: ['patient', 'doctorReadOnlyToken', 'pharmacy', 'insurer', ...strangers],
    owner: 'doctor',
    ownerStatus: 200,
  },
  {
    operationId: 'readPrescription',
    method: 'post',
    arrange: async (w) => ({ path: `/prescriptions/${w.prescriptionId}/reads` }),
    refused: ['otherPharmacy', 'pharmacyWriteOnlyKey', 'insurer', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'listPatientPrescriptions',
    method: 'get',
    arrange: async (w) => ({ path: `/patients/${w.patientId}/prescriptions?status=active` }),
    refused: ['otherPharmacy', 'pharmacyWriteOnlyKey', 'insurer', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  // medicine orders
  {
    operationId: 'placeOrder',
    method: 'post',
    arrange: async (w) => ({ path: '/orders', body: orderBody(w) }),
    refused: ['patientReadOnlyToken', 'otherPatient', 'doctor', 'pharmacy', 'insurer', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 201,
  },
  {
    operationId: 'getOrder',
    method: 'get',
    arrange: async (w) => ({ path: `/orders/${await newOrder(w)}` }),
    refused: ['otherPharmacy', 'pharmacyWriteOnlyKey', 'insurer', ...strangers],
    owner: 'pharmacy',
    ownerStatus: 200,
  },
  { operationId: 'acceptOrder', method: 'post', arrange: async (w) => ({ path: `/orders/${await newOrder(w)}/acceptance` }), refused: orderStrangers, owner: 'pharmacy', ownerStatus: 200 },
  { operationId: 'rejectOrder', method: 'post', arrange: async (w) => ({ path: `/orders/${await newOrder(w)}/rejection` }), refused: orderStrangers, owner: 'pharmacy', ownerStatus: 200 },
  { operationId: 'dispenseOrder', method: 'post', arrange: async (w) => ({ path: `/orders/${await acceptedOrder(w)}/dispensing` }), refused: orderStrangers, owner: 'pharmacy', ownerStatus: 200 },
  {
    operationId: 'confirmOrderReceipt',
    method: 'post',
    arrange: async (w) => {
      const orderId = await acceptedOrder(w);
      await ok(w, 'pharmacy', 'post', `/orders/${orderId}/dispensing`);
      return { path: `/orders/${orderId}/receipt` };
    },
    refused: ['patientReadOnlyToken', 'otherPatient', 'doctor', 'pharmacy', 'otherPharmacy', 'insurer', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'cancelOrder',
    method: 'post',
    arrange: async (w) => ({ path: `/orders/${await acceptedOrder(w)}/cancellation` }),
    refused: ['patientReadOnlyToken', 'otherPatient', 'doctor', 'pharmacy', 'otherPharmacy', 'insurer', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'readOrderPrescription',
    method: 'post',
    arrange: async (w) => ({ path: `/orders/${await newOrder(w)}/prescription-reads` }),
    refused: ['patient', 'otherPatient', 'doctor', 'otherPharmacy', 'pharmacyWriteOnlyKey', 'insurer', ...unauthenticated],
    owner: 'pharmacy',
    ownerStatus: 200,
  },
  {
    operationId: 'listPatientOrders',
    method: 'get',
    arrange: async (w) => ({ path: `/patients/${w.patientId}/orders` }),
    refused: ['otherPharmacy', 'pharmacyWriteOnlyKey', 'insurer', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listMyOrders', method: 'get', arrange: async () => ({ path: '/me/orders?status=placed' }), refused: ['patient', 'doctor', 'insurer', 'pharmacyWriteOnlyKey', ...unauthenticated], owner: 'pharmacy', ownerStatus: 200 },
  // insurance packages
  {
    operationId: 'publishInsurancePackage',
    method: 'post',
    arrange: async () => ({ path: '/insurance/packages', body: packageBody() }),
    refused: ['patient', 'doctor', 'pharmacy', 'insurerReadOnlyKey', ...unauthenticated],
    owner: 'insurer',
    ownerStatus: 201,
  },
  {
    operationId: 'publishInsurancePackageVersion',
    method: 'post',
    arrange: async (w) => {
      const { packageId, ...terms } = packageBody();
      await ok(w, 'insurer', 'post', '/insurance/packages', { packageId, ...terms });
      return { path: `/insurance/packages/${packageId}/versions`, body: { ...terms, priceMinor: PRICE + 1 } };
    },
    refused: ['patient', 'doctor', 'pharmacy', 'otherInsurer', 'insurerReadOnlyKey', ...unauthenticated],
    owner: 'insurer',
    ownerStatus: 201,
  },
  { operationId: 'listInsurancePackages', method: 'get', arrange: async () => ({ path: '/insurance/packages' }), refused: anyRegistered, owner: 'otherPatient', ownerStatus: 200 },
  { operationId: 'getInsurancePackage', method: 'get', arrange: async (w) => ({ path: `/insurance/packages/${w.packageId}` }), refused: anyRegistered, owner: 'otherPatient', ownerStatus: 200 },
  { operationId: 'listInsurancePackageVersions', method: 'get', arrange: async (w) => ({ path: `/insurance/packages/${w.packageId}/versions` }), refused: anyRegistered, owner: 'pharmacy', ownerStatus: 200 },
  { operationId: 'getInsurancePackageVersion', method: 'get', arrange: async (w) => ({ path: `/insurance/packages/${w.packageId}/versions/1` }), refused: anyRegistered, owner: 'otherInsurer', ownerStatus: 200 },
  // insurance applications
  {
    operationId: 'applyForInsurance',
    method: 'post',
    arrange: async (w) => ({ path: '/insurance/applications', body: applicationBody(w) }),
    refused: ['patientReadOnlyToken', 'doctor', 'pharmacy', 'insurer', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 201,
  },
  {
    operationId: 'getInsuranceApplication',
    method: 'get',
    arrange: async (w) => ({ path: `/insurance/applications/${await newApplication(w)}` }),
    refused: ['otherInsurer', 'insurerWriteOnlyKey', 'pharmacy', ...strangers],
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'respondToInsuranceApplication',
    method: 'post',
    arrange: async (w) => ({ path: `/insurance/applications/${await newApplication(w)}/response`, body: { termsSha256: w.termsSha256, priceMinor: PRICE } }),
    refused: insurerSteps,
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'declineInsuranceApplication',
    method: 'post',
    arrange: async (w) => ({ path: `/insurance/applications/${await newApplication(w)}/decline`, body: { recommendedPackageId: w.packageId } }),
    refused: insurerSteps,
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'withdrawInsuranceApplication',
    method: 'post',
    arrange: async (w) => {
      // withdrawal is allowed only once the deadline passed unanswered; the embedded ledger keeps wall-clock time
      const applicationId = await idOf(ok(w, 'patient', 'post', '/insurance/applications', applicationBody(w, new Date(Date.now() + 1_000).toISOString())));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      return { path: `/insurance/applications/${applicationId}/withdrawal` };
    },
    refused: ['patientReadOnlyToken', 'otherPatient', 'doctor', 'insurer', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'listPatientInsuranceApplications',
    method: 'get',
    arrange: async (w) => ({ path: `/patients/${w.patientId}/insurance/applications?status=pending` }),
    refused: ['insurer', 'pharmacy', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listMyInsuranceApplications', method: 'get', arrange: async () => ({ path: '/me/insurance/applications?status=pending' }), refused: insurerQueues, owner: 'insurer', ownerStatus: 200 },
  // policies
  {
    operationId: 'getInsurancePolicy',
    method: 'get',
    arrange: async (w) => ({ path: `/insurance/policies/${w.policyId}` }),
    refused: ['otherInsurer', 'insurerWriteOnlyKey', 'pharmacy', ...strangers],
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'listPatientInsurancePolicies',
    method: 'get',
    arrange: async (w) => ({ path: `/patients/${w.patientId}/insurance/policies` }),
    refused: ['insurer', 'pharmacy', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listMyInsurancePolicies', method: 'get', arrange: async () => ({ path: '/me/insurance/policies' }), refused: insurerQueues, owner: 'insurer', ownerStatus: 200 },
  // claims
  {
    operationId: 'submitInsuranceClaim',
    method: 'post',
    arrange: async (w) => ({ path: '/insurance/claims', body: claimBody(w) }),
    refused: ['patientReadOnlyToken', 'otherPatient', 'doctor', 'hospitalWithoutConsent', 'pharmacy', 'insurer', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 201,
  },
  {
    operationId: 'getInsuranceClaim',
    method: 'get',
    arrange: async (w) => ({ path: `/insurance/claims/${await newClaim(w)}` }),
    refused: ['otherInsurer', 'insurerWriteOnlyKey', 'pharmacy', 'hospitalWithoutConsent', ...strangers],
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'decideInsuranceClaim',
    method: 'post',
    arrange: async (w) => ({ path: `/insurance/claims/${await newClaim(w)}/decision`, body: { decision: 'approved', approvedAmountMinor: 1_000 } }),
    refused: insurerSteps,
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'payInsuranceClaim',
    method: 'post',
    arrange: async (w) => {
      const approved = await newClaim(w);
      await ok(w, 'insurer', 'post', `/insurance/claims/${approved}/decision`, { decision: 'approved', approvedAmountMinor: 1_000 });
      return { path: `/insurance/claims/${approved}/payment`, body: { paymentRef: `TRX-${approved}` } };
    },
    refused: insurerSteps,
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'readInsuranceClaim',
    method: 'post',
    arrange: async (w) => ({ path: `/insurance/claims/${await newClaim(w)}/reads` }),
    refused: ['otherInsurer', 'insurerWriteOnlyKey', 'pharmacy', 'hospitalWithoutConsent', ...strangers],
    owner: 'insurer',
    ownerStatus: 200,
  },
  {
    operationId: 'listPolicyClaims',
    method: 'get',
    arrange: async (w) => ({ path: `/insurance/policies/${w.policyId}/claims` }),
    refused: ['otherInsurer', 'insurerWriteOnlyKey', 'pharmacy', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listMyInsuranceClaims', method: 'get', arrange: async () => ({ path: '/me/insurance/claims?status=submitted' }), refused: insurerQueues, owner: 'insurer', ownerStatus: 200 },
];

describe('ownership matrix of prescriptions, orders and insurance: no principal without a right gets a 2xx', () => {
  const world = {} as World;
  const tally = new MatrixTally();

  const tokenOf = (actor: Actor, scopes: Scope[]): Actor => ({
    principal: actor.principal,
    header: ['Authorization', `Bearer ${world.gateway.services.tokens.create(actor.principal, { name: 'narrow', scopes, days: 30 }).token}`],
  });
  const grant = (granteeId: string, categories: string[], extra: Record<string, unknown> = {}) =>
    ok(world, 'patient', 'post', '/consents', { granteeId, actions: ['view'], scope: { categories }, purpose: 'CAREMGT', validUntil: hoursFromNow(24 * 7), ...extra });

  beforeAll(async () => {
    world.gateway = createTestGateway({ environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000' } });
    world.actors = new Actors(world.gateway);
    const { actors } = world;
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const pharmacy = await actors.organisation('pharmacy', ['read', 'write']);
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    world.people = {
      patient,
      patientReadOnlyToken: tokenOf(patient, ['read']),
      otherPatient: await actors.person('patient'),
      doctor,
      doctorReadOnlyToken: tokenOf(doctor, ['read']),
      doctorWithoutConsent: await actors.person('doctor'),
      granteeOutsideScope: await actors.person('doctor'),
      granteeOutsidePeriod: await actors.person('doctor'),
      hospitalWithoutConsent: await actors.organisation('hospital', ['read', 'write']),
      pharmacy,
      pharmacyReadOnlyKey: actors.keyFor(pharmacy.principal, ['read']),
      pharmacyWriteOnlyKey: actors.keyFor(pharmacy.principal, ['write']),
      otherPharmacy: await actors.organisation('pharmacy', ['read', 'write']),
      insurer,
      insurerReadOnlyKey: actors.keyFor(insurer.principal, ['read']),
      insurerWriteOnlyKey: actors.keyFor(insurer.principal, ['write']),
      otherInsurer: await actors.organisation('insurer', ['read', 'write']),
      expiredToken: actors.shortLivedToken(patient),
    };
    world.patientId = patient.principal.stakeholderId;
    const idOfPerson = (who: Known) => world.people[who].principal.stakeholderId;
    await ok(world, 'patient', 'post', '/consents', { granteeId: idOfPerson('doctor'), actions: ['view', 'edit'], scope: { categories: ['prescription'] }, purpose: 'TREAT', validUntil: hoursFromNow(24 * 7) });
    await grant(idOfPerson('pharmacy'), ['prescription']);
    await grant(idOfPerson('insurer'), ['billing']);
    await grant(idOfPerson('granteeOutsideScope'), ['lab']);
    await grant(idOfPerson('granteeOutsidePeriod'), ['prescription', 'insurance', 'billing'], { validFrom: hoursFromNow(48), validUntil: hoursFromNow(72) });
    world.prescriptionId = await newPrescription(world);
    const offer = packageBody();
    await ok(world, 'insurer', 'post', '/insurance/packages', offer);
    world.packageId = offer.packageId;
    world.termsSha256 = offer.termsSha256;
    const applicationId = await newApplication(world);
    const answered = await ok(world, 'insurer', 'post', `/insurance/applications/${applicationId}/response`, { termsSha256: offer.termsSha256, priceMinor: PRICE });
    world.policyId = String((answered.policy as { id: string }).id);
    world.gateway.clock.advance(2 * DAY); // the short-lived token has expired; 30-day credentials still work
  });

  afterAll(() => world.gateway.close());

  it.each(CASES.map((testCase) => [testCase.operationId, testCase] as const))('when principals without a right call %s, then each is refused and the rightful caller succeeds', async (_name, testCase) => {
    const attempt = await testCase.arrange(world);
    for (const who of testCase.refused) {
      const actor = who === 'anonymous' ? undefined : world.people[who];
      await expectRefused(world.gateway, tally, testCase.operationId, who, actor, { method: testCase.method, ...attempt });
    }

    await expectRightfulSucceeds(world.gateway, world.people[testCase.owner], { method: testCase.method, ...attempt }, testCase.ownerStatus);
    await expectForeignCursorsRefused(world.gateway, tally, testCase.operationId, world.people[testCase.owner], { method: testCase.method, ...attempt });
  });

  it('when the patient orders from a pharmacy it gave no consent on the prescription, then 403 CONSENT_REQUIRED and no order exists', async () => {
    const body = { ...orderBody(world), pharmacyId: world.people.otherPharmacy.principal.stakeholderId };

    const refused = await as(world.gateway, world.people.patient).post('/orders').send(body);
    const queue = await as(world.gateway, world.people.otherPharmacy).get('/me/orders');

    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CONSENT_REQUIRED');
    expect(queue.body.items).toEqual([]);
  });

  it('when the matrix has run, then it covered every care operation and counted 0 unauthorized successes', () => {
    const covered = new Set(CASES.map((testCase) => testCase.operationId));
    const care = authenticatedIds(MATRIX_GROUPS.care);

    expect(care.filter((operationId) => !covered.has(operationId))).toEqual([]);
    expect(listOperationIds(MATRIX_GROUPS.care).filter((operationId) => !tally.cursorsProbed.has(operationId))).toEqual([]);
    expect(tally.attempts).toBeGreaterThan(250);
    expect(tally.unauthorizedSuccesses).toEqual([]);
  });
});
