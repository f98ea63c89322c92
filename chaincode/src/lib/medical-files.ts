import type { Context } from 'fabric-contract-api';
import type { FileContent, MedicalFile, MedicalFileHead } from '../contract';
import { BLOB_CLAIM_TYPE, type BlobClaim, type BlobClaimKind } from '../models/blob-claim';
import { MEDICAL_FILE_DETAILS_TYPE, MEDICAL_FILE_TYPE, MEDICAL_FILE_VERSION_TYPE } from '../models/medical-file';
import { ChaincodeError } from './errors';
import { objectKey, readObject, requireObject, writeObject } from './state';

/**
 * Keys and reads of medical file records, shared by the Records contract and the contracts that
 * link to a file (a hospital service's lab report).
 */

/** Versions are zero-padded in keys so a partial-key query returns them in version order. */
export function versionKeyPart(version: number): string {
  return String(version).padStart(10, '0');
}

export function fileHeadKey(ctx: Context, fileId: string): string {
  return objectKey(ctx, MEDICAL_FILE_TYPE, [fileId]);
}

export function fileVersionKey(ctx: Context, fileId: string, version: number): string {
  return objectKey(ctx, MEDICAL_FILE_VERSION_TYPE, [fileId, versionKeyPart(version)]);
}

/** Private-collection key of one version's details. */
export function fileDetailsKey(ctx: Context, fileId: string, version: number): string {
  return objectKey(ctx, MEDICAL_FILE_DETAILS_TYPE, [fileId, versionKeyPart(version)]);
}

export async function requireFileHead(ctx: Context, fileId: string): Promise<MedicalFileHead> {
  return requireObject<MedicalFileHead>(ctx, fileHeadKey(ctx, fileId), `medical file ${fileId}`);
}

export async function requireFileVersion(ctx: Context, fileId: string, version: number): Promise<MedicalFile> {
  return requireObject<MedicalFile>(ctx, fileVersionKey(ctx, fileId, version), `version ${version} of medical file ${fileId}`);
}

function blobClaimKey(ctx: Context, kind: BlobClaimKind, value: string): string {
  return objectKey(ctx, BLOB_CLAIM_TYPE, [kind, value]);
}

/**
 * Claims the blob a version or amendment names for its file (see BlobClaim), or confirms the file
 * already holds it. A storage reference or ciphertext hash already recorded for any other file,
 * of this patient or another, is refused with INVALID_ARGUMENT; the message names neither that
 * file nor its patient. Call it after the access decision, so only a caller who may write this
 * file learns that a reference is taken.
 */
export async function claimBlob(
  ctx: Context,
  file: Pick<MedicalFileHead, 'fileId' | 'patientId'>,
  content: Pick<FileContent, 'storageRef' | 'ciphertextSha256'>,
): Promise<void> {
  const claims: [BlobClaimKind, string][] = [
    ['storageRef', content.storageRef],
    ['ciphertextSha256', content.ciphertextSha256],
  ];
  const unclaimed: string[] = [];
  for (const [kind, value] of claims) {
    const key = blobClaimKey(ctx, kind, value);
    const claim = await readObject<BlobClaim>(ctx, key);
    if (claim === undefined) {
      unclaimed.push(key);
    } else if (claim.fileId !== file.fileId || claim.patientId !== file.patientId) {
      throw new ChaincodeError('INVALID_ARGUMENT', `${kind} names content that was not uploaded for medical file ${file.fileId}; upload it to this file`);
    }
  }
  for (const key of unclaimed) {
    await writeObject(ctx, key, { fileId: file.fileId, patientId: file.patientId } satisfies BlobClaim);
  }
}

/** At erasure: the storage reference leaves world state with the version that named it; the ciphertext claim stays, as the tombstone's hash does. */
export async function releaseStorageRef(ctx: Context, storageRef: string): Promise<void> {
  await ctx.stub.deleteState(blobClaimKey(ctx, 'storageRef', storageRef));
}
