import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import express, { type Express } from 'express';
import { operationsRouter } from '../../../api/mount';
import { createDevIdp, type DevIdp } from '../../dev-idp/dev-idp';
import { DEV_IDP_ROLE_MAPPING } from '../../dev-idp/demo-users';
import { generateSigningIdentity, type SigningIdentity } from '../../dev-idp/signing-identity';
import { createSamlRouter } from '../router';
import { ATTRIBUTE } from '../saml-names';
import type { LoginContext, SamlLogin, SamlRouterOptions } from '../types';
import { MemoryReplayGuard, MemoryRequestIds, RecordingLogger } from './memory-stores';
import { testProblemHandler } from './problem-handler';
import { perTest } from '../../../test-support/per-test';

export const SAML_MOUNT = '/auth/saml';
export const DEV_IDP_MOUNT = '/dev-idp';

export interface SamlTestApp {
  origin: string;
  server: Server;
  app: Express;
  idp: DevIdp;
  /** The dev IdP's key, so tests can sign other message types with it. */
  idpIdentity: SigningIdentity;
  options: SamlRouterOptions;
  logger: RecordingLogger;
  requestIds: MemoryRequestIds;
  replayGuard: MemoryReplayGuard;
  logins: SamlLogin[];
  loginContexts: LoginContext[];
  logouts: { nameId: string; sessionIndex: string | undefined }[];
  close(): Promise<void>;
}

export type SamlTestOverrides = Partial<Omit<SamlRouterOptions, 'idp'>> & {
  /** Extra routes mounted before the SAML router (e.g. a stub /me). */
  extraRoutes?: (app: Express) => void;
};

/**
 * A real HTTP server on port 0 with the SAML router at /auth/saml and the development IdP at
 * /dev-idp, in-memory stores, and recorded logins/logouts. By default onLogin answers 200 JSON.
 */
export async function startSamlTestApp(overrides: SamlTestOverrides = {}): Promise<SamlTestApp> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sp = { spEntityId: `${origin}${SAML_MOUNT}/metadata`, acsUrl: `${origin}${SAML_MOUNT}/acs`, sloUrl: `${origin}${SAML_MOUNT}/logout` };
  const idpIdentity = generateSigningIdentity();
  const idp = createDevIdp({ baseUrl: `${origin}${DEV_IDP_MOUNT}`, spEntityId: sp.spEntityId, acsUrl: sp.acsUrl, spSloUrl: sp.sloUrl, signingIdentity: idpIdentity });
  const recorded = { logger: new RecordingLogger(), requestIds: new MemoryRequestIds(), replayGuard: new MemoryReplayGuard() };
  const logins: SamlLogin[] = [];
  const loginContexts: LoginContext[] = [];
  const logouts: SamlTestApp['logouts'] = [];
  const { extraRoutes, ...optionOverrides } = overrides;
  const options: SamlRouterOptions = {
    ...sp,
    idp: { entityId: idp.entityId, ssoUrl: idp.ssoUrl, sloUrl: idp.sloUrl, certificatePem: idp.certificatePem },
    roleAttribute: ATTRIBUTE.medledgerRole,
    roleMapping: DEV_IDP_ROLE_MAPPING,
    clockSkewMs: 2000,
    maxAssertionAgeMs: 2 * 60_000,
    ...recorded,
    onLogin: (login, _req, res, context) => {
      logins.push(login);
      loginContexts.push(context);
      res.status(200).json({ signedIn: login.nameId });
    },
    onLogout: (nameId, sessionIndex) => {
      logouts.push({ nameId, sessionIndex });
    },
    ...optionOverrides,
  };
  const app = express();
  extraRoutes?.(app);
  app.use(SAML_MOUNT, createSamlRouter(options));
  app.use(operationsRouter(idp.operationsAt(DEV_IDP_MOUNT)));
  app.use(testProblemHandler());
  server.on('request', app);
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  return { origin, server, app, idp, idpIdentity, options, ...recorded, logins, loginContexts, logouts, close };
}

/** One SAML test app for the tests of the enclosing describe (or file), closed after them (per-test.ts says how). */
export function useSamlTestApp(overrides: SamlTestOverrides = {}): SamlTestApp {
  return perTest(() => startSamlTestApp(overrides), (app) => app.close(), 'describe');
}

export interface StartedLogin {
  requestId: string;
  location: URL;
  /** The login-binding cookie as a browser sends it back (`name=value`): post the response with it. */
  cookie: string;
  /** The whole Set-Cookie header of that cookie, to check its attributes. */
  setCookie: string;
}

/** GET /login, follow nothing, and read the AuthnRequest ID out of the Redirect-binding URL. */
export async function startLogin(app: SamlTestApp, returnTo?: string): Promise<StartedLogin> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const reply = await fetch(`${app.origin}${SAML_MOUNT}/login${query}`, { redirect: 'manual' });
  const location = new URL(reply.headers.get('location') ?? 'missing:');
  const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
  const requestId = /\bID="([^"]+)"/.exec(xml)?.[1];
  if (requestId === undefined) throw new Error(`no AuthnRequest ID in ${location.href}`);
  const setCookie = reply.headers.getSetCookie().find((header) => /^(__Secure-)?medledger_saml_login=/.test(header));
  if (setCookie === undefined) throw new Error('GET /login set no login-binding cookie');
  return { requestId, location, cookie: setCookie.split(';')[0] ?? '', setCookie };
}

export interface FormReply {
  status: number;
  contentType: string;
  location: string | null;
  text: string;
  setCookies: string[];
}

/** POSTs a form, as a browser without cookies would unless `headers` (e.g. Cookie: the login binding) says otherwise. */
export async function postForm(
  app: SamlTestApp,
  path: string,
  fields: Readonly<Record<string, string | readonly string[]>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<FormReply> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of typeof value === 'string' ? [value] : value) body.append(name, item);
  }
  const reply = await fetch(`${app.origin}${path}`, { method: 'POST', body, redirect: 'manual', headers });
  return {
    status: reply.status,
    contentType: reply.headers.get('content-type') ?? '',
    location: reply.headers.get('location'),
    text: await reply.text(),
    setCookies: reply.headers.getSetCookie(),
  };
}

export function asSamlForm(xml: string): { SAMLResponse: string } {
  return { SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') };
}
