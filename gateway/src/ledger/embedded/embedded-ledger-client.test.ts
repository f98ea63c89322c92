import { contracts } from '@medledger/chaincode';
import { MemoryLedger } from '@medledger/ledger-sim';
import { createEmbeddedLedgerAccess } from './embedded-mode';
import { newPrincipal } from '../fabric/test-support/principals';
import { RecordingLogger } from '../fabric/test-support/recording-logger';
import { LedgerError, type PreparedTransaction } from '../ledger-port';

function setUp() {
  const logger = new RecordingLogger();
  const memory = new MemoryLedger({ contracts, collections: ['healthRecords'] });
  const { ledger, provisioner } = createEmbeddedLedgerAccess(memory, logger);
  return { ledger, provisioner, logger, memory };
}

describe('EmbeddedLedgerClient', () => {
  it('when a principal registers, then it can read its own stakeholder record with the role and ID from its certificate', async () => {
    const { ledger, provisioner, logger } = setUp();
    const patient = newPrincipal('patient');
    await provisioner.ensureIdentity(patient);

    const registered = await ledger.submit(patient, 'Stakeholder:register');
    const record = JSON.parse(await ledger.evaluate(patient, 'Stakeholder:get', [patient.stakeholderId])) as Record<string, unknown>;

    expect(registered.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(record).toMatchObject({ id: patient.stakeholderId, role: 'patient', mspId: 'ProvidersMSP', status: 'active' });
    expect(logger.entries.map((entry) => entry.fields.txId)).toEqual([registered.txId, expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });

  it('when the contract refuses, then the refusal is a LedgerError with the catalog code and status', async () => {
    const { ledger } = setUp();
    const doctor = newPrincipal('doctor');
    await ledger.submit(doctor, 'Stakeholder:register');

    const again = await ledger.submit(doctor, 'Stakeholder:register').catch((error: unknown) => error);
    const missing = await ledger.evaluate(doctor, 'Stakeholder:get', ['pat-doesnotexist']).catch((error: unknown) => error);

    expect(again).toBeInstanceOf(LedgerError);
    expect(again).toMatchObject({ code: 'ALREADY_EXISTS', txId: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when a principal’s identity is revoked, then its calls are refused with IDENTITY_REVOKED', async () => {
    const { ledger, provisioner } = setUp();
    const patient = newPrincipal('patient');
    await ledger.submit(patient, 'Stakeholder:register');

    await provisioner.revokeIdentity(patient);

    await expect(ledger.evaluate(patient, 'Stakeholder:get', [patient.stakeholderId])).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
    await expect(provisioner.ensureIdentity(patient)).rejects.toMatchObject({ code: 'IDENTITY_REVOKED' });
  });

  it('when transient data is submitted, then it is neither logged nor stored', async () => {
    const { ledger, logger } = setUp();
    const patient = newPrincipal('patient');

    await ledger.submit(patient, 'Stakeholder:register', [], { note: 'transient-secret' });

    expect(logger.text()).not.toContain('transient-secret');
  });

  it('when a submit has a journal, then it is told of the endorsed transaction before the commit, and settle answers its committed result', async () => {
    const { ledger, memory } = setUp();
    const patient = newPrincipal('patient');
    const prepared: PreparedTransaction[] = [];
    const committedWhenTold: boolean[] = [];

    const result = await ledger.submit(patient, 'Stakeholder:register', [], undefined, {
      prepared: async (transaction) => {
        prepared.push(transaction);
        committedWhenTold.push(memory.blockHeight() > 1);
        return Promise.resolve();
      },
    });
    const settled = await ledger.settle(patient, prepared[0] ?? { txId: '', fn: '', envelope: '' });

    expect(prepared.map(({ txId, fn }) => ({ txId, fn }))).toEqual([{ txId: result.txId, fn: 'Stakeholder:register' }]);
    expect(committedWhenTold).toEqual([false]);
    expect(settled).toEqual({ committed: true, txId: result.txId, payload: result.payload });
  });

  it('when the journal refuses the transaction, then nothing commits and settle reports it as never committing', async () => {
    const { ledger, memory } = setUp();
    const patient = newPrincipal('patient');
    const prepared: PreparedTransaction[] = [];

    const refused = ledger.submit(patient, 'Stakeholder:register', [], undefined, {
      prepared: (transaction) => {
        prepared.push(transaction);
        return Promise.reject(new Error('the key was taken over'));
      },
    });

    await expect(refused).rejects.toThrow('the key was taken over');
    expect(memory.blockHeight()).toBe(1);
    expect(await ledger.settle(patient, prepared[0] ?? { txId: '', fn: '', envelope: '' })).toEqual({ committed: false, txId: prepared[0]?.txId });
  });
});
