/** A signed-in browser session; the session ID itself is never stored, only its SHA-256. */
export interface SessionRecord {
  idHash: string;
  principalId: string;
  csrfToken: string;
  createdAt: number; // epoch ms
  lastSeenAt: number;
  expiresAt: number; // absolute timeout
  /** When the person last proved who they are (the IdP's AuthnInstant, else the sign-in time): what step-up judges. */
  authenticatedAt: number;
  samlSessionIndex?: string;
}

export interface SessionRepository {
  insert(record: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, lastSeenAt: number): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForPrincipal(principalId: string): Promise<number>;
  /** Removes sessions past their absolute timeout or idle longer than idleMs. */
  purgeExpired(now: number, idleMs: number): Promise<number>;
}
