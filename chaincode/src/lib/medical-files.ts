import type { Context } from 'fabric-contract-api';
import {
  MEDICAL_FILE_DETAILS_TYPE,
  MEDICAL_FILE_TYPE,
  MEDICAL_FILE_VERSION_TYPE,
  type MedicalFile,
  type MedicalFileHead,
} from '../models/medical-file';
import { objectKey, requireObject } from './state';

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
