import { readFile, rename } from 'node:fs/promises';
import { FileError } from '../errors';
import type { DataKeyRecord, SealedKek } from './key-vault';
import type { KeyVaultRepository, KeyVaultStore } from './key-vault-repository';
import { type VaultDocument, VaultState } from './vault-state';

/** What an import did, for the log line: counts and paths, never key material. */
export type JsonVaultImport = { outcome: 'imported' | 'already-imported'; from: string; to: string; keks: number; dataKeys: number };

/**
 * Moves a key vault file of gateways before the vault lived in the store (one JSON file per
 * gateway) into the store, once. Absent file: nothing to do. The file must be sealed under this
 * master key and is copied in one transaction into an empty store vault, then renamed to
 * `<name>.imported`, so it is never read twice. A store vault that already holds keys is left
 * alone and start-up is refused, since merging would revive KEKs destroyed since (crypto-shredding)
 * or mix two gateways' vaults, unless the file holds nothing the store lacks (a start that stopped
 * between the import and the rename): then the file is only renamed.
 */
export async function importJsonVaultFile(path: string, store: KeyVaultStore, masterKey: Buffer): Promise<JsonVaultImport | undefined> {
  const document = await readVaultFile(path);
  if (document === undefined) {
    return undefined;
  }
  // Refuses another format, another master key, or duplicate records, before the store is touched.
  const { keks, dataKeys } = VaultState.fromDocument(masterKey, document).toDocument();
  const outcome = await store.transaction(async ({ fileKeys }) => {
    if (await fileKeys.isEmpty()) {
      await copyInto(fileKeys, keks, dataKeys);
      return 'imported' as const;
    }
    if (await holdsAll(fileKeys, keks, dataKeys)) {
      return 'already-imported' as const;
    }
    throw new FileError(
      'KEY_VAULT_FAILED',
      `the key vault file ${path} has keys the gateway store's key vault lacks, and the store's vault is not empty, so the file was not imported; ` +
        'if another gateway on this database has imported its own file, move this file aside, otherwise restore the store or empty its key vault tables before starting again',
    );
  });
  const to = `${path}.imported`;
  await rename(path, to);
  return { outcome, from: path, to, keks: keks.length, dataKeys: dataKeys.length };
}

async function readVaultFile(path: string): Promise<VaultDocument | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new FileError('KEY_VAULT_FAILED', `cannot read the key vault file ${path}`, { cause: error });
  }
  try {
    return JSON.parse(text) as VaultDocument;
  } catch (error) {
    throw new FileError('KEY_VAULT_FAILED', `the key vault file ${path} is not valid JSON`, { cause: error });
  }
}

async function copyInto(fileKeys: KeyVaultRepository, keks: SealedKek[], dataKeys: DataKeyRecord[]): Promise<void> {
  for (const kek of keks) {
    await fileKeys.insertKekIfAbsent(kek);
  }
  for (const record of dataKeys) {
    await fileKeys.insertDataKey(record);
  }
}

async function holdsAll(fileKeys: KeyVaultRepository, keks: SealedKek[], dataKeys: DataKeyRecord[]): Promise<boolean> {
  for (const kek of keks) {
    const stored = await fileKeys.getKek(kek.patientId);
    if (stored?.kekId !== kek.kekId || stored.sealedKey !== kek.sealedKey) {
      return false;
    }
  }
  for (const record of dataKeys) {
    if ((await fileKeys.getDataKey(record.keyRef))?.wrappedKey !== record.wrappedKey) {
      return false;
    }
  }
  return true;
}
