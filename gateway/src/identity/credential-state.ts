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
