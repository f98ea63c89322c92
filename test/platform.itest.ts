import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { closeActors, newActor } from './support/actors';
import { loadIdentity } from './support/enroll';
import { eventOf, eventPayload } from './support/events';
import { closeAllClients, openSession, utf8 } from './support/fabric-client';
import { isLoopback, listeningSocketsOf } from './support/listening-sockets';
import { STATE_DIR } from './support/network-paths';
import { refusalCode } from './support/refusals';

afterAll(() => {
  closeAllClients();
});

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

describe('the native network’s exposure', () => {
  it('when the network is up, then every one of its processes (CAs, orderers, peers, chaincode) listens on loopback only', () => {
    const pidFiles = readdirSync(join(STATE_DIR, 'pids')).filter((name) => name.endsWith('.pid'));
    const exposed: string[] = [];
    let sockets = 0;

    for (const file of pidFiles) {
      const pid = Number(readFileSync(join(STATE_DIR, 'pids', file), 'utf8').trim());
      for (const socket of listeningSocketsOf(pid)) {
        sockets += 1;
        if (!isLoopback(socket.address)) {
          exposed.push(`${file.replace(/\.pid$/, '')} on ${socket.address}:${socket.port}`);
        }
      }
    }

    expect(pidFiles.length).toBeGreaterThanOrEqual(9); // 3 CAs, 3 orderers, 2 peers, the chaincode
    expect(sockets).toBeGreaterThanOrEqual(pidFiles.length);
    expect(exposed).toEqual([]);
  });
});
