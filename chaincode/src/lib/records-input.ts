import type { Context } from 'fabric-contract-api';
import {
  AMENDMENT_REASON_MAX,
  FILE_DESCRIPTION_MAX,
  FILE_NAME_MAX,
  MAX_FILE_BYTES,
  MEDIA_TYPE_PATTERN,
  STORAGE_REF_PATTERN,
  type AmendmentDetails,
  type FileContent,
  type FileDetails,
} from '../contract';
import { ChaincodeError } from './errors';
import { requireTransientJson } from './private-data';
import { requireNonNegativeInteger, requirePattern, requireSha256, requireText } from './validation';

/* The Records contract's input checks: file content arguments and the transient file and amendment details. */

/** A version's content as the transaction arguments carry it, before any check. */
export interface ContentArguments {
  contentSha256: string;
  ciphertextSha256: string;
  sizeBytes: number;
  mediaType: string;
  storageRef: string;
  clientEncrypted: boolean;
}

export function requireContent({ contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, clientEncrypted }: ContentArguments): FileContent {
  if (typeof clientEncrypted !== 'boolean') {
    throw new ChaincodeError('INVALID_ARGUMENT', 'clientEncrypted must be true or false');
  }
  requirePattern('mediaType', mediaType, MEDIA_TYPE_PATTERN, 'a lowercase MIME type such as application/pdf');
  requirePattern('storageRef', storageRef, STORAGE_REF_PATTERN, "3-256 characters of letters, digits, '.', '_', ':', '/' or '-'");
  return {
    contentSha256: requireSha256('contentSha256', contentSha256),
    ciphertextSha256: requireSha256('ciphertextSha256', ciphertextSha256),
    // 0 is valid: an empty file is still one authenticated chunk off chain.
    sizeBytes: requireNonNegativeInteger('sizeBytes', sizeBytes, MAX_FILE_BYTES),
    mediaType,
    storageRef,
    clientEncrypted,
  };
}

export function optionalText(field: string, value: unknown, maxLength: number): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a string`);
  }
  return requireText(field, value, maxLength);
}

export function requiredText(field: string, value: unknown, maxLength: number): string {
  const text = optionalText(field, value, maxLength);
  if (text === undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} is required`);
  }
  return text;
}

/** Transient 'file': {fileName, description?}. */
export function requireFileDetails(ctx: Context): FileDetails {
  const input = requireTransientJson(ctx, 'file');
  return {
    fileName: requiredText('file.fileName', input.fileName, FILE_NAME_MAX),
    description: optionalText('file.description', input.description, FILE_DESCRIPTION_MAX),
  };
}

/** Transient 'amendment': {reason, fileName?, description?}. */
export function requireAmendmentDetails(ctx: Context): AmendmentDetails {
  const input = requireTransientJson(ctx, 'amendment');
  return {
    reason: requiredText('amendment.reason', input.reason, AMENDMENT_REASON_MAX),
    fileName: optionalText('amendment.fileName', input.fileName, FILE_NAME_MAX),
    description: optionalText('amendment.description', input.description, FILE_DESCRIPTION_MAX),
  };
}
