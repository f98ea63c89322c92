import type { Clock } from '../../platform/clock';
import type { Principal } from '../principals/principal';
import type { PrincipalRepository } from '../principals/principal-repository';
import { hashSessionId, isWellFormedSessionId, newCsrfToken, newSessionId } from './session-id';
import type { SessionRecord, SessionRepository } from './session-repository';

export interface SessionSettings {
  idleMs: number; // automatic logoff after this long without a request
  absoluteMs: number; // and after this long in any case
  freshMs: number; // step-up: how long after the person authenticated the session counts as fresh
}

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  record: SessionRecord;
  principal: Principal;
}

/** Server-side sessions with idle and absolute timeouts; IDs are stored hashed. */
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly principals: PrincipalRepository,
    private readonly settings: SessionSettings,
    private readonly clock: Clock,
  ) {}

  /**
   * Always a fresh ID at sign-in, so a planted session ID is never promoted (no fixation).
   * `authenticatedAt` is when the person proved who they are (the IdP's AuthnInstant), which an IdP
   * with single sign-on may put well before this sign-in; never later than now.
   */
  async create(principalId: string, samlSessionIndex?: string, authenticatedAt?: Date): Promise<NewSession> {
    const now = this.clock().getTime();
    const sessionId = newSessionId();
    const record: SessionRecord = {
      idHash: hashSessionId(sessionId),
      principalId,
      csrfToken: newCsrfToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.settings.absoluteMs,
      authenticatedAt: Math.min(authenticatedAt?.getTime() ?? now, now),
      ...(samlSessionIndex === undefined ? {} : { samlSessionIndex }),
    };
    await this.sessions.insert(record);
    return { sessionId, csrfToken: record.csrfToken, expiresAt: new Date(record.expiresAt) };
  }

  /** The live session for this ID, touched; an expired one is deleted and treated as absent. */
  async resolve(sessionId: string): Promise<ActiveSession | undefined> {
    if (!isWellFormedSessionId(sessionId)) {
      return undefined;
    }
    const idHash = hashSessionId(sessionId);
    const record = await this.sessions.get(idHash);
    const now = this.clock().getTime();
    const principal = record === undefined ? undefined : await this.principals.get(record.principalId);
    if (record === undefined || principal === undefined || principal.disabledAt !== undefined || this.isExpired(record, now)) {
      await this.sessions.delete(idHash);
      return undefined;
    }
    await this.sessions.touch(idHash, now);
    return { record: { ...record, lastSeenAt: now }, principal };
  }

  /** Whether this session is still live, without touching it (a check on behalf of an open stream is not activity). */
  async isActive(sessionId: string): Promise<boolean> {
    const record = isWellFormedSessionId(sessionId) ? await this.sessions.get(hashSessionId(sessionId)) : undefined;
    const principal = record === undefined ? undefined : await this.principals.get(record.principalId);
    return record !== undefined && principal !== undefined && principal.disabledAt === undefined && !this.isExpired(record, this.clock().getTime());
  }

  /** Step-up: whether the person authenticated recently enough for an irreversible operation (identity/step-up.ts). */
  isFresh(record: SessionRecord): boolean {
    // A NULL authenticated_at (never written since migration 4) reads as absent: NaN, never fresh.
    return this.clock().getTime() - record.authenticatedAt < this.settings.freshMs;
  }

  /** The step-up window, for telling a refused caller how long a fresh sign-in lasts. */
  get freshMs(): number {
    return this.settings.freshMs;
  }

  async destroy(sessionId: string): Promise<void> {
    await this.sessions.delete(hashSessionId(sessionId));
  }

  async end(record: SessionRecord): Promise<void> {
    await this.sessions.delete(record.idHash);
  }

  destroyAllFor(principalId: string): Promise<number> {
    return this.sessions.deleteForPrincipal(principalId);
  }

  private isExpired(record: SessionRecord, now: number): boolean {
    return now >= record.expiresAt || now - record.lastSeenAt >= this.settings.idleMs;
  }
}
