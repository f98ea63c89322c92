import { DAY } from '../test-support/manual-clock';
import type { TestGateway } from '../test-support/test-gateway';
import { as, hoursFromNow, useBusyGateway, type Actor, type Actors } from './test-support/actors';
import { MatrixTally, expectMatrixComplete, expectOnlyTheRightful } from './test-support/matrix-runner';
import { MATRIX_GROUPS } from './test-support/matrix-groups';
import { uploadedFile } from './test-support/uploads';

/**
 * For every non-public operation: principals WITHOUT a right to the object try it and must get
 * 401/403/404, never 2xx; then the rightful caller succeeds (its response is checked against the
 * operation's schema, as every response is in development mode).
 */
type Who =
  | 'otherPatient'
  | 'doctorWithoutConsent'
  | 'granteeOutsideScope'
  | 'granteeOutsidePeriod'
  | 'readOnlyPharmacyKey'
  | 'insurerKey'
  | 'expiredToken'
  | 'anonymous'
  | 'patient'
  | 'grantee'
  | 'requester'
  | 'admin'
  | 'regulator';

interface World {
  gateway: TestGateway;
  actors: Actors;
  people: Record<Exclude<Who, 'anonymous'>, Actor>;
  patientId: string;
  grantId: string;
}

interface Attempt {
  path: string;
  body?: unknown;
}

interface Case {
  operationId: string;
  method: 'get' | 'post' | 'delete';
  /** Makes the objects the case needs; returns the request. */
  arrange(world: World): Attempt | Promise<Attempt>;
  refused: Who[];
  /** Some refusals need another body (a grantee asking outside its scope). */
  bodyFor?: Partial<Record<Who, unknown>>;
  owner: Who;
  ownerStatus: number;
}

const consentBody = (granteeId: string, hours = 24) => ({ granteeId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(hours) });
const requestBody = (patientId: string) => ({ patientId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(48) });

async function created(world: World, who: Who, path: string, body: unknown): Promise<{ id: string }> {
  const response = await as(world.gateway, world.people[who as Exclude<Who, 'anonymous'>]).post(path).send(body as object);
  if (response.status !== 201) {
    throw new Error(`arranging ${path} failed: ${response.status} ${response.text}`);
  }
  return response.body as { id: string };
}

const newRequest = (world: World) => created(world, 'requester', '/access-requests', requestBody(world.patientId));
/** A delegation of the patient's to a new patient of its own. */
const delegationBody = async (world: World) => ({ delegateId: (await world.actors.person('patient')).principal.stakeholderId, validUntil: hoursFromNow(24) });
const newDelegation = async (world: World) => (await created(world, 'patient', '/delegations', await delegationBody(world))).id;

const everyoneElse: Who[] = ['otherPatient', 'doctorWithoutConsent', 'granteeOutsideScope', 'granteeOutsidePeriod', 'readOnlyPharmacyKey', 'insurerKey', 'expiredToken', 'anonymous'];
const unauthenticated: Who[] = ['expiredToken', 'anonymous'];

const CASES: Case[] = [
  // stakeholders
  { operationId: 'listStakeholders', method: 'get', arrange: () => ({ path: '/stakeholders?role=doctor&status=pending' }), refused: ['patient', 'otherPatient', 'grantee', 'readOnlyPharmacyKey', 'insurerKey', ...unauthenticated], owner: 'admin', ownerStatus: 200 },
  { operationId: 'getStakeholder', method: 'get', arrange: (w) => ({ path: `/stakeholders/${w.patientId}` }), refused: unauthenticated, owner: 'otherPatient', ownerStatus: 200 },
  {
    operationId: 'verifyStakeholder',
    method: 'post',
    arrange: async (w) => ({ path: `/stakeholders/${(await w.actors.person('doctor', { verified: false })).principal.stakeholderId}/verification`, body: { licenceHash: 'a'.repeat(64) } }),
    refused: ['patient', ...everyoneElse, 'grantee'],
    owner: 'admin',
    ownerStatus: 200,
  },
  {
    operationId: 'suspendStakeholder',
    method: 'post',
    arrange: async (w) => ({ path: `/stakeholders/${(await w.actors.person('patient')).principal.stakeholderId}/suspension`, body: {} }),
    refused: ['patient', ...everyoneElse, 'grantee'],
    owner: 'regulator',
    ownerStatus: 200,
  },
  {
    operationId: 'reinstateStakeholder',
    method: 'delete',
    arrange: async (w) => {
      const target = (await w.actors.person('patient')).principal.stakeholderId;
      await as(w.gateway, w.people.admin).post(`/stakeholders/${target}/suspension`).send({});
      return { path: `/stakeholders/${target}/suspension` };
    },
    refused: ['patient', ...everyoneElse, 'grantee'],
    owner: 'admin',
    ownerStatus: 200,
  },
  // consents
  {
    operationId: 'grantConsent',
    method: 'post',
    arrange: async (w) => ({ path: '/consents', body: { ...consentBody((await w.actors.person('doctor')).principal.stakeholderId, 1), patientId: w.patientId } }),
    refused: everyoneElse.filter((who) => who !== 'granteeOutsidePeriod').concat(['grantee']),
    owner: 'patient',
    ownerStatus: 201,
  },
  { operationId: 'getConsent', method: 'get', arrange: (w) => ({ path: `/consents/${w.grantId}` }), refused: everyoneElse.filter((who) => who !== 'granteeOutsideScope'), owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'revokeConsent',
    method: 'delete',
    arrange: async (w) => ({ path: `/consents/${(await created(w, 'patient', '/consents', consentBody(w.people.grantee.principal.stakeholderId))).id}` }),
    refused: [...everyoneElse, 'grantee'],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listPatientConsents', method: 'get', arrange: (w) => ({ path: `/patients/${w.patientId}/consents` }), refused: [...everyoneElse, 'grantee'], owner: 'patient', ownerStatus: 200 },
  { operationId: 'listMyConsents', method: 'get', arrange: () => ({ path: '/me/consents' }), refused: ['patient', 'otherPatient', ...unauthenticated], owner: 'grantee', ownerStatus: 200 },
  // access requests
  { operationId: 'requestAccess', method: 'post', arrange: (w) => ({ path: '/access-requests', body: requestBody(w.patientId) }), refused: ['patient', 'otherPatient', 'readOnlyPharmacyKey', ...unauthenticated], owner: 'requester', ownerStatus: 201 },
  { operationId: 'getAccessRequest', method: 'get', arrange: async (w) => ({ path: `/access-requests/${(await newRequest(w)).id}` }), refused: [...everyoneElse, 'grantee'], owner: 'patient', ownerStatus: 200 },
  {
    operationId: 'approveAccessRequest',
    method: 'post',
    arrange: async (w) => ({ path: `/access-requests/${(await newRequest(w)).id}/approval`, body: {} }),
    refused: [...everyoneElse, 'grantee', 'requester'],
    owner: 'patient',
    ownerStatus: 201,
  },
  {
    operationId: 'denyAccessRequest',
    method: 'post',
    arrange: async (w) => ({ path: `/access-requests/${(await newRequest(w)).id}/denial`, body: {} }),
    refused: [...everyoneElse, 'grantee', 'requester'],
    owner: 'patient',
    ownerStatus: 200,
  },
  { operationId: 'listPatientAccessRequests', method: 'get', arrange: (w) => ({ path: `/patients/${w.patientId}/access-requests` }), refused: [...everyoneElse, 'grantee', 'requester'], owner: 'patient', ownerStatus: 200 },
  { operationId: 'listMyAccessRequests', method: 'get', arrange: () => ({ path: '/me/access-requests' }), refused: ['patient', 'otherPatient', ...unauthenticated], owner: 'requester', ownerStatus: 200 },
  // delegations
  {
    operationId: 'grantDelegation',
    method: 'post',
    arrange: async (w) => ({ path: '/delegations', body: await delegationBody(w) }),
    refused: ['grantee', 'doctorWithoutConsent', 'readOnlyPharmacyKey', 'insurerKey', ...unauthenticated],
    owner: 'patient',
    ownerStatus: 201,
  },
  { operationId: 'getDelegation', method: 'get', arrange: async (w) => ({ path: `/delegations/${await newDelegation(w)}` }), refused: [...everyoneElse, 'grantee'], owner: 'patient', ownerStatus: 200 },
  { operationId: 'revokeDelegation', method: 'delete', arrange: async (w) => ({ path: `/delegations/${await newDelegation(w)}` }), refused: [...everyoneElse, 'grantee'], owner: 'patient', ownerStatus: 200 },
  // A professional has no delegations to list: refused (the chaincode lists a patient-role caller's own only).
  { operationId: 'listMyDelegations', method: 'get', arrange: () => ({ path: '/me/delegations' }), refused: ['doctorWithoutConsent', 'grantee', 'requester', 'insurerKey', ...unauthenticated], owner: 'patient', ownerStatus: 200 },
  { operationId: 'listHeldDelegations', method: 'get', arrange: () => ({ path: '/me/delegations/held' }), refused: ['doctorWithoutConsent', 'grantee', 'requester', 'insurerKey', ...unauthenticated], owner: 'patient', ownerStatus: 200 },
  // break-glass, access checks, access log
  {
    operationId: 'breakGlass',
    method: 'post',
    arrange: async (w) => {
      w.people.requester = await w.actors.person('doctor');
      return { path: `/patients/${w.patientId}/break-glass`, body: { reason: 'unconscious on arrival' } };
    },
    refused: ['otherPatient', 'readOnlyPharmacyKey', 'insurerKey', ...unauthenticated],
    owner: 'requester',
    ownerStatus: 201,
  },
  {
    operationId: 'openBreakGlassRecord',
    method: 'post',
    arrange: async (w) => {
      // A doctor of its own with an open window, and a file of the patient's that the patient labels V.
      w.people.requester = await w.actors.person('doctor');
      const opened = await as(w.gateway, w.people.requester).post(`/patients/${w.patientId}/break-glass`).send({ reason: 'unconscious on arrival' });
      const fileId = await uploadedFile(w.gateway, w.people.patient, { patientId: w.patientId, category: 'lab', fileName: 'hiv.txt', mediaType: 'text/plain', content: 'viral load' });
      const labelled = await as(w.gateway, w.people.patient).post(`/files/${fileId}/confidentiality`).send({ confidentiality: 'V' });
      if (opened.status !== 201 || labelled.status !== 200) {
        throw new Error(`arranging the V file failed: ${opened.status} ${labelled.status}`);
      }
      return { path: `/patients/${w.patientId}/break-glass/records/${fileId}`, body: { reason: 'antiretroviral interactions' } };
    },
    // Doctors without a window of their own get 409 INVALID_STATE (open break-glass first), not a 2xx.
    refused: ['otherPatient', 'readOnlyPharmacyKey', 'insurerKey', ...unauthenticated],
    owner: 'requester',
    ownerStatus: 200,
  },
  {
    operationId: 'checkAccess',
    method: 'post',
    arrange: (w) => ({ path: `/patients/${w.patientId}/access-checks`, body: { action: 'view', category: 'lab' } }),
    refused: everyoneElse,
    bodyFor: { granteeOutsideScope: { action: 'view', category: 'imaging' } },
    owner: 'grantee',
    ownerStatus: 200,
  },
  { operationId: 'listPatientAccessLog', method: 'get', arrange: (w) => ({ path: `/patients/${w.patientId}/access-log` }), refused: [...everyoneElse, 'grantee'], owner: 'patient', ownerStatus: 200 },
  { operationId: 'listMyAccessLog', method: 'get', arrange: () => ({ path: '/me/access-log' }), refused: ['grantee', 'doctorWithoutConsent', 'readOnlyPharmacyKey', 'insurerKey', ...unauthenticated], owner: 'patient', ownerStatus: 200 },
  ...(['export.csv', 'audit-events'] as const).flatMap((format) => {
    const name = format === 'export.csv' ? 'Csv' : 'AuditEvents';
    return [
      { operationId: `exportPatientAccessLog${name}`, method: 'get', arrange: (w: World) => ({ path: `/patients/${w.patientId}/access-log/${format}` }), refused: [...everyoneElse, 'grantee'], owner: 'patient', ownerStatus: 200 },
      { operationId: `exportMyAccessLog${name}`, method: 'get', arrange: () => ({ path: `/me/access-log/${format}` }), refused: ['grantee', 'doctorWithoutConsent', 'readOnlyPharmacyKey', 'insurerKey', ...unauthenticated], owner: 'patient', ownerStatus: 200 },
    ] satisfies Case[];
  }),
  {
    operationId: 'getAccessStatistics',
    method: 'get',
    arrange: () => ({ path: `/audit/statistics?day=${new Date().toISOString().slice(0, 10)}` }),
    refused: ['patient', 'grantee', 'admin', ...everyoneElse],
    owner: 'regulator',
    ownerStatus: 200,
  },
  // operations
  { operationId: 'getMetrics', method: 'get', arrange: () => ({ path: '/metrics' }), refused: ['patient', 'grantee', 'regulator', 'readOnlyPharmacyKey', ...unauthenticated], owner: 'admin', ownerStatus: 200 },
];

describe('ownership matrix: no principal without a right gets a 2xx', () => {
  const { gateway, actors } = useBusyGateway();
  const world = { gateway, actors } as World;
  const tally = new MatrixTally();

  beforeAll(async () => {
    const patient = await actors.person('patient');
    const grantee = await actors.person('doctor');
    const outsidePeriod = await actors.person('doctor');
    const pharmacy = await actors.organisation('pharmacy', ['read', 'write']);
    world.people = {
      patient,
      grantee,
      granteeOutsideScope: grantee,
      granteeOutsidePeriod: outsidePeriod,
      otherPatient: await actors.person('patient'),
      doctorWithoutConsent: await actors.person('doctor'),
      requester: await actors.person('doctor'),
      readOnlyPharmacyKey: await actors.keyFor(pharmacy.principal, ['read']),
      insurerKey: await actors.organisation('insurer', ['read', 'write']),
      expiredToken: await actors.shortLivedToken(patient),
      admin: await actors.admin(),
      regulator: await actors.person('regulator'),
    };
    world.patientId = patient.principal.stakeholderId;
    world.grantId = (await created(world, 'patient', '/consents', consentBody(grantee.principal.stakeholderId))).id;
    await created(world, 'patient', '/consents', { ...consentBody(outsidePeriod.principal.stakeholderId, 72), validFrom: hoursFromNow(48) });
    world.gateway.clock.advance(2 * DAY); // the short-lived token has expired; 30-day credentials still work
  });

  it.each(CASES.map((testCase) => [testCase.operationId, testCase] as const))('when principals without a right call %s, then each is refused and the rightful caller succeeds', async (_name, testCase) => {
    const attempt = await testCase.arrange(world);
    await expectOnlyTheRightful(world.gateway, tally, {
      operationId: testCase.operationId,
      call: { method: testCase.method, ...attempt },
      refusals: testCase.refused.map((who) => ({ who, actor: who === 'anonymous' ? undefined : world.people[who], body: testCase.bodyFor?.[who] })),
      owner: world.people[testCase.owner as Exclude<Who, 'anonymous'>],
      ownerStatus: testCase.ownerStatus,
    });
  });

  it('when the matrix has run, then it covered every consent-group operation and counted 0 unauthorized successes', () => {
    expectMatrixComplete(MATRIX_GROUPS.consent, CASES, tally, 150);
  });
});
