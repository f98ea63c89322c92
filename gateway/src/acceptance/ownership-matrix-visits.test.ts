import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Scope } from '../identity/scopes';
import { DAY, HOUR } from '../test-support/manual-clock';
import { type TestGateway } from '../test-support/test-gateway';
import type { Operation } from '../api/operation';
import { as, useGatewayAndActors, type Actor, type Actors } from './test-support/actors';
import { MATRIX_GROUPS } from './test-support/matrix-groups';
import { uploadedFile } from './test-support/uploads';
import { MatrixTally, expectMatrixComplete, expectOnlyTheRightful } from './test-support/matrix-runner';
import { createLedgerClockGateway } from './test-support/ledger-clock-gateway';

/**
 * Appointments, hospital services and medical-file records: for every operation, principals
 * WITHOUT a right to the object try it and must get 401/403/404, never 2xx; then the rightful
 * caller succeeds and its response matches the operation's schema.
 */
const OPERATIONS: readonly Operation[] = MATRIX_GROUPS.visits;

type Who =
  | 'patient'
  | 'provider'
  | 'hospital'
  | 'reviewer'
  | 'otherPatient'
  | 'doctorWithoutConsent'
  | 'otherHospital'
  /** The rightful caller's own principal, with a credential lacking the scope the operation needs. */
  | 'wrongScope'
  | 'expiredToken'
  | 'anonymous';

type Named = Exclude<Who, 'wrongScope' | 'anonymous'>;

interface World {
  gateway: TestGateway;
  actors: Actors;
  people: Record<Named, Actor>;
  patientId: string;
  fileId: string;
}

interface Attempt {
  path: string;
  body?: unknown;
}

interface Case {
  operationId: string;
  arrange(world: World): Attempt | Promise<Attempt>;
  refused: Who[];
  owner: Named;
  ownerStatus: number;
}

const unauthenticated: Who[] = ['expiredToken', 'anonymous'];
const strangers: Who[] = ['otherPatient', 'doctorWithoutConsent', 'otherHospital', 'wrongScope', ...unauthenticated];

const later = (world: World, hours: number): string => new Date(world.gateway.clock.now().getTime() + hours * HOUR).toISOString();

async function posted(world: World, who: Named, path: string, body: unknown = {}): Promise<{ id: string }> {
  const response = await as(world.gateway, world.people[who]).post(path).send(body as object);
  if (response.status >= 300) {
    throw new Error(`arranging POST ${path} failed: ${response.status} ${response.text}`);
  }
  return response.body as { id: string };
}

const slot = (world: World, fromHours: number) => ({ startsAt: later(world, fromHours), endsAt: later(world, fromHours + 0.5) });
const book = (world: World) => posted(world, 'patient', '/appointments', { providerId: world.people.provider.principal.stakeholderId, ...slot(world, 24), reason: 'follow-up' });
const proposedAppointment = async (world: World) => {
  const appointment = await book(world);
  await posted(world, 'provider', `/appointments/${appointment.id}/proposal`, slot(world, 30));
  return appointment;
};
const estimate = (world: World) => posted(world, 'patient', '/hospital-services', { hospitalId: world.people.hospital.principal.stakeholderId, serviceCode: 'LAB-CBC', details: 'blood count' });
/** A request moved through the given steps (each as its owing party). */
async function serviceAt(world: World, steps: number): Promise<{ id: string }> {
  const service = await estimate(world);
  const path = `/hospital-services/${service.id}`;
  const flow: [Named, string, unknown][] = [
    ['hospital', 'quote', { priceMinor: 1200, currency: 'EUR', validUntil: later(world, 24 * 7) }],
    ['patient', 'acceptance', {}],
    ['patient', 'payment', { method: 'online', reference: 'pay-0001' }],
    ['hospital', 'payment-confirmation', {}],
  ];
  for (const [who, step, body] of flow.slice(0, steps)) {
    await posted(world, who, `${path}/${step}`, body);
  }
  return service;
}
/** A request reported with the patient's lab file (its review pending). */
async function reported(world: World): Promise<{ id: string }> {
  const service = await serviceAt(world, 4);
  await posted(world, 'hospital', `/hospital-services/${service.id}/report`, { fileId: world.fileId });
  return service;
}
async function disputed(world: World): Promise<{ id: string }> {
  const service = await reported(world);
  await posted(world, 'patient', `/hospital-services/${service.id}/report-dispute`, { reason: 'wrong knee' });
  return service;
}
/** The provider refers the patient (it holds the patient's edit grant on billing). */
const referral = (world: World) =>
  posted(world, 'provider', '/referrals', { patientId: world.patientId, hospitalId: world.people.hospital.principal.stakeholderId, details: 'knee pain for two weeks' });
const priceItems = { items: [{ code: 'LAB-CBC', name: 'Complete blood count', price: 1500, currency: 'EUR' }] };
const corrected = Buffer.from('ferritin 12 µg/l', 'utf8');
const correctedSha256 = createHash('sha256').update(corrected).digest('hex');
/** The patient uploads a corrected version as a pending amendment (POST /files/{fileId}/amendments, a streamed upload). */
async function propose(world: World): Promise<{ id: string }> {
  const response = await request(world.gateway.app)
    .post(`/files/${world.fileId}/amendments`)
    .set(...world.people.patient.header)
    .set('Content-Type', 'text/plain')
    .set('X-Amendment-Reason', 'wrong%20unit')
    .send(corrected);
  if (response.status !== 201) {
    throw new Error(`arranging an amendment failed: ${response.status} ${response.text}`);
  }
  return response.body as { id: string };
}

const CASES: Case[] = [
  // appointments
  {
    operationId: 'bookAppointment',
    arrange: (w) => ({ path: '/appointments', body: { providerId: w.people.provider.principal.stakeholderId, ...slot(w, 24), reason: 'check-up' } }),
    refused: ['provider', 'doctorWithoutConsent', 'otherHospital', 'wrongScope', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 201,
  },
  { operationId: 'getAppointment', arrange: async (w) => ({ path: `/appointments/${(await book(w)).id}` }), refused: strangers, owner: 'patient', ownerStatus: 200 },
  { operationId: 'confirmAppointment', arrange: async (w) => ({ path: `/appointments/${(await book(w)).id}/confirmation`, body: {} }), refused: ['patient', ...strangers], owner: 'provider', ownerStatus: 200 },
  { operationId: 'declineAppointment', arrange: async (w) => ({ path: `/appointments/${(await book(w)).id}/decline`, body: {} }), refused: ['patient', ...strangers], owner: 'provider', ownerStatus: 200 },
  { operationId: 'proposeAppointmentTime', arrange: async (w) => ({ path: `/appointments/${(await book(w)).id}/proposal`, body: slot(w, 30) }), refused: ['patient', ...strangers], owner: 'provider', ownerStatus: 200 },
  {
    operationId: 'acceptAppointmentProposal',
    arrange: async (w) => ({ path: `/appointments/${(await proposedAppointment(w)).id}/proposal-acceptance`, body: {} }),
    refused: ['provider', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'rejectAppointmentProposal',
    arrange: async (w) => ({ path: `/appointments/${(await proposedAppointment(w)).id}/proposal-rejection`, body: {} }),
    refused: ['provider', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'cancelAppointment', arrange: async (w) => ({ path: `/appointments/${(await book(w)).id}/cancellation`, body: {} }), refused: strangers, owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'completeAppointment',
    arrange: async (w) => {
      const appointment = await book(w);
      await posted(w, 'provider', `/appointments/${appointment.id}/confirmation`);
      w.gateway.clock.advance(25 * HOUR);
      return { path: `/appointments/${appointment.id}/completion`, body: {} };
    },
    refused: ['patient', ...strangers],
    owner: 'provider',
    ownerStatus: 200,
  },
  {
    operationId: 'readAppointmentDetails',
    arrange: async (w) => ({ path: `/appointments/${(await book(w)).id}/detail-reads`, body: {} }),
    // The booked provider reads the reason under the grant booking created; everyone else is refused.
    refused: strangers,
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listPatientAppointments', arrange: (w) => ({ path: `/patients/${w.patientId}/appointments?status=requested` }), refused: ['provider', ...strangers], owner: 'patient', ownerStatus: 200 },
  { operationId: 'listMyAppointments', arrange: () => ({ path: '/me/appointments' }), refused: ['patient', 'otherPatient', 'wrongScope', ...unauthenticated], owner: 'provider', ownerStatus: 200 },
  // hospital services
  {
    operationId: 'requestHospitalServiceEstimate',
    arrange: (w) => ({ path: '/hospital-services', body: { hospitalId: w.people.hospital.principal.stakeholderId, serviceCode: 'IMG.MRI', details: 'knee' } }),
    refused: ['hospital', 'doctorWithoutConsent', 'otherHospital', 'wrongScope', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 201,
  },
  { operationId: 'getHospitalService', arrange: async (w) => ({ path: `/hospital-services/${(await estimate(w)).id}` }), refused: strangers, owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'quoteHospitalService',
    arrange: async (w) => ({ path: `/hospital-services/${(await serviceAt(w, 0)).id}/quote`, body: { priceMinor: 900, currency: 'EUR', validUntil: later(w, 48) } }),
    refused: ['patient', ...strangers],
    owner: 'hospital',
    ownerStatus: 200,
  },
  { operationId: 'acceptHospitalServiceQuote', arrange: async (w) => ({ path: `/hospital-services/${(await serviceAt(w, 1)).id}/acceptance`, body: {} }), refused: ['hospital', ...strangers], owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'payHospitalService',
    arrange: async (w) => ({ path: `/hospital-services/${(await serviceAt(w, 2)).id}/payment`, body: { method: 'cash', reference: 'receipt-42' } }),
    refused: ['hospital', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'confirmHospitalServicePayment',
    arrange: async (w) => ({ path: `/hospital-services/${(await serviceAt(w, 3)).id}/payment-confirmation`, body: {} }),
    refused: ['patient', ...strangers],
    owner: 'hospital',
    ownerStatus: 200,
  },
  {
    operationId: 'attachHospitalServiceReport',
    arrange: async (w) => ({ path: `/hospital-services/${(await serviceAt(w, 4)).id}/report`, body: { fileId: w.fileId } }),
    refused: ['patient', ...strangers],
    owner: 'hospital',
    ownerStatus: 200,
  },
  // While requested, the hospital owes the quote and may cancel; the patient may only after quoteBy (409, a party's refusal).
  { operationId: 'cancelHospitalService', arrange: async (w) => ({ path: `/hospital-services/${(await estimate(w)).id}/cancellation`, body: {} }), refused: strangers, owner: 'hospital', ownerStatus: 200 },
  {
    operationId: 'readHospitalServiceDetails',
    arrange: async (w) => ({ path: `/hospital-services/${(await estimate(w)).id}/detail-reads`, body: {} }),
    refused: ['hospital', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listPatientHospitalServices', arrange: (w) => ({ path: `/patients/${w.patientId}/hospital-services` }), refused: ['hospital', ...strangers], owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'listMyHospitalServices',
    arrange: () => ({ path: '/me/hospital-services?status=requested' }),
    refused: ['patient', 'otherPatient', 'doctorWithoutConsent', 'wrongScope', ...unauthenticated],
    owner: 'hospital',
    ownerStatus: 200,
  },
  // referrals
  {
    operationId: 'referToHospitalService',
    arrange: (w) => ({ path: '/referrals', body: { patientId: w.patientId, hospitalId: w.people.hospital.principal.stakeholderId, details: 'knee pain' } }),
    refused: ['patient', 'hospital', 'doctorWithoutConsent', 'otherHospital', 'otherPatient', 'wrongScope', ...unauthenticated],
    owner: 'provider',
    ownerStatus: 201,
  },
  // Before the patient accepts, the hospital is not a party: it is refused like a stranger.
  {
    operationId: 'acceptHospitalServiceReferral',
    arrange: async (w) => ({ path: `/hospital-services/${(await referral(w)).id}/referral-acceptance`, body: {} }),
    refused: ['provider', 'hospital', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  {
    operationId: 'declineHospitalServiceReferral',
    arrange: async (w) => ({ path: `/hospital-services/${(await referral(w)).id}/referral-decline`, body: {} }),
    refused: ['provider', 'hospital', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listMyReferrals', arrange: () => ({ path: '/me/referrals?status=referred' }), refused: ['patient', 'otherPatient', 'hospital', 'otherHospital', 'wrongScope', ...unauthenticated], owner: 'provider', ownerStatus: 200 },
  // report review
  { operationId: 'acceptHospitalServiceReport', arrange: async (w) => ({ path: `/hospital-services/${(await reported(w)).id}/report-acceptance`, body: {} }), refused: ['hospital', 'provider', ...strangers], owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'disputeHospitalServiceReport',
    arrange: async (w) => ({ path: `/hospital-services/${(await reported(w)).id}/report-dispute`, body: { reason: 'not my results' } }),
    refused: ['hospital', 'provider', ...strangers],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'readHospitalServiceDispute', arrange: async (w) => ({ path: `/hospital-services/${(await disputed(w)).id}/dispute-reads`, body: {} }), refused: ['provider', ...strangers], owner: 'hospital', ownerStatus: 200 },
  // price lists: public to the registered, written by the hospital itself only
  {
    operationId: 'setHospitalPriceList',
    arrange: (w) => ({ path: `/hospitals/${w.people.hospital.principal.stakeholderId}/price-list`, body: priceItems }),
    refused: ['patient', 'provider', 'otherHospital', 'otherPatient', 'doctorWithoutConsent', 'wrongScope', ...unauthenticated],
    owner: 'hospital',
    ownerStatus: 200,
  },
  { operationId: 'getHospitalPriceList', arrange: (w) => ({ path: `/hospitals/${w.people.hospital.principal.stakeholderId}/price-list` }), refused: ['wrongScope', ...unauthenticated], owner: 'patient', ownerStatus: 200 },
  // medical-file records
  { operationId: 'listPatientFiles', arrange: (w) => ({ path: `/patients/${w.patientId}/files` }), refused: ['hospital', 'provider', ...strangers], owner: 'patient', ownerStatus: 200 },
  // Relabelled N, as uploaded, so the reviewer's category grant still reaches the file in later cases.
  { operationId: 'setFileConfidentiality', arrange: (w) => ({ path: `/files/${w.fileId}/confidentiality`, body: { confidentiality: 'N' } }), refused: ['provider', 'reviewer', 'hospital', ...strangers], owner: 'patient', ownerStatus: 200 },
  { operationId: 'listFileAmendments', arrange: (w) => ({ path: `/files/${w.fileId}/amendments` }), refused: ['provider', ...strangers], owner: 'reviewer', ownerStatus: 200 },
  {
    operationId: 'approveFileAmendment',
    arrange: async (w) => ({ path: `/amendments/${(await propose(w)).id}/approval`, body: { contentSha256: correctedSha256 } }),
    refused: ['patient', 'provider', ...strangers],
    owner: 'reviewer',
    ownerStatus: 201,
  },
  { operationId: 'rejectFileAmendment', arrange: async (w) => ({ path: `/amendments/${(await propose(w)).id}/rejection`, body: {} }), refused: ['provider', ...strangers], owner: 'reviewer', ownerStatus: 200 },
];

function operationOf(operationId: string): Operation {
  const operation = OPERATIONS.find((candidate) => candidate.operationId === operationId);
  if (operation === undefined) {
    throw new Error(`no operation ${operationId}`);
  }
  return operation;
}

/** The owner's own principal with a credential that lacks the operation's scope (read ↔ write). */
async function wrongScopeOf(world: World, testCase: Case): Promise<Actor> {
  const operation = operationOf(testCase.operationId);
  const needed = operation.access === 'public' ? 'read' : operation.access.scope;
  const scopes: Scope[] = [needed === 'read' ? 'write' : 'read'];
  const owner = world.people[testCase.owner];
  if (owner.header[0] === 'X-API-Key') {
    return world.actors.keyFor(owner.principal, scopes);
  }
  const { token } = await world.gateway.services.tokens.create(owner.principal, { name: 'wrong scope', scopes, days: 30 });
  return { principal: owner.principal, header: ['Authorization', `Bearer ${token}`] };
}

describe('ownership matrix of appointments, hospital services and records: no principal without a right gets a 2xx', () => {
  const { gateway, actors } = useGatewayAndActors(() => createLedgerClockGateway(), 'describe');
  const world = { gateway, actors } as World;
  const tally = new MatrixTally();

  beforeAll(async () => {
    const patient = await actors.person('patient');
    world.people = {
      patient,
      provider: await actors.person('doctor'),
      hospital: await actors.organisation('hospital'),
      reviewer: await actors.person('doctor'),
      otherPatient: await actors.person('patient'),
      doctorWithoutConsent: await actors.person('doctor'),
      otherHospital: await actors.organisation('hospital'),
      expiredToken: await actors.shortLivedToken(patient),
    };
    world.patientId = patient.principal.stakeholderId;
    world.fileId = await uploadedFile(gateway, patient, { patientId: world.patientId, category: 'lab', fileName: 'ferritin.txt', mediaType: 'text/plain', content: 'ferritin 12' });
    gateway.clock.advance(2 * DAY); // the short-lived token has expired; 30-day credentials still work
    // The reviewer may view and edit lab data (amendments); REST's own clock is the wall clock, so validFrom is the ledger's now.
    await posted(world, 'patient', '/consents', {
      granteeId: world.people.reviewer.principal.stakeholderId,
      actions: ['view', 'edit'],
      scope: { categories: ['lab'] },
      purpose: 'TREAT',
      validFrom: later(world, 0),
      validUntil: later(world, 24 * 300),
    });
    // The provider may refer the patient (a referral needs edit on the patient's service requests).
    await posted(world, 'patient', '/consents', {
      granteeId: world.people.provider.principal.stakeholderId,
      actions: ['edit'],
      scope: { categories: ['billing'] },
      purpose: 'TREAT',
      validFrom: later(world, 0),
      validUntil: later(world, 24 * 300),
    });
  });

  it.each(CASES.map((testCase) => [testCase.operationId, testCase] as const))('when principals without a right call %s, then each is refused and the rightful caller succeeds', async (_name, testCase) => {
    const attempt = await testCase.arrange(world);
    const operation = operationOf(testCase.operationId);
    const response = await expectOnlyTheRightful(world.gateway, tally, {
      operationId: testCase.operationId,
      call: { method: operation.method, ...attempt },
      refusals: await Promise.all(testCase.refused.map(async (who) => ({ who, actor: who === 'anonymous' ? undefined : who === 'wrongScope' ? await wrongScopeOf(world, testCase) : world.people[who] }))),
      owner: world.people[testCase.owner],
      ownerStatus: testCase.ownerStatus,
    });
    expect(operation.response.schema.safeParse(response.body).error?.issues ?? []).toEqual([]);
  });

  it('when the matrix has run, then it covered every appointment, hospital-service and records operation and counted 0 unauthorized successes', () => {
    expectMatrixComplete(MATRIX_GROUPS.visits, CASES, tally, 150);
  });
});
