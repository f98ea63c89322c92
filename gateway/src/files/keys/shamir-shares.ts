import { randomBytes } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { FileError } from '../errors';
import { keyCheckValue, matchesKeyCheck } from './key-check';

const MASTER_KEY_BYTES = 32;
const SHARE_PATTERN = /^mlshare1-(\d{1,3})of(\d{1,3})-([0-9a-f]{8})-([A-Za-z0-9_-]+)$/;

/**
 * Shamir k-of-n shares of the master key in a self-describing text form:
 *   mlshare1-<k>of<n>-<set id>-<base64url of the 33-byte share>
 * The threshold lets start-up refuse too few shares with a clear message, the random set id
 * catches shares from two different splits; wrong share bytes are caught by the key-check value.
 */
export interface ParsedShare {
  threshold: number;
  total: number;
  setId: string;
  bytes: Uint8Array;
}

export interface SplitMasterKey {
  shares: string[];
  keyCheck: string;
}

export async function splitMasterKey(masterKey: Buffer, total: number, threshold: number): Promise<SplitMasterKey> {
  if (masterKey.length !== MASTER_KEY_BYTES) {
    throw new FileError('UNSEAL_FAILED', `the master key must be ${MASTER_KEY_BYTES} bytes`);
  }
  if (!Number.isInteger(threshold) || !Number.isInteger(total) || threshold < 2 || total < threshold || total > 255) {
    throw new FileError('UNSEAL_FAILED', 'need 2 <= threshold <= shares <= 255');
  }
  const setId = randomBytes(4).toString('hex');
  const shares = await split(new Uint8Array(masterKey), total, threshold);
  return {
    shares: shares.map((share) => `mlshare1-${threshold}of${total}-${setId}-${Buffer.from(share).toString('base64url')}`),
    keyCheck: keyCheckValue(masterKey),
  };
}

export function parseShare(text: string, position: number): ParsedShare {
  const match = SHARE_PATTERN.exec(text.trim());
  const bytes = match?.[4] === undefined ? undefined : Buffer.from(match[4], 'base64url');
  if (match === null || bytes === undefined || bytes.length !== MASTER_KEY_BYTES + 1) {
    throw new FileError('UNSEAL_FAILED', `share ${position} is not a MedLedger master key share (mlshare1-<k>of<n>-...)`);
  }
  return { threshold: Number(match[1]), total: Number(match[2]), setId: match[3] as string, bytes: new Uint8Array(bytes) };
}

/** Combines at least k distinct shares of one split and proves the result against the key-check value. */
export async function combineMasterKeyShares(texts: readonly string[], keyCheck: string): Promise<Buffer> {
  if (texts.length === 0) {
    throw new FileError('UNSEAL_FAILED', 'no master key shares were supplied');
  }
  const shares = texts.map((text, index) => parseShare(text, index + 1));
  const first = shares[0] as ParsedShare;
  if (shares.some((share) => share.setId !== first.setId || share.threshold !== first.threshold)) {
    throw new FileError('UNSEAL_FAILED', 'the shares come from different splits of the master key');
  }
  const distinct = new Map(shares.map((share) => [share.bytes[MASTER_KEY_BYTES], share.bytes]));
  if (distinct.size < first.threshold) {
    throw new FileError(
      'UNSEAL_FAILED',
      `need ${first.threshold} distinct shares of ${first.total} to unseal the master key, got ${distinct.size}`,
    );
  }
  const masterKey = Buffer.from(await combine([...distinct.values()]));
  if (!matchesKeyCheck(masterKey, keyCheck)) {
    masterKey.fill(0);
    throw new FileError('UNSEAL_FAILED', 'the combined master key does not match the key-check value: a share is wrong or altered');
  }
  return masterKey;
}
