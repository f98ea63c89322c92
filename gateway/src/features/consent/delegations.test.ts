import { createTestGateway, type TestGateway } from '../../test-support/test-gateway';
import { Actors, as, hoursFromNow, type Actor } from '../../acceptance/test-support/actors';

interface DelegationPage {
  items: { id: string; patientId: string; delegateId: string; effectiveStatus: string }[];
  nextCursor: string | null;
}

/** GET /me/delegations and /me/delegations/held: each person lists their own side, and only it. */
describe('listing delegations', () => {
  let gateway: TestGateway;
  let patient: Actor;
  let delegate: Actor;
  let stranger: Actor;

  beforeEach(async () => {
    gateway = createTestGateway();
    const actors = new Actors(gateway);
    patient = await actors.person('patient');
    delegate = await actors.person('patient');
    stranger = await actors.person('patient');
  }, 30_000);

  afterEach(() => gateway.close());

  const list = async (actor: Actor, path: string): Promise<DelegationPage> => {
    const response = await as(gateway, actor).get(path);
    expect(response.status).toBe(200);
    return response.body as DelegationPage;
  };

  it('when a patient delegates and later ends it, then the patient lists it as given, the delegate as held, a stranger neither, with its status', async () => {
    const made = await as(gateway, patient).post('/delegations').send({ delegateId: delegate.principal.stakeholderId, validUntil: hoursFromNow(24) });
    expect(made.status).toBe(201);
    const id = (made.body as { id: string }).id;

    const given = await list(patient, '/me/delegations');
    const held = await list(delegate, '/me/delegations/held');
    expect(given.items.map((item) => [item.id, item.delegateId, item.effectiveStatus])).toEqual([[id, delegate.principal.stakeholderId, 'active']]);
    expect(held.items.map((item) => [item.id, item.patientId])).toEqual([[id, patient.principal.stakeholderId]]);
    expect((await list(delegate, '/me/delegations')).items).toEqual([]);
    expect((await list(stranger, '/me/delegations')).items).toEqual([]);
    expect((await list(stranger, '/me/delegations/held')).items).toEqual([]);

    expect((await as(gateway, patient).delete(`/delegations/${id}`)).status).toBe(200);
    expect((await list(patient, '/me/delegations')).items.map((item) => item.effectiveStatus)).toEqual(['revoked']);
  });
});
