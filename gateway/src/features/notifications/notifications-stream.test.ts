import request from 'supertest';
import { Actors, as, hoursFromNow, type Actor } from '../../acceptance/test-support/actors';
import { createTestGateway, type TestGateway } from '../../test-support/test-gateway';
import { resourceOf } from '../../test-support/response-body';
import type { SseClient } from './test-support/sse-client';
import { StreamServer } from './test-support/stream-server';

const STREAM = '/me/notifications/stream';

describe('GET /me/notifications/stream', () => {
  let gateway: TestGateway;
  let actors: Actors;
  const streams = new StreamServer();

  beforeEach(async () => {
    gateway = createTestGateway();
    actors = new Actors(gateway);
    await gateway.services.notifications.start();
    await streams.listen(gateway.app);
  });

  afterEach(async () => {
    streams.closeClients();
    await gateway.services.notifications.stop();
    await streams.close();
    await gateway.close();
  });

  function connect(actor: Actor, headers: Record<string, string> = {}): Promise<SseClient> {
    return streams.connect(STREAM, { [actor.header[0]]: actor.header[1], ...headers });
  }

  /** Lets the listener handle what was committed, then counts what reached the clients. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  it('when a patient grants, a doctor checks access and then breaks the glass, then the patient receives consent.granted, data.accessed and break-glass.used, and another patient nothing', async () => {
    const patient = await actors.person('patient');
    const other = await actors.person('patient');
    const doctor = await actors.person('doctor');
    await settle();
    const stream = await connect(patient);
    const otherStream = await connect(other);

    const granted = await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(72) });
    expect(granted.status).toBe(201);
    const checked = await as(gateway, doctor).post(`/patients/${patient.principal.stakeholderId}/access-checks`).send({ action: 'view', category: 'lab' });
    expect(checked.status).toBe(200);
    const opened = await as(gateway, doctor).post(`/patients/${patient.principal.stakeholderId}/break-glass`).send({ reason: 'unconscious in the emergency room' });
    expect(opened.status).toBe(201);

    const events = await stream.waitFor(3);
    await settle();
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.map((event) => event.event)).toEqual(['consent.granted', 'data.accessed', 'break-glass.used']);
    const ids = events.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const bodies = events.map((event) => JSON.parse(event.data) as { type: string; priority: string; subject: Record<string, unknown> });
    expect(bodies[0]?.subject).toMatchObject({ grantId: resourceOf(granted).id, patientId: patient.principal.stakeholderId, granteeId: doctor.principal.stakeholderId });
    expect(bodies[1]?.subject).toMatchObject({ patientId: patient.principal.stakeholderId, accessorId: doctor.principal.stakeholderId, basis: 'grant' });
    expect(bodies[2]).toMatchObject({ priority: 'high', subject: { patientId: patient.principal.stakeholderId, doctorId: doctor.principal.stakeholderId } });
    expect(JSON.stringify(events)).not.toContain('unconscious');
    expect(JSON.stringify(events)).not.toContain('"purpose"');
    expect(otherStream.events).toEqual([]);
  });

  it('when a client reconnects with Last-Event-ID, then it receives only the newer notifications, then live ones', async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const grant = () =>
      as(gateway, patient)
        .post('/consents')
        .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(72) });
    const first = await connect(patient);
    expect((await grant()).status).toBe(201);
    expect((await grant()).status).toBe(201);
    const [seen] = await first.waitFor(2);
    first.close();
    expect((await grant()).status).toBe(201);
    await settle();

    const resumed = await connect(patient, { 'Last-Event-ID': seen?.id ?? '' });
    const replayed = await resumed.waitFor(2);
    expect((await grant()).status).toBe(201);
    const all = await resumed.waitFor(3);

    expect(replayed[0]?.id).toBe(first.events[1]?.id);
    expect(all).toHaveLength(3);
    expect(all.map((event) => event.event)).toEqual(['consent.granted', 'consent.granted', 'consent.granted']);
    expect(new Set(all.map((event) => event.id)).size).toBe(3);
    expect(all.every((event) => Number(event.id) > Number(seen?.id))).toBe(true);
  });

  it('when no credential is sent, then the stream answers 401 problem+json', async () => {
    const response = await request(gateway.app).get(STREAM);

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('when /openapi.json is fetched, then the stream is documented as text/event-stream with Last-Event-ID', async () => {
    const response = await request(gateway.app).get('/openapi.json');
    const operation = (response.body as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; parameters: { name: string; in: string }[] }>> }).paths[STREAM]?.get;

    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
    expect(operation?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Last-Event-ID', in: 'header' })]));
  });

  it('when Last-Event-ID is not a notification ID, then the stream answers 422', async () => {
    const patient = await actors.person('patient');

    const response = await request(gateway.app).get(STREAM).set(patient.header[0], patient.header[1]).set('Last-Event-ID', 'yesterday');

    expect(response.status).toBe(422);
  });

  it.each([
    ['not a notification ID', 'lastEventId=yesterday'],
    ['given twice', 'lastEventId=1&lastEventId=2'],
  ])('when ?lastEventId= is %s, then the stream answers 422 (the spec allows one ID)', async (_label, query) => {
    const patient = await actors.person('patient');

    const response = await request(gateway.app).get(`${STREAM}?${query}`).set(patient.header[0], patient.header[1]);

    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'lastEventId' })] });
  });

  it('when a client stops reading and its buffer overflows, then it is dropped', async () => {
    const patient = await actors.person('patient');
    const feature = gateway.services.notifications;
    const stream = await connect(patient);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.response.pause();
    const big = { id: 0, principalId: patient.principal.id, body: { type: 'data.accessed' as const, priority: 'normal' as const, at: new Date().toISOString(), subject: { note: 'x'.repeat(64 * 1024) } } };

    for (let n = 1; n <= 200 && feature.hub.connections(patient.principal.id) > 0; n += 1) {
      feature.hub.publish([{ ...big, id: n }]);
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(feature.hub.connections(patient.principal.id)).toBe(0);
  });
});
