import type { Principal } from './principals/principal';

/** What a stored credential (a personal access token, an API key) says about its own life, in epoch ms. */
interface CredentialTimes {
  createdAt: number;
  expiresAt: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

/** The credential's times as a summary shows them: ISO-8601, null for what has not happened. */
export function summaryTimes(record: CredentialTimes) {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
    lastUsedAt: iso(record.lastUsedAt),
    revokedAt: iso(record.revokedAt),
  };
}

/**
 * Why a presented credential cannot be used now, in words for the log (undefined: it can). `kind`
 * names the credential ('token'), `removed` what a disabled owner is called ('account removed').
 */
export function whyUnusable(record: CredentialTimes | undefined, principal: Principal | undefined, now: number, { kind, removed }: { kind: string; removed: string }): string | undefined {
  if (record === undefined || principal === undefined) {
    return `unknown ${kind}`;
  }
  if (record.revokedAt !== undefined) {
    return `${kind} revoked`;
  }
  if (now >= record.expiresAt) {
    return `${kind} expired`;
  }
  return principal.disabledAt === undefined ? undefined : removed;
}

/** How precisely a credential's last use is kept: its owner reads "used around then", not each call. */
export const LAST_USE_RESOLUTION_MS = 60_000;

/**
 * Whether a use at `now` should be written as the credential's last use: not when the stored one
 * (read with the credential, for this very check) is less than LAST_USE_RESOLUTION_MS older. A
 * database write at every authenticated request was a large share of the request's cost in the
 * ledger benchmark (issue 13); this only coarsens the "last used" a summary shows, nothing is
 * decided from it.
 */
export function lastUseWorthRecording(record: Pick<CredentialTimes, 'lastUsedAt'>, now: number): boolean {
  return record.lastUsedAt === undefined || now - record.lastUsedAt >= LAST_USE_RESOLUTION_MS || now < record.lastUsedAt;
}
