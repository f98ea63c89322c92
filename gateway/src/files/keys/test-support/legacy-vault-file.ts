import { writeFile } from 'node:fs/promises';
import { uniquePatientId } from '../../file-test-helpers';
import type { DataKeyRecord, Kek } from '../key-vault';
import { StateKeyVault } from '../state-key-vault';
import { type VaultDocument, VaultState } from '../vault-state';
import { dataKeyRecord } from './key-vault-contract';

export interface LegacyVault {
  kek: Kek;
  record: DataKeyRecord;
}

/** A key vault file as gateways before the store vault wrote it (mode 0600): one patient's KEK and one committed data key. */
export async function writeLegacyVaultFile(path: string, master: Buffer): Promise<LegacyVault> {
  let document: VaultDocument | undefined;
  const vault = new StateKeyVault(master, VaultState.empty(master), (written) => {
    document = written;
    return Promise.resolve();
  });
  const patientId = uniquePatientId();
  const kek = await vault.getOrCreateKek(patientId);
  const record = dataKeyRecord(patientId, { kekId: kek.kekId, state: 'committed' });
  await vault.putDataKey(record);
  await writeFile(path, JSON.stringify(document), { mode: 0o600 });
  return { kek, record };
}
