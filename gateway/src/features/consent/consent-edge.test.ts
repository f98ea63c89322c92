import { createTestGateway, type TestGateway } from '../../test-support/test-gateway';
import { Actors, as, hoursFromNow, type Actor } from '../../acceptance/test-support/actors';

/**
 * The consent bodies are the contract surface's schemas (accessActions, grantScope, instant), so
 * what the chaincode would refuse as INVALID_ARGUMENT is refused at the edge with 422, as the
 * OpenAPI document states it (uniqueItems, maxItems, the instant's pattern).
 */
interface Problem {
  code: string;
  errors: { path: string }[];
}

describe('consent requests refused at the edge by the contract surface’s rules', () => {
  let gateway: TestGateway;
  let patient: Actor;
  let doctor: Actor;

  beforeEach(async () => {
    gateway = createTestGateway();
    const actors = new Actors(gateway);
    patient = await actors.person('patient');
    doctor = await actors.person('doctor');
  }, 30_000);

  afterEach(() => gateway.close());

  const refusals: [string, Record<string, unknown>, string][] = [
    ['a repeated action', { actions: ['view', 'view'] }, 'actions'],
    ['a repeated category', { scope: { categories: ['lab', 'lab'] } }, 'scope'],
    ['a repeated record ID', { scope: { recordIds: ['rec-0001', 'rec-0001'] } }, 'scope'],
    ['categories and record IDs together', { scope: { categories: ['lab'], recordIds: ['rec-0001'] } }, 'scope'],
    ['an instant with more than millisecond precision', { validUntil: '2099-01-31T12:00:00.1234Z' }, 'validUntil'],
  ];

  it.each(refusals)('when a grant has %s, then 422 VALIDATION_FAILED names the field and no grant is made', async (_case, patch, field) => {
    const body = { granteeId: doctor.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24), ...patch };

    const response = await as(gateway, patient).post('/consents').send(body);
    const grants = await as(gateway, patient).get(`/patients/${patient.principal.stakeholderId}/consents`);

    const problem = response.body as Problem;
    expect(response.status).toBe(422);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((error) => error.path.split('.')[0])).toContain(field);
    expect((grants.body as { items: unknown[] }).items).toEqual([]);
  });

  it('when an access request repeats a category, then 422 VALIDATION_FAILED', async () => {
    const body = { patientId: patient.principal.stakeholderId, actions: ['view'], scope: { categories: ['lab', 'lab'] }, purpose: 'TREAT', validUntil: hoursFromNow(24) };

    const response = await as(gateway, doctor).post('/access-requests').send(body);

    expect(response.status).toBe(422);
    expect((response.body as Problem).code).toBe('VALIDATION_FAILED');
  });
});
