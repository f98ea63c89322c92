import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import { base32 } from '../../platform/encoding';
import { sha256Hex } from '../../platform/hashing';
import { Problem } from '../../api/errors/problems';
import type { Principal } from '../principals/principal';
import type { PrincipalRepository } from '../principals/principal-repository';
import { effectiveScopes, scopesAllowedFor, type Scope } from '../scopes';
import { displayPrefix, isWellFormedToken, newToken } from './token-format';
import { DAY_MS } from './token-lifetime';
import type { TokenRecord, TokenRepository } from './token-repository';
import { lastUseWorthRecording, summaryTimes, whyUnusable } from '../credential-state';
import { CONSENT_TOKEN_LIFETIME_MS } from '../step-up';

export interface TokenRequest {
  name: string;
  scopes: Scope[];
  /** Ignored for a token with the consent scope, which always lives CONSENT_TOKEN_LIFETIME_MS. */
  days: number;
}

/** What the maker's own credential says: only a fresh authentication (step-up.ts) may make a consent token. */
export interface TokenOrigin {
  freshlyAuthenticated: boolean;
}

/** A token as its owner sees it in a list: never the token or its hash. */
export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type TokenCheck = { ok: true; principal: Principal; record: TokenRecord } | { ok: false; reason: string };

/** Personal access tokens: made once and shown once, stored as SHA-256, always expiring, revocable at once. */
export class TokenService {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly principals: PrincipalRepository,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, request: TokenRequest, origin: TokenOrigin = { freshlyAuthenticated: false }): Promise<{ token: string; summary: TokenSummary }> {
    const { token, record } = this.mint(principal, request, origin);
    await this.tokens.insert(record);
    return { token, summary: summarise(record) };
  }

  /** A new token and its record, checked against the rules but not stored yet (create() stores it). */
  mint(principal: Principal, request: TokenRequest, origin: TokenOrigin = { freshlyAuthenticated: false }): { token: string; record: TokenRecord } {
    const refused = request.scopes.filter((scope) => !scopesAllowedFor(principal.role).includes(scope));
    if (refused.length > 0) {
      throw new Problem('FORBIDDEN', `a ${principal.role} may not hold scope ${refused.join(', ')}`);
    }
    const consent = request.scopes.includes('consent');
    if (consent && !origin.freshlyAuthenticated) {
      throw new Problem('STEP_UP_REQUIRED', 'a consent token is made only from a fresh sign-in: sign in again at GET /auth/saml/login?forceAuthn=true, then make it from that session');
    }
    const token = newToken();
    const now = this.clock().getTime();
    const record: TokenRecord = {
      id: `pat_${base32(randomBytes(10))}`,
      principalId: principal.id,
      name: request.name,
      tokenHash: sha256Hex(token),
      prefix: displayPrefix(token),
      scopes: [...new Set(request.scopes)],
      createdAt: now,
      expiresAt: now + (consent ? CONSENT_TOKEN_LIFETIME_MS : request.days * DAY_MS),
    };
    return { token, record };
  }

  /**
   * Checks a presented token; the reason is for the 401 detail and the log, never a secret. The
   * record comes back with its scopes narrowed to what the owner's role allows today.
   */
  async verify(token: string): Promise<TokenCheck> {
    if (!isWellFormedToken(token)) {
      return { ok: false, reason: 'not a well-formed MedLedger token' };
    }
    const record = await this.tokens.findByHash(sha256Hex(token));
    const now = this.clock().getTime();
    const principal = record === undefined ? undefined : await this.principals.get(record.principalId);
    const reason = whyUnusable(record, principal, now, { kind: 'token', removed: 'account removed' });
    if (reason !== undefined || record === undefined || principal === undefined) {
      return { ok: false, reason: reason ?? 'unknown token' };
    }
    const scopes = effectiveScopes(record.scopes, principal.role).filter((scope) => scope !== 'consent' || isShortLived(record));
    if (scopes.length === 0) {
      return { ok: false, reason: 'token has no scope its owner’s role allows' };
    }
    if (lastUseWorthRecording(record, now)) {
      await this.tokens.markUsed(record.id, now);
    }
    return { ok: true, principal, record: { ...record, scopes } };
  }

  async list(principalId: string): Promise<TokenSummary[]> {
    return (await this.tokens.listForPrincipal(principalId)).map(summarise);
  }

  async revoke(principalId: string, tokenId: string): Promise<void> {
    if (!(await this.tokens.revoke(tokenId, principalId, this.clock().getTime()))) {
      throw new Problem('NOT_FOUND', `no live token ${tokenId}`);
    }
  }
}

/** Whatever the store says, consent never rides on a token that lives longer than the rule allows. */
function isShortLived(record: TokenRecord): boolean {
  return record.expiresAt - record.createdAt <= CONSENT_TOKEN_LIFETIME_MS;
}

function summarise(record: TokenRecord): TokenSummary {
  return { id: record.id, name: record.name, prefix: record.prefix, scopes: record.scopes, ...summaryTimes(record) };
}
