import { createTestGateway, ledgerUnderTest, type TestGateway } from '../test-support/test-gateway';
import { Actors, as, hoursFromNow, type Actor } from './test-support/actors';
import { codeOf, containing, pageIn, refusedListOf } from '../test-support/response-body';

/**
 * The attack run's reproduction, and the one class the ownership matrix cannot build generically:
 * another caller's genuine next-page cursor. (The matrix tries crafted cursors on every list.)
 */
describe('cursors that belong to another caller or another list', () => {
  let gateway: TestGateway;
  let actors: Actors;
  let alice: Actor;
  let bob: Actor;

  const cursorOf = (bookmark: string): string => Buffer.from(bookmark, 'utf8').toString('base64url');

  async function logThreeReads(patient: Actor, doctor: Actor): Promise<void> {
    const consent = { granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) };
    expect((await as(gateway, patient).post('/consents').send(consent)).status).toBe(201);
    for (let read = 0; read < 3; read += 1) {
      expect((await as(gateway, doctor).post(`/patients/${patient.principal.stakeholderId}/access-checks`).send({ action: 'view', category: 'lab' })).status).toBe(200);
    }
  }

  beforeAll(async () => {
    gateway = createTestGateway({ ledger: ledgerUnderTest(), environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000' } });
    actors = new Actors(gateway);
    alice = await actors.person('patient');
    bob = await actors.person('patient');
    const doctor = await actors.person('doctor');
    await logThreeReads(alice, doctor);
    await logThreeReads(bob, doctor);
  });

  afterAll(() => gateway.close());

  it('when a patient pages their own access log, then the cursor leads to their next entry', async () => {
    const first = await as(gateway, alice).get('/me/access-log?limit=1');
    const second = await as(gateway, alice).get(`/me/access-log?limit=1&cursor=${String(pageIn(first).nextCursor)}`);

    expect(second.status).toBe(200);
    expect(pageIn(second).items).toEqual([expect.objectContaining({ patientId: alice.principal.stakeholderId })]);
    expect(pageIn(second).items[0]?.id).not.toBe(pageIn(first).items[0]?.id);
  });

  it('when a patient sends another patient’s genuine next-page cursor, then 400 INVALID_ARGUMENT and no entries', async () => {
    const bobsPage = await as(gateway, bob).get('/me/access-log?limit=1');
    expect(pageIn(bobsPage).nextCursor).toEqual(expect.any(String));

    for (const path of ['/me/access-log', `/patients/${alice.principal.stakeholderId}/access-log`]) {
      const response = await as(gateway, alice).get(`${path}?limit=100&cursor=${String(pageIn(bobsPage).nextCursor)}`);

      expect({ path, status: response.status, ...refusedListOf(response) }).toEqual({ path, status: 400, code: 'INVALID_ARGUMENT', items: undefined });
    }
  });

  it('when a patient sends the attack run’s cursor (the access-log index with no party), then 400, not every patient’s entries', async () => {
    const response = await as(gateway, alice).get(`/patients/${alice.principal.stakeholderId}/access-log?limit=100&cursor=${cursorOf('\u0000accessLog\u0000')}`);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'INVALID_ARGUMENT', detail: containing('bookmark does not belong to this list') });
  });

  it('when a cursor of one list is sent to another list of the same caller, then 400', async () => {
    const consents = await as(gateway, alice).get(`/patients/${alice.principal.stakeholderId}/consents?limit=1`);
    const log = await as(gateway, alice).get('/me/access-log?limit=1');

    const crossed = await as(gateway, alice).get(`/patients/${alice.principal.stakeholderId}/consents?cursor=${String(pageIn(log).nextCursor)}`);

    expect(consents.status).toBe(200);
    expect(crossed.status).toBe(400);
    expect(codeOf(crossed)).toBe('INVALID_ARGUMENT');
  });
});
