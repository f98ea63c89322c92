import { closeActors, registeredActor } from './support/actors';
import { eventOf, eventPayload } from './support/events';
import { closeAllClients } from './support/fabric-client';
import { secondsFromNow } from './support/ledger-time';
import { refusalCode } from './support/refusals';

afterAll(() => {
  closeAllClients();
});

describe('consent on the real network', () => {
  it('when a patient grants a doctor lab view, then the doctor reads; after revocation every endorser refuses', async () => {
    const admin = await registeredActor('admin');
    const patient = await registeredActor('patient');
    const doctor = await registeredActor('doctor', admin);
    const grantArgs = [doctor.stakeholderId, '["view"]', '{"categories":["lab"]}', 'TREAT', secondsFromNow(-60), secondsFromNow(3600)];

    const grantCommit = await patient.contract.submitAsync('Consent:grant', { arguments: grantArgs });
    const grant = JSON.parse(new TextDecoder().decode(grantCommit.getResult())) as { id: string };
    const grantStatus = await grantCommit.getStatus();
    const read = await doctor.submitJson<{ basis: string; grantId: string }>('Consent:checkAccess', [patient.stakeholderId, 'view', 'lab', '']);
    await patient.contract.submitTransaction('Consent:revoke', grant.id);
    const afterRevoke = await refusalCode(doctor.contract.submitTransaction('Consent:checkAccess', patient.stakeholderId, 'view', 'lab', ''));

    expect(grantStatus.successful).toBe(true);
    expect(read).toMatchObject({ basis: 'grant', grantId: grant.id });
    expect(afterRevoke).toBe('CONSENT_REQUIRED');
    const event = await eventOf(patient.network, grantCommit.getTransactionId(), grantStatus.blockNumber);
    expect(event.eventName).toBe('grant');
    expect(eventPayload(event)).not.toHaveProperty('purpose');
    const log = await patient.evaluateJson<{ items: { accessorId: string; basis: string }[] }>('AccessLog:listMine', ['10', '']);
    expect(log.items).toEqual([expect.objectContaining({ accessorId: doctor.stakeholderId, basis: 'grant' })]);
    closeActors(admin, patient, doctor);
  });
});
