import type { Request, Response } from 'express';
import type { Role } from '@medledger/chaincode/client';

/** A person who proved who they are at the IdP. Identity = IdP entityID + NameID. */
export interface SamlLogin {
  issuer: string;
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  role: Role;
  displayName?: string;
  /** When the IdP authenticated the person (the signed AuthnStatement's AuthnInstant): what step-up judges. */
  authenticatedAt?: Date;
}

/** Remembers consumed assertion IDs until they expire. Atomic; false = already used. */
export interface ReplayGuard {
  consumeOnce(assertionId: string, notOnOrAfter: Date): Promise<boolean>;
}

/** The IDs of requests we sent (AuthnRequest, LogoutRequest), so a response must answer one of them. */
export interface RequestIdStore {
  remember(requestId: string, expiresAt: Date): Promise<void>;
  /** Atomic: true exactly once for a remembered, unexpired ID. */
  consume(requestId: string): Promise<boolean>;
}

/** pino-compatible subset. The router never passes SAML payloads, tokens or attribute values here. */
export interface SamlLogger {
  warn(obj: object, msg: string): void;
}

export interface IdpSettings {
  entityId: string;
  ssoUrl: string;
  /** Without it, logout is local only. */
  sloUrl?: string;
  /** One PEM, or several during a key rollover. */
  certificatePem: string | readonly string[];
}

export interface SpSigning {
  privateKeyPem: string;
  certificatePem: string;
}

/** What the router knows about the signed-in user, to address a LogoutRequest to the IdP. */
export interface SamlSessionSubject {
  nameId: string;
  nameIdFormat?: string;
  sessionIndex?: string;
  /** The CSRF token of this browser's session: SP-initiated logout must echo it (logout CSRF). */
  csrfToken: string;
}

export interface LoginContext {
  /** A same-origin relative path from RelayState, already checked; undefined if none or unsafe. */
  returnTo?: string;
}

export interface SamlRouterOptions {
  spEntityId: string;
  /** Absolute URL of POST {mount}/acs, exactly as the IdP posts to it. */
  acsUrl: string;
  /** Absolute URL of {mount}/logout. */
  sloUrl: string;
  idp: IdpSettings;
  spSigning?: SpSigning;
  /** SAML attribute carrying the role, e.g. 'urn:medledger:role' or 'Role'. */
  roleAttribute: string;
  /** IdP attribute value → MedLedger role. Values not listed are refused. */
  roleMapping: Readonly<Record<string, Role>>;
  clockSkewMs: number;
  maxAssertionAgeMs: number;
  /** How long an AuthnRequest/LogoutRequest ID may be answered. Default 5 minutes. */
  requestTtlMs?: number;
  /**
   * Keys the login-binding cookie (login-binding.ts). Gateways that share a store must share it too,
   * or a sign-in started on one and answered at another is refused; without it, a random key.
   */
  loginBindingKey?: Uint8Array;
  replayGuard: ReplayGuard;
  requestIds: RequestIdStore;
  logger: SamlLogger;
  /** Creates the session and answers the browser (usually a redirect to returnTo). */
  onLogin(login: SamlLogin, req: Request, res: Response, context: LoginContext): void | Promise<void>;
  /** Ends the local session(s) of this subject. Called before SP-initiated SLO (POST with the CSRF token) and on IdP LogoutRequest. */
  onLogout(nameId: string, sessionIndex: string | undefined): void | Promise<void>;
  /** The signed-in subject for SP-initiated logout; undefined when nobody is signed in. */
  currentSubject?(req: Request): Promise<SamlSessionSubject | undefined>;
  /** Where to send the browser after logout completes. Default '/'. */
  afterLogoutPath?: string;
}
