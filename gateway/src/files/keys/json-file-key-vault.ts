import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../../platform/durable-fs';
import { FileError } from '../errors';
import { StateKeyVault } from './state-key-vault';
import { type VaultDocument, VaultState } from './vault-state';

/**
 * A durable vault in one JSON file (mode 0600), rewritten atomically on every change. It holds
 * only sealed KEKs and wrapped data keys, never a key in the clear. Suited to modest numbers of
 * files; the SQLite store can implement KeyVault later behind the same interface.
 */
export async function openJsonFileKeyVault(path: string, masterKey: Buffer, clock?: () => Date): Promise<StateKeyVault> {
  const persist = (document: VaultDocument): Promise<void> => writeFileAtomically(path, `${JSON.stringify(document, null, 1)}\n`);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new FileError('KEY_VAULT_FAILED', `cannot read the key vault ${path}`, { cause: error });
    }
  }
  if (text === undefined) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const state = VaultState.empty(masterKey);
    await persist(state.toDocument());
    return new StateKeyVault(masterKey, state, persist, clock);
  }
  let document: VaultDocument;
  try {
    document = JSON.parse(text) as VaultDocument;
  } catch (error) {
    throw new FileError('KEY_VAULT_FAILED', `the key vault ${path} is not valid JSON`, { cause: error });
  }
  return new StateKeyVault(masterKey, VaultState.fromDocument(masterKey, document), persist, clock);
}
