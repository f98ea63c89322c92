import { z } from 'zod';

/**
 * Identifiers and references as the chaincode accepts and records them. Every one is a code or a
 * pseudonym, never a name: these values are public state, readable by every channel member.
 */

/** Pseudonymous stakeholder IDs: a role prefix, '-', then 6-64 letters, digits, '_' or '-'; never a name or an email address. */
export const STAKEHOLDER_ID_PATTERN = /^[a-z][a-z0-9-]{1,15}-[A-Za-z0-9_-]{6,64}$/;
/** IDs of everything else on the ledger (grants, files, orders...), chosen by the gateway or derived from the transaction ID. */
export const OBJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;
/** A SHA-256 digest as lowercase hex. */
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
/** An opaque storage reference the gateway allocated for an off-chain blob, e.g. "blob:fil-7c1e/v2". */
export const STORAGE_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{2,255}$/;
/** A hospital catalogue code such as "LAB-CBC" or "IMG.MRI-2": a code, never free text. */
export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
/** What kind of object an access-log entry names, e.g. 'file-version', 'claim'. */
export const RESOURCE_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9-]{1,31}$/;
/** File IDs stay short enough that "<fileId>.v<version>" is still an object ID (the access log's resource ID). */
export const FILE_ID_MAX_LENGTH = 100;

export const stakeholderId = z.string().regex(STAKEHOLDER_ID_PATTERN, 'must be a pseudonymous stakeholder ID such as pat-4f9a1c2e');
export const objectId = z.string().regex(OBJECT_ID_PATTERN, "must be 3-128 characters of letters, digits, '.', '_' or '-'");
export const fileId = objectId.max(FILE_ID_MAX_LENGTH, `must be at most ${FILE_ID_MAX_LENGTH} characters`);
export const sha256Hex = z.string().regex(SHA256_HEX_PATTERN, 'must be a lowercase hex SHA-256 (64 characters)');
export const storageRef = z.string().regex(STORAGE_REF_PATTERN, "must be 3-256 characters of letters, digits, '.', '_', ':', '/' or '-'");
export const serviceCode = z.string().regex(SERVICE_CODE_PATTERN, "must be a catalogue code of 2-64 letters, digits, '.', '_' or '-'");
export const resourceType = z.string().regex(RESOURCE_TYPE_PATTERN, 'must be 2-32 letters, digits or dashes, starting with a letter');
/** A Fabric transaction ID as the peer assigned it. */
export const txId = z.string().min(1);
