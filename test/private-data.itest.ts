import { StatusCode } from '@hyperledger/fabric-gateway';
import { closeActors, registeredActor } from './support/actors';
import { eventOf } from './support/events';
import { closeAllClients, utf8 } from './support/fabric-client';
import { sha256Of } from './support/ledger-time';

afterAll(() => {
  closeAllClients();
});

const FILE_DETAILS = { fileName: 'blood-panel-2026-03.pdf', description: 'HbA1c follow-up' };

describe('private data on the real network', () => {
  it('when a file is recorded with transient details, then only the collection holds them, and a purge removes them', async () => {
    const patient = await registeredActor('patient');
    const fileId = `file-${patient.stakeholderId}`;
    const args = [fileId, patient.stakeholderId, 'lab', sha256Of('content'), sha256Of('ciphertext'), '2048', 'application/pdf', `sha256:${sha256Of('ciphertext')}`, 'false', 'N'];

    const create = await patient.contract.submitAsync('Records:createFile', {
      arguments: args,
      transientData: { file: new TextEncoder().encode(JSON.stringify(FILE_DETAILS)) },
    });
    const createStatus = await create.getStatus();
    const publicView = utf8(await patient.contract.evaluateTransaction('Records:getFileMetadata', fileId));
    const accessed = await patient.submitJson<Record<string, unknown>>('Records:accessFile', [fileId, '0']);
    const purge = await patient.contract.submitAsync('Records:erasePrivateData', { arguments: [fileId] });
    const purgeStatus = await purge.getStatus();
    const afterPurge = await patient.submitJson<Record<string, unknown>>('Records:accessFile', [fileId, '0']).catch((error: unknown) => error);

    expect(createStatus.code).toBe(StatusCode.VALID);
    expect(publicView).not.toContain(FILE_DETAILS.fileName);
    expect(JSON.stringify(accessed)).toContain(FILE_DETAILS.fileName);
    expect(purgeStatus.code).toBe(StatusCode.VALID);
    expect(JSON.stringify(afterPurge)).not.toContain(FILE_DETAILS.fileName);
    expect((await eventOf(patient.network, create.getTransactionId(), createStatus.blockNumber)).eventName).toBe('createFile');
    expect((await eventOf(patient.network, purge.getTransactionId(), purgeStatus.blockNumber)).eventName).toBe('erasePrivateData');
    closeActors(patient);
  });
});
