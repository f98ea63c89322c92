import { createTestGateway, type TestGateway } from '../../test-support/test-gateway';
import { Actors, as, hoursFromNow } from '../../acceptance/test-support/actors';
import { anyOf, codeOf, matching, problemOf, resourceOf } from '../../test-support/response-body';

describe('REST problem+json statuses', () => {
  let gateway: TestGateway;
  let actors: Actors;

  afterEach(() => gateway.close());

  const start = (environment: Record<string, string> = {}) => {
    gateway = createTestGateway({ environment });
    actors = new Actors(gateway);
  };

  it('when the caller is unauthenticated, forbidden, or asks for what does not exist, then 401, 403 and 404 problems with stable codes', async () => {
    start();
    const patient = await actors.person('patient');
    const readOnly = await actors.person('patient', { scopes: ['read'] });

    const unauthenticated = await as(gateway).get('/me/consents');
    const wrongScope = await as(gateway, readOnly).post('/delegations').send({ delegateId: patient.principal.stakeholderId, validUntil: hoursFromNow(24) });
    const missing = await as(gateway, patient).get('/consents/grant-000000000000000000000000');

    expect([unauthenticated.status, codeOf(unauthenticated)]).toEqual([401, 'UNAUTHENTICATED']);
    expect(unauthenticated.headers['www-authenticate']).toContain('Bearer');
    expect([wrongScope.status, codeOf(wrongScope)]).toEqual([403, 'FORBIDDEN']);
    expect([missing.status, codeOf(missing)]).toEqual([404, 'NOT_FOUND']);
    for (const response of [unauthenticated, wrongScope, missing]) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: matching(/^urn:medledger:problem:/), title: anyOf(String), instance: anyOf(String) });
    }
  });

  it('when a state change is repeated, then 409 INVALID_STATE from the chaincode', async () => {
    start();
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const grant = await as(gateway, patient)
      .post('/consents')
      .send({ granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) });
    const grantId = resourceOf(grant).id;
    await as(gateway, patient).delete(`/consents/${grantId}`);

    const again = await as(gateway, patient).delete(`/consents/${grantId}`);

    expect([again.status, codeOf(again)]).toEqual([409, 'INVALID_STATE']);
  });

  it('when inputs are malformed, then 422 VALIDATION_FAILED names each field before the ledger is called', async () => {
    start();
    const patient = await actors.person('patient');

    const badPath = await as(gateway, patient).get('/patients/Robert%20Smith/consents');
    const badQuery = await as(gateway, patient).get('/me/access-log?limit=500&cursor=!!');
    const badBody = await as(gateway, patient).post('/consents').send({ granteeId: 'doc-xyz', actions: ['delete'], scope: { categories: ['lab'], recordIds: ['r-1'] }, validUntil: 'tomorrow', extra: 1 });
    const badCursor = await as(gateway, patient).get('/me/access-log?cursor=bm90LWEtY3Vyc29y_');

    expect([badPath.status, codeOf(badPath), problemOf(badPath).errors?.[0]?.path]).toEqual([422, 'VALIDATION_FAILED', 'patientId']);
    expect(problemOf(badQuery).errors?.map((error) => error.path).sort()).toEqual(['cursor', 'limit']);
    expect(problemOf(badBody).errors?.map((error) => error.path)).toEqual(expect.arrayContaining(['granteeId', 'actions.0', 'purpose', 'validUntil']));
    expect(badCursor.status).toBe(422);
  });

  it('when a consent or an access request names a free-text purpose, then 422 VALIDATION_FAILED on purpose before the ledger is called', async () => {
    start();
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const terms = { actions: ['view'], scope: { categories: ['lab'] }, purpose: 'HIV follow-up', validUntil: hoursFromNow(24) };

    const consent = await as(gateway, patient).post('/consents').send({ granteeId: doctor.principal.stakeholderId, ...terms });
    const request = await as(gateway, doctor).post('/access-requests').send({ patientId: patient.principal.stakeholderId, ...terms });

    for (const response of [consent, request]) {
      expect([response.status, codeOf(response)]).toEqual([422, 'VALIDATION_FAILED']);
      expect(problemOf(response).errors?.map((error) => error.path)).toEqual(['purpose']);
      expect(JSON.stringify(gateway.logs.entries())).not.toContain('HIV');
    }
  });

  it('when the body exceeds the limit, then 413 PAYLOAD_TOO_LARGE', async () => {
    start({ MEDLEDGER_BODY_LIMIT_KB: '1' });
    const doctor = await actors.person('doctor');

    const response = await as(gateway, doctor).post(`/patients/${doctor.principal.stakeholderId}/break-glass`).send({ reason: 'x'.repeat(4096) });

    expect([response.status, codeOf(response)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('when a client exceeds the rate limit, then 429 RATE_LIMITED', async () => {
    start({ MEDLEDGER_RATE_LIMIT_PER_MINUTE: '2' });

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await as(gateway).get('/openapi.json')).status);
    }

    expect(statuses).toEqual([200, 200, 429]);
  });

  it('when a break-glass reason is sent, then it is in no log line and not in the response', async () => {
    start();
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');

    const response = await as(gateway, doctor).post(`/patients/${patient.principal.stakeholderId}/break-glass`).send({ reason: 'patient-unconscious-secret-detail' });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ patientId: patient.principal.stakeholderId, open: true, reasonHash: matching(/^[0-9a-f]{64}$/) });
    expect(response.text).not.toContain('secret-detail');
    expect(JSON.stringify(gateway.logs.entries())).not.toContain('secret-detail');
  });

  it('when an admin scrapes /metrics, then request durations by route template and ledger calls by transaction are exposed', async () => {
    start();
    const patient = await actors.person('patient');
    await as(gateway, patient).get('/consents/grant-000000000000000000000000');
    const admin = await actors.admin();

    const response = await as(gateway, admin).get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/medledger_http_request_duration_seconds_count\{method="GET",route="\/consents\/:grantId",status="404"\} 1/);
    expect(response.text).toMatch(/medledger_ledger_call_errors_total\{transaction="Consent:getGrant",code="NOT_FOUND"\} 1/);
    expect(response.text).toContain('medledger_ledger_call_duration_seconds_bucket');
    expect(response.text).not.toContain('grant-000000000000000000000000');
  });
});
