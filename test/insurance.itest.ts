import { closeActors, registeredActor } from './support/actors';
import { eventOf, eventPayload } from './support/events';
import { closeAllClients } from './support/fabric-client';
import { secondsFromNow, sha256Of, sleep } from './support/ledger-time';
import { refusalCode } from './support/refusals';

afterAll(() => {
  closeAllClients();
});

describe('insurance on the real network', () => {
  it('when the insurer answers with the locked terms hash and price, then a policy is issued; after the deadline it is refused', async () => {
    const admin = await registeredActor('admin');
    const [patient, insurer] = await Promise.all([registeredActor('patient'), registeredActor('insurer', admin)]);
    const packageId = `pkg-${insurer.stakeholderId}`;
    const terms = sha256Of(`terms of ${packageId}`);
    await insurer.submitJson('Insurance:publishPackage', [packageId, terms, '12000', 'EUR', '{"categories":["lab"],"annualLimitMinor":100000}', 'Adults 18-65.']);
    const matched = await patient.submitJson<{ id: string }>('Insurance:apply', ['', packageId, '1', terms, secondsFromNow(3600), '']);
    const late = await patient.submitJson<{ id: string }>('Insurance:apply', ['', packageId, '1', terms, secondsFromNow(8), '']);

    const answer = await insurer.contract.submitAsync('Insurance:respond', { arguments: [matched.id, terms, '12000'] });
    const answerStatus = await answer.getStatus();
    await sleep(10_000);
    const lateCode = await refusalCode(insurer.contract.submitTransaction('Insurance:respond', late.id, terms, '12000'));

    expect(answerStatus.successful).toBe(true);
    const application = await patient.evaluateJson<{ status: string; policyId: string }>('Insurance:getApplication', [matched.id]);
    expect(application.status).toBe('approved');
    expect(application.policyId).toMatch(/^pol-/);
    expect(lateCode).toBe('DEADLINE_PASSED');
    const event = await eventOf(patient.network, answer.getTransactionId(), answerStatus.blockNumber);
    expect(event.eventName).toBe('respond');
    expect(eventPayload(event)).toMatchObject({ applicationId: matched.id });
    closeActors(admin, patient, insurer);
  });
});
