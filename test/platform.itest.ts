import { StatusCode } from '@hyperledger/fabric-gateway';
import { closeActors, newActor } from './support/actors';
import { loadIdentity } from './support/enroll';
import { eventOf, eventPayload } from './support/events';
import { closeAllClients, openSession, utf8 } from './support/fabric-client';
import { refusalCode } from './support/refusals';

afterAll(() => closeAllClients());

describe('walking skeleton on the native Fabric network', () => {
  it('when a MedLedger identity submits a ping, then it commits VALID, evaluates back and emits its event', async () => {
    const doctor = newActor('doctor');

    const commit = await doctor.contract.submitAsync('Platform:ping', { arguments: ['integration'] });
    const status = await commit.getStatus();
    const txId = utf8(commit.getResult());

    expect(status.code).toBe(StatusCode.VALID);
    expect(status.successful).toBe(true);
    expect(txId).toBe(commit.getTransactionId());
    expect(utf8(await doctor.contract.evaluateTransaction('Platform:getVersion'))).toBe('0.1.0');
    const event = await eventOf(doctor.network, txId, status.blockNumber);
    expect(event.eventName).toBe('ping');
    expect(eventPayload(event)).toMatchObject({ by: doctor.stakeholderId, label: 'integration', txId });
    closeActors(doctor);
  });

  it('when the certificate lacks the MedLedger attributes, then every endorsing peer refuses the write', async () => {
    const orgAdmin = openSession(loadIdentity('providers', 'orgadmin'));

    const code = await refusalCode(orgAdmin.contract.submitTransaction('Platform:ping', 'no-attributes'));

    expect(code).toBe('IDENTITY_INVALID');
    orgAdmin.gateway.close();
  });
});
