import request from 'supertest';
import { needsStepUp, type Operation } from '../api/operation';
import type { OpenApiDocument } from '../api/openapi';
import type { Principal } from '../identity/principals/principal';
import { SESSION_COOKIE } from '../identity/sessions/session-cookie';
import { createLogger } from '../platform/logging/logger';
import { MINUTE } from '../test-support/manual-clock';
import { codeOf, problemOf } from '../test-support/response-body';
import { freshToken } from '../test-support/step-up-credentials';
import { samlLogin, useTestGateway, type TestGateway } from '../test-support/test-gateway';
import { createRestApi } from '../wiring/rest-api';

/**
 * Step-up for the irreversible, generated from the route table: every operation whose access says
 * stepUp refuses a long-lived token and a stale session with 401 STEP_UP_REQUIRED saying how to step
 * up, and lets a consent token and a fresh session through. The calls carry inputs that fail
 * validation (a path parameter no pattern accepts, a body with an unknown member), which runs after
 * the guards: a VALIDATION_FAILED (422, or 400 under /fhir) shows the guard let the caller through, and nothing is changed.
 */

/** The irreversible operations: if one loses its mark, or a new one is marked, this list says so. */
const EXPECTED = ['approveAccessRequest', 'deleteMe', 'erasePatientFiles', 'fhirCreateConsent', 'grantConsent', 'grantDelegation'];

type Credential = { header: [string, string]; csrf?: string };

function pathOf(operation: Operation): string {
  return operation.path.replace(/\{[^}]+\}/g, '!');
}

function call(gateway: TestGateway, operation: Operation, credential: Credential) {
  const pending = request(gateway.app)[operation.method](pathOf(operation)).set(...credential.header);
  const withCsrf = credential.csrf === undefined ? pending : pending.set('X-CSRF-Token', credential.csrf);
  return operation.method === 'delete' ? withCsrf : withCsrf.send({ notAField: true });
}

async function sessionOf(gateway: TestGateway, principal: Principal, authenticatedMinutesAgo: number): Promise<Credential> {
  const authenticatedAt = new Date(gateway.clock.now().getTime() - authenticatedMinutesAgo * MINUTE);
  const session = await gateway.services.sessions.create(principal.id, undefined, authenticatedAt);
  return { header: ['Cookie', `${SESSION_COOKIE}=${session.sessionId}`], csrf: session.csrfToken };
}

function bearer(token: string): Credential {
  return { header: ['Authorization', `Bearer ${token}`] };
}

/** What the document says of an operation: its description, security and problem statuses. */
function documentedAs(document: OpenApiDocument, operation: Operation) {
  const documented = document.paths[operation.path]?.[operation.method];
  if (documented === undefined) {
    throw new Error(`${operation.operationId} is not in the document`);
  }
  return { description: documented.description, security: documented['security'], statuses: Object.keys(documented.responses) };
}

/** What a caller got, reduced to what the guard decides: refused (status and code) or let through. */
async function outcomeOf(gateway: TestGateway, operation: Operation, credential: Credential): Promise<string> {
  const response = await call(gateway, operation, credential);
  // VALIDATION_FAILED: 422, or 400 under /fhir (fhir/operation-outcome.ts)
  if (response.status < 300 || ([400, 422].includes(response.status) && codeOf(response) === 'VALIDATION_FAILED')) {
    return 'let through';
  }
  return `${String(response.status)} ${String(codeOf(response))}`;
}

describe('step-up for the irreversible, on every operation that declares it', () => {
  const gateway = useTestGateway({}, 'describe');
  let operations: Operation[];
  let patient: Principal;

  beforeAll(async () => {
    const api = createRestApi({ config: gateway.config, services: gateway.services, logger: createLogger('silent') });
    operations = api.operations.filter(needsStepUp);
    patient = await gateway.services.principals.signIn(samlLogin('patient'));
  });

  /** Each step-up operation's outcome for a credential made anew for it (DELETE /me ends the account it is let through for). */
  async function outcomes(credentialFor: (principal: Principal) => Credential | Promise<Credential>, only: (operation: Operation) => boolean = () => true) {
    const entries: [string, string][] = [];
    for (const operation of operations.filter(only)) {
      const principal = operation.operationId === 'deleteMe' ? await gateway.services.principals.signIn(samlLogin('patient')) : patient;
      entries.push([operation.operationId, await outcomeOf(gateway, operation, await credentialFor(principal))]);
    }
    return Object.fromEntries(entries);
  }

  const everyOne = (outcome: string, only: (operation: Operation) => boolean = () => true) =>
    Object.fromEntries(operations.filter(only).map((operation) => [operation.operationId, outcome]));
  const takesTokens = (operation: Operation) => operation.access === 'public' || operation.access.sessionOnly !== true;

  it('when the route table is read, then granting, approving, delegating, erasing and removing the account need step-up, and revoking does not', () => {
    const all = createRestApi({ config: gateway.config, services: gateway.services, logger: createLogger('silent') }).operations;
    const revocations = all.filter((operation) => ['revokeConsent', 'revokeDelegation', 'denyAccessRequest', 'revokePersonalAccessToken'].includes(operation.operationId));

    expect(operations.map((operation) => operation.operationId).sort()).toEqual(EXPECTED);
    expect(revocations).toHaveLength(4);
    expect(revocations.filter(needsStepUp)).toEqual([]);
  });

  it('when a patient calls each with a long-lived read/write token, then 401 STEP_UP_REQUIRED', async () => {
    const token = (await gateway.services.tokens.create(patient, { name: 'long-lived', scopes: ['read', 'write'], days: 90 })).token;

    expect(await outcomes(() => bearer(token), takesTokens)).toEqual(everyOne('401 STEP_UP_REQUIRED', takesTokens));
  });

  it('when a patient calls each from a session authenticated longer ago than the step-up window, then 401 STEP_UP_REQUIRED', async () => {
    const staleMinutes = gateway.config.sessions.freshMs / MINUTE + 1;

    expect(await outcomes((principal) => sessionOf(gateway, principal, staleMinutes))).toEqual(everyOne('401 STEP_UP_REQUIRED'));
  });

  it('when a patient calls each with a consent token made from a fresh sign-in, then the guard lets it through', async () => {
    expect(await outcomes(async (principal) => bearer((await freshToken(gateway, principal, ['consent'])).token), takesTokens)).toEqual(everyOne('let through', takesTokens));
  });

  it('when a patient calls each from a session authenticated a minute ago, then the guard lets it through', async () => {
    expect(await outcomes((principal) => sessionOf(gateway, principal, 1))).toEqual(everyOne('let through'));
  });

  it('when an organisation calls each with an API key, or a doctor with a token, then 403: those credentials never step up', async () => {
    const pharmacy = await gateway.services.principals.organisation('pharmacy', `Step-up Pharmacy ${String(Date.now())}`);
    const apiKey = (await gateway.services.apiKeys.issue(pharmacy, ['read', 'write'], 30)).apiKey;
    const doctor = await gateway.services.principals.signIn(samlLogin('doctor'));
    const doctorToken = (await gateway.services.tokens.create(doctor, { name: 'doctor', scopes: ['read', 'write'], days: 30 })).token;

    expect(await outcomes(() => ({ header: ['X-API-Key', apiKey] }), takesTokens)).toEqual(everyOne('403 FORBIDDEN', takesTokens));
    expect(await outcomes(() => bearer(doctorToken), takesTokens)).toEqual(everyOne('403 FORBIDDEN', takesTokens));
  });

  it('when the refusal comes, then it says how to step up: the ForceAuthn login, the consent token, and the RFC 9470 challenge', async () => {
    const grant = operations.find((operation) => operation.operationId === 'grantConsent');
    const token = (await gateway.services.tokens.create(patient, { name: 'long-lived', scopes: ['read', 'write'], days: 30 })).token;

    const response = await call(gateway, grant as Operation, bearer(token));

    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="medledger", error="insufficient_user_authentication", error_description="a fresh authentication is required", max_age=${String(gateway.config.sessions.freshMs / 1000)}`,
    );
    expect(problemOf(response)).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      type: 'urn:medledger:problem:step-up-required',
      detail: expect.stringContaining('GET /auth/saml/login?forceAuthn=true') as unknown,
      stepUp: { maxAgeSeconds: 300, login: '/auth/saml/login?forceAuthn=true', token: { method: 'POST', path: '/me/tokens', body: { name: 'step-up', scopes: ['consent'] }, lifetimeSeconds: 900 } },
    });
    expect(problemOf(response).detail).toContain('POST /me/tokens {"name":"step-up","scopes":["consent"]}');
  });

  it('when the OpenAPI document is read, then each step-up operation says so, takes no API key and asks a token for consent', async () => {
    const document = (await request(gateway.app).get('/openapi.json')).body as OpenApiDocument;

    const documented = operations.map((operation) => ({ operation, documented: documentedAs(document, operation) }));

    for (const { operation, documented: { description, security, statuses } } of documented) {
      expect([operation.operationId, description]).toEqual([operation.operationId, expect.stringContaining('**Step-up:**')]);
      expect([operation.operationId, security]).toEqual([operation.operationId, takesTokens(operation) ? [{ bearerToken: ['consent'] }, { sessionCookie: [] }] : [{ sessionCookie: [] }]]);
      expect(statuses).toContain('401');
    }
    const revoke = document.paths['/consents/{grantId}']?.['delete'];
    expect(revoke?.description).not.toContain('Step-up');
    expect(revoke?.['security']).toEqual([{ bearerToken: [] }, { apiKey: [] }, { sessionCookie: [] }]);
  });
});
