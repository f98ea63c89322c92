import { openSqliteStore } from '../wiring/sqlite-store';
import type { GatewayStore } from '../wiring/gateway-store';
import { HOUR, ManualClock } from '../test-support/manual-clock';
import { Idempotency, IDEMPOTENCY_HEADER } from './idempotency';
import { as, useGatewayAndActors, hoursFromNow } from '../acceptance/test-support/actors';
import { codeOf, pageIn, resourceOf } from '../test-support/response-body';

describe('Idempotency-Key on REST POSTs', () => {
  const { gateway, actors } = useGatewayAndActors();

  it('when the same POST is sent twice with one key, then both answers are the same object and the ledger holds one', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const body = { granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validFrom: hoursFromNow(0), validUntil: hoursFromNow(24) };

    const first = await as(gateway, patient).post('/consents').set(IDEMPOTENCY_HEADER, 'key-1').send(body);
    const second = await as(gateway, patient).post('/consents').set(IDEMPOTENCY_HEADER, 'key-1').send({ ...body });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const listed = await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`);
    expect(pageIn(listed).items.map((grant) => grant.id)).toEqual([resourceOf(first).id]);
  });

  it('when the same key comes with a different body, then 422 IDEMPOTENCY_KEY_REUSED and nothing is created', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const body = { granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validFrom: hoursFromNow(0), validUntil: hoursFromNow(24) };
    await as(gateway, patient).post('/consents').set(IDEMPOTENCY_HEADER, 'key-2').send(body);

    const reused = await as(gateway, patient).post('/consents').set(IDEMPOTENCY_HEADER, 'key-2').send({ ...body, purpose: 'HRESCH' });

    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(codeOf(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(pageIn(await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`)).items).toHaveLength(1);
  });

  it('when two callers use the same key, then each gets its own result', async () => {
    const doctor = await actors.person('doctor');
    const [alice, bob] = [await actors.person('patient'), await actors.person('patient')];
    const body = { granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validFrom: hoursFromNow(0), validUntil: hoursFromNow(24) };

    const a = await as(gateway, alice).post('/consents').set(IDEMPOTENCY_HEADER, 'shared').send(body);
    const b = await as(gateway, bob).post('/consents').set(IDEMPOTENCY_HEADER, 'shared').send(body);

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(resourceOf(a).patientId).toBe(alice.principal.stakeholderId);
    expect(resourceOf(b).patientId).toBe(bob.principal.stakeholderId);
  });

  it('when a duplicate arrives while the first is still running, then it gets 409 IDEMPOTENCY_IN_PROGRESS with Retry-After, and one object is created', async () => {
    const doctor = await actors.person('doctor');
    const patient = await actors.person('patient');
    const body = { patientId: patient.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) };

    const [one, two] = await Promise.all([
      as(gateway, doctor).post('/access-requests').set(IDEMPOTENCY_HEADER, 'race').send(body),
      as(gateway, doctor).post('/access-requests').set(IDEMPOTENCY_HEADER, 'race').send(body),
    ]);

    const statuses = [one.status, two.status].sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const loser = [one, two].find((response) => response.status === 409);
    expect((loser === undefined ? undefined : codeOf(loser)) ?? 'IDEMPOTENCY_IN_PROGRESS').toBe('IDEMPOTENCY_IN_PROGRESS');
    if (loser !== undefined) {
      expect(loser.headers['retry-after']).toBe('1');
    }
    expect(pageIn(await as(gateway, doctor).get('/me/access-requests')).items).toHaveLength(1);
  });

  it('when the first attempt is refused, then the key is released and a corrected retry with the same key succeeds', async () => {
    const patient = await actors.person('patient');
    const pending = await actors.person('doctor', { verified: false });
    const doctor = await actors.person('doctor');
    const body = { actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validFrom: hoursFromNow(0), validUntil: hoursFromNow(24) };

    const refused = await as(gateway, patient).post('/consents').set(IDEMPOTENCY_HEADER, 'fix-me').send({ ...body, granteeId: pending.principal.stakeholderId });
    const retried = await as(gateway, patient).post('/consents').set(IDEMPOTENCY_HEADER, 'fix-me').send({ ...body, granteeId: doctor.principal.stakeholderId });

    expect(refused.status).toBe(403);
    expect(retried.status).toBe(201);
  });

  it('when the key is malformed, then 422 IDEMPOTENCY_KEY_INVALID', async () => {
    const patient = await actors.person('patient');

    const response = await as(gateway, patient).post('/delegations').set(IDEMPOTENCY_HEADER, 'x'.repeat(300)).send({ delegateId: 'pat-abcdef123456', validUntil: hoursFromNow(24) });

    expect(response.status).toBe(422);
    expect(codeOf(response)).toBe('IDEMPOTENCY_KEY_INVALID');
  });
});

describe('Idempotency records', () => {
  let store: GatewayStore;
  const confirmed = { reconfirm: () => Promise.resolve(), settle: () => Promise.reject(new Error('nothing to settle')) };

  beforeEach(() => {
    store = openSqliteStore();
  });

  afterEach(async () => {
    await store.close();
  });

  it('when 24 hours have passed, then the key may be used again for another request', async () => {
    const clock = new ManualClock();
    const idempotency = new Idempotency(store.idempotencyKeys, clock.now, Buffer.alloc(32, 7));
    const call = { principalId: 'prn_a', key: 'k', method: 'POST', path: '/x' };
    let created = 0;
    const work = () => Promise.resolve({ status: 201, body: { n: (created += 1) } });

    await idempotency.run({ ...call, body: { a: 1 } }, work, confirmed);
    await expect(idempotency.run({ ...call, body: { a: 2 } }, work, confirmed)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    clock.advance(24 * HOUR + 1);
    const later = await idempotency.run({ ...call, body: { a: 2 } }, work, confirmed);

    expect(later).toEqual({ status: 201, body: { n: 2 }, replayed: false });
  });

  it('when bodies differ only in key order, then they are the same request', async () => {
    const idempotency = new Idempotency(store.idempotencyKeys, () => new Date(), Buffer.alloc(32, 7));
    const work = jest.fn(() => Promise.resolve({ status: 201, body: { ok: true } }));

    await idempotency.run({ principalId: 'prn_b', key: 'k', method: 'POST', path: '/x', body: { a: 1, b: { c: 2, d: 3 } } }, work, confirmed);
    const replay = await idempotency.run({ principalId: 'prn_b', key: 'k', method: 'POST', path: '/x', body: { b: { d: 3, c: 2 }, a: 1 } }, work, confirmed);

    expect(replay.replayed).toBe(true);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('when a replay is not reconfirmed, then the refusal is the answer, the stored outcome is not, and the record stays for a later confirmed replay', async () => {
    const idempotency = new Idempotency(store.idempotencyKeys, () => new Date(), Buffer.alloc(32, 7));
    const call = { principalId: 'prn_d', key: 'k', method: 'POST', path: '/x', body: { a: 1 } };
    const work = jest.fn(() => Promise.resolve({ status: 201, body: { id: 'obj-1' } }));
    const refusal = new Error('SUSPENDED: caller is suspended');
    const reconfirm = jest.fn((stored: { body: unknown }): Promise<void> => {
      expect(stored.body).toEqual({ id: 'obj-1' });
      return reconfirm.mock.calls.length === 1 ? Promise.reject(refusal) : Promise.resolve();
    });

    const ledger = { reconfirm, settle: () => Promise.reject(new Error('nothing to settle')) };

    const first = await idempotency.run(call, work, ledger);
    const refused = idempotency.run(call, work, ledger);
    await expect(refused).rejects.toBe(refusal);
    const later = await idempotency.run(call, work, ledger);

    expect(first).toEqual({ status: 201, body: { id: 'obj-1' }, replayed: false });
    expect(later).toEqual({ status: 201, body: { id: 'obj-1' }, replayed: true });
    expect(work).toHaveBeenCalledTimes(1);
    expect(reconfirm).toHaveBeenCalledTimes(2);
  });

  it('when expired records are purged, then they are gone from the store', async () => {
    const now = Date.now();
    await store.idempotencyKeys.claim('prn_c', 'old', 'h', { owner: 'run', until: 0 }, now - 25 * HOUR, now - 49 * HOUR);
    await store.idempotencyKeys.claim('prn_c', 'new', 'h', { owner: 'run', until: 0 }, now, now - 24 * HOUR);

    await store.purgeExpired(new Date(now), HOUR);

    expect(await store.idempotencyKeys.claim('prn_c', 'new', 'h', { owner: 'run', until: 0 }, now, now - 24 * HOUR)).toMatchObject({ claimed: false });
    expect(await store.idempotencyKeys.claim('prn_c', 'old', 'h2', { owner: 'run', until: 0 }, now, now - 24 * HOUR)).toEqual({ claimed: true });
  });
});
