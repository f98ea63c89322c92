import { hkdfSync, randomBytes } from 'node:crypto';
import { FileError } from '../errors';
import { FORMAT_VERSION, lengthPrefixed } from '../crypto/format';
import { openSecret, sealSecret } from './aead';
import type { Kek, SealedKek } from './key-vault';

/**
 * The two wrapping steps of the key hierarchy:
 *   master key --HKDF--> KEK-sealing key --AES-256-GCM--> per-patient KEK --AES-256-GCM--> per-file data key
 * Each AAD names exactly what the wrapped key belongs to, so a wrapped key copied onto another
 * patient, file or key reference does not unwrap.
 */
const KEK_AAD_LABEL = Buffer.from('MLKK', 'ascii');
const DATA_KEY_AAD_LABEL = Buffer.from('MLDK', 'ascii');
const VERSION = Buffer.from([FORMAT_VERSION]);

/** A purpose-bound subkey, so the master key itself never encrypts anything in this module. */
export function kekSealingKey(masterKey: Buffer): Buffer {
  if (masterKey.length !== 32) {
    throw new FileError('FILE_INVALID_INPUT', 'the master key must be 32 bytes');
  }
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.from('medledger-files'), Buffer.from('kek-sealing/v1'), 32));
}

export function sealKek(sealingKey: Buffer, patientId: string, kekId: string, kek: Buffer): string {
  return sealSecret(sealingKey, kek, kekAad(patientId, kekId)).toString('base64');
}

export function unsealKek(sealingKey: Buffer, patientId: string, kekId: string, sealed: string): Buffer {
  const kek = openSecret(sealingKey, Buffer.from(sealed, 'base64'), kekAad(patientId, kekId));
  if (kek === undefined) {
    throw new FileError('KEY_VAULT_FAILED', `the KEK ${kekId} does not unseal under this master key`);
  }
  return kek;
}

/** A new random KEK for `patientId`: the key (the caller zeroes it when done) and its sealed form to store. */
export function createKek(sealingKey: Buffer, patientId: string, now: Date): { kek: Kek; sealed: SealedKek } {
  const kekId = randomBytes(16).toString('hex');
  const key = randomBytes(32);
  return { kek: { patientId, kekId, key }, sealed: { patientId, kekId, sealedKey: sealKek(sealingKey, patientId, kekId, key), createdAt: now.toISOString() } };
}

export function openKek(sealingKey: Buffer, sealed: SealedKek): Kek {
  return { patientId: sealed.patientId, kekId: sealed.kekId, key: unsealKek(sealingKey, sealed.patientId, sealed.kekId, sealed.sealedKey) };
}

export interface DataKeyBinding {
  keyRef: string;
  kekId: string;
  fileId: string;
  patientId: string;
}

export function wrapDataKey(kek: Buffer, binding: DataKeyBinding, dataKey: Buffer): string {
  return sealSecret(kek, dataKey, dataKeyAad(binding)).toString('base64');
}

export function unwrapDataKey(kek: Buffer, binding: DataKeyBinding, wrapped: string): Buffer {
  const dataKey = openSecret(kek, Buffer.from(wrapped, 'base64'), dataKeyAad(binding));
  if (dataKey === undefined) {
    throw new FileError('FILE_KEY_UNAVAILABLE', `data key ${binding.keyRef} does not unwrap under this KEK`);
  }
  return dataKey;
}

function kekAad(patientId: string, kekId: string): Buffer {
  return Buffer.concat([KEK_AAD_LABEL, VERSION, lengthPrefixed('kekId', kekId), lengthPrefixed('patientId', patientId)]);
}

function dataKeyAad(binding: DataKeyBinding): Buffer {
  return Buffer.concat([
    DATA_KEY_AAD_LABEL,
    VERSION,
    lengthPrefixed('keyRef', binding.keyRef),
    lengthPrefixed('kekId', binding.kekId),
    lengthPrefixed('fileId', binding.fileId),
    lengthPrefixed('patientId', binding.patientId),
  ]);
}
