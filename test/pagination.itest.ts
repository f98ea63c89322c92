import { GatewayError } from '@hyperledger/fabric-gateway';
import { errorCodeOf } from '@medledger/chaincode';
import { closeActors, registeredActor, type Actor } from './support/actors';
import { closeAllClients } from './support/fabric-client';
import { secondsFromNow } from './support/ledger-time';

afterAll(() => {
  closeAllClients();
});

interface Page {
  items: { id: string; patientId: string }[];
  bookmark: string;
}

/** The chaincode code of a refused evaluation, from the peer's status message or its details. */
async function evaluationRefusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) {
      const messages = [error.message, ...error.details.map((detail) => detail.message)];
      return messages.map((message) => errorCodeOf(message)).find((code) => code !== undefined) ?? `UNCODED(${messages.join(' | ')})`;
    }
    throw error;
  }
  throw new Error('expected the evaluation to be refused, but it answered');
}

async function twoLoggedReads(patient: Actor, doctor: Actor): Promise<void> {
  await patient.submitJson('Consent:grant', [doctor.stakeholderId, '["view"]', '{"categories":["lab"]}', 'TREAT', secondsFromNow(-60), secondsFromNow(3600)]);
  await doctor.submitJson('Consent:checkAccess', [patient.stakeholderId, 'view', 'lab', '']);
  await doctor.submitJson('Consent:checkAccess', [patient.stakeholderId, 'view', 'lab', '']);
}

describe('pagination bookmarks on the real network', () => {
  it('when a patient pages with its own bookmark it gets its next entry; with another patient’s, the attack run’s or one past its range, the peers refuse', async () => {
    const admin = await registeredActor('admin');
    const alice = await registeredActor('patient');
    const bob = await registeredActor('patient');
    const doctor = await registeredActor('doctor', admin);
    await twoLoggedReads(alice, doctor);
    await twoLoggedReads(bob, doctor);

    const first = await alice.evaluateJson<Page>('AccessLog:listMine', ['1', '']);
    const second = await alice.evaluateJson<Page>('AccessLog:listMine', ['1', first.bookmark]);
    const bobsFirst = await bob.evaluateJson<Page>('AccessLog:listMine', ['1', '']);
    const refusals = await Promise.all(
      [bobsFirst.bookmark, '\u0000accessLog\u0000', '\u0000', '\u0000zzzz\u0000', 'garbage'].map((bookmark) =>
        evaluationRefusal(alice.contract.evaluateTransaction('AccessLog:listForPatient', alice.stakeholderId, '100', bookmark)),
      ),
    );

    expect(first.items).toEqual([expect.objectContaining({ patientId: alice.stakeholderId })]);
    expect(second.items).toEqual([expect.objectContaining({ patientId: alice.stakeholderId })]);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(bobsFirst.bookmark).not.toBe('');
    expect(refusals).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    closeActors(admin, alice, bob, doctor);
  });
});
