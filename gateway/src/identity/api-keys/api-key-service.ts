import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock';
import { Problem } from '../../api/errors/problems';
import type { Principal } from '../principals/principal';
import type { PrincipalRepository } from '../principals/principal-repository';
import { DAY_MS } from '../tokens/token-lifetime';
import { effectiveScopes, type Scope } from '../scopes';
import type { ApiKeyFormat } from './api-key-format';
import type { ApiKeyHasher } from './api-key-hash';
import type { ApiKeyRecord, ApiKeyRepository } from './api-key-repository';
import { summariseApiKey, type ApiKeySummary } from './api-key-summary';
import { lastUseWorthRecording, whyUnusable } from '../credential-state';

export interface ApiKeyServiceDeps {
  keys: ApiKeyRepository;
  principals: PrincipalRepository;
  format: ApiKeyFormat;
  hasher: ApiKeyHasher;
  clock: Clock;
  logger: Logger;
  /** How long a rotated-out key keeps working, so callers can switch without an outage. */
  rotationOverlapMs: number;
}

export type ApiKeyCheck = { ok: true; principal: Principal; record: ApiKeyRecord } | { ok: false; reason: string; keyId?: string };
export interface IssuedApiKey {
  apiKey: string;
  summary: ApiKeySummary;
}

/** API keys of organisation principals: issued, verified, rotated with overlap, revoked at once. */
export class ApiKeyService {
  constructor(private readonly deps: ApiKeyServiceDeps) {}

  async issue(principal: Principal, scopes: Scope[], days: number): Promise<IssuedApiKey> {
    if (scopes.includes('consent')) {
      // Step-up is a person's fresh sign-in (step-up.ts); a key that lives for months would be the opposite.
      throw new Problem('FORBIDDEN', 'an API key never has the consent scope');
    }
    const { apiKey, keyId, secret } = this.deps.format.create();
    const now = this.deps.clock().getTime();
    const record: ApiKeyRecord = { keyId, principalId: principal.id, secretHash: this.deps.hasher.hash(secret), scopes: [...new Set(scopes)], createdAt: now, expiresAt: now + days * DAY_MS };
    await this.deps.keys.insert(record);
    this.deps.logger.info({ keyId, principalId: principal.id, scopes: record.scopes, expiresAt: new Date(record.expiresAt).toISOString() }, 'api key issued');
    return { apiKey, summary: summariseApiKey(record) };
  }

  /**
   * Checksum first (no lookup for garbage), then the record by key ID, then the secret in constant
   * time. The record comes back with its scopes narrowed to what the principal's role allows today.
   */
  async verify(apiKey: string): Promise<ApiKeyCheck> {
    const parsed = this.deps.format.parse(apiKey);
    if (parsed === undefined) {
      return { ok: false, reason: 'not a well-formed MedLedger API key' };
    }
    const record = await this.deps.keys.get(parsed.keyId);
    const matches = record !== undefined && this.deps.hasher.matches(parsed.secret, record.secretHash);
    const principal = record === undefined ? undefined : await this.deps.principals.get(record.principalId);
    const now = this.deps.clock().getTime();
    const reason = matches ? whyUnusable(record, principal, now, { kind: 'API key', removed: 'organisation removed' }) : 'unknown API key';
    if (reason !== undefined || record === undefined || principal === undefined) {
      return { ok: false, reason: reason ?? 'unknown API key', keyId: parsed.keyId };
    }
    const scopes = effectiveScopes(record.scopes, principal.role).filter((scope) => scope !== 'consent');
    if (scopes.length === 0) {
      return { ok: false, reason: 'API key has no scope its organisation’s role allows', keyId: parsed.keyId };
    }
    await this.noteUse(record, now);
    return { ok: true, principal, record: { ...record, scopes } };
  }

  private async noteUse(record: ApiKeyRecord, now: number): Promise<void> {
    if (lastUseWorthRecording(record, now)) {
      await this.deps.keys.markUsed(record.keyId, now);
    }
  }

  /** A new key with the same principal and scopes; the old one keeps working for the overlap only. */
  async rotate(keyId: string, days: number): Promise<IssuedApiKey & { retiredKey: ApiKeySummary }> {
    const old = await this.live(keyId);
    const principal = await this.deps.principals.get(old.principalId);
    if (principal === undefined) {
      throw new Problem('NOT_FOUND', `API key ${keyId} has no principal`);
    }
    const issued = await this.issue(principal, old.scopes, days);
    await this.deps.keys.retire(keyId, this.deps.clock().getTime() + this.deps.rotationOverlapMs, issued.summary.keyId);
    this.deps.logger.info({ keyId, replacedBy: issued.summary.keyId }, 'api key rotated');
    return { ...issued, retiredKey: summariseApiKey(await this.live(keyId)) };
  }

  async revoke(keyId: string): Promise<void> {
    if (!(await this.deps.keys.revoke(keyId, this.deps.clock().getTime()))) {
      throw new Problem('NOT_FOUND', `no live API key ${keyId}`);
    }
    this.deps.logger.info({ keyId }, 'api key revoked');
  }

  async list(principalId?: string): Promise<ApiKeySummary[]> {
    return (await this.deps.keys.list(principalId)).map(summariseApiKey);
  }

  private async live(keyId: string): Promise<ApiKeyRecord> {
    const record = await this.deps.keys.get(keyId);
    if (record === undefined || record.revokedAt !== undefined) {
      throw new Problem('NOT_FOUND', `no live API key ${keyId}`);
    }
    return record;
  }
}

