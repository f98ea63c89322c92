import { writeFile } from 'node:fs/promises';
import { uniquePatientId } from '../../file-test-helpers';
import type { DataKeyRecord, Kek } from '../key-vault';
import { VaultState } from '../vault-state';
import { dataKeyRecord } from './key-vault-contract';

export interface LegacyVault {
  kek: Kek;
  record: DataKeyRecord;
}

/** A key vault file as gateways before the store vault wrote it (mode 0600): one patient's KEK and one committed data key. */
export async function writeLegacyVaultFile(path: string, master: Buffer): Promise<LegacyVault> {
  const state = VaultState.empty(master);
  const patientId = uniquePatientId();
  const kek = state.createKek(patientId, new Date());
  const record = dataKeyRecord(patientId, { kekId: kek.kekId, state: 'committed' });
  state.putDataKey(record);
  await writeFile(path, JSON.stringify(state.toDocument()), { mode: 0o600 });
  return { kek, record };
}
