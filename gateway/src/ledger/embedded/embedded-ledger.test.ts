import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../platform/logging/logger';
import type { Principal } from '../../identity/principals/principal';
import { embeddedBackend } from './embedded-backend';
import { LedgerSnapshotFile } from './ledger-snapshot-file';
import { useTemporaryDirectory } from '../../test-support/temporary-directory';

const logger = createLogger('silent');
let count = 0;

function patient(): Principal {
  count += 1;
  return { id: `prn_embedded${count}`, kind: 'person', role: 'patient', stakeholderId: `pat-embedded${count}x`, mspId: 'ProvidersMSP', displayName: 'P', createdAt: '2030-01-01T00:00:00.000Z' };
}

describe('embedded ledger between runs', () => {
  const dir = useTemporaryDirectory('medledger-embedded-');

  it('when the server saves and a new run loads the snapshot, then the ledger state is back, sealed on disk', async () => {
    const file = join(dir.path, 'embedded-ledger.sealed');
    const key = Buffer.alloc(32, 3);
    const first = embeddedBackend({ logger, snapshot: new LedgerSnapshotFile(file, key) });
    const principal = patient();
    await first.ledger.submit(principal, 'Stakeholder:register');

    first.persist?.();
    const second = embeddedBackend({ logger, snapshot: new LedgerSnapshotFile(file, key) });

    const record = JSON.parse(await second.ledger.evaluate(principal, 'Stakeholder:get', [principal.stakeholderId])) as { id: string };
    expect(record.id).toBe(principal.stakeholderId);
    expect(readFileSync(file, 'utf8')).not.toContain(principal.stakeholderId);
  });

  it('when the snapshot was sealed under another master key, then start-up says so', async () => {
    const file = join(dir.path, 'embedded-ledger.sealed');
    const backend = embeddedBackend({ logger, snapshot: new LedgerSnapshotFile(file, Buffer.alloc(32, 1)) });
    await backend.ledger.submit(patient(), 'Stakeholder:register');
    backend.persist?.();

    expect(() => embeddedBackend({ logger, snapshot: new LedgerSnapshotFile(file, Buffer.alloc(32, 2)) })).toThrow(/another master key/);
  });

  it('when the CLI opens the ledger, then it never writes the server’s snapshot', () => {
    const backend = embeddedBackend({ logger, snapshot: new LedgerSnapshotFile(join(dir.path, 'x.sealed'), Buffer.alloc(32, 1)), writeSnapshot: false });

    expect('persist' in backend).toBe(false);
  });

  it('when a principal onboarded elsewhere first calls this in-memory ledger, then it is registered before its call', async () => {
    const principal = patient();
    await embeddedBackend({ logger }).ledger.submit(principal, 'Stakeholder:register');
    const fresh = embeddedBackend({ logger });

    const record = JSON.parse(await fresh.ledger.evaluate(principal, 'Stakeholder:get', [principal.stakeholderId])) as { status: string };

    expect(record.status).toBe('active');
  });

  it('when the chaincode refuses, then the caller gets a LedgerError with the catalog code', async () => {
    const backend = embeddedBackend({ logger });
    const principal = patient();
    await backend.ledger.submit(principal, 'Stakeholder:register');

    await expect(backend.ledger.submit(principal, 'Stakeholder:register')).rejects.toMatchObject({ name: 'LedgerError', code: 'ALREADY_EXISTS' });
  });

  it('when /version asks, then the probe identity gets the chaincode version', async () => {
    expect(await embeddedBackend({ logger }).platform.chaincodeVersion()).toBe('0.1.0');
  });
});
