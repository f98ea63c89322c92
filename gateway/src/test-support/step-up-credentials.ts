import type { Principal } from '../identity/principals/principal';
import { scopesAllowedFor, type Scope } from '../identity/scopes';
import type { TestGateway } from './test-gateway';

/*
 * Tests act as people who have just signed in. A test person whose credential may write also carries
 * the step-up (the consent scope, where the role may hold it: identity/step-up.ts), so a patient's
 * grant, delegation or erasure passes as it would right after a fresh sign-in, and the stories keep
 * testing what they test. Step-up itself is tested with long-lived tokens and stale sessions made
 * on purpose (identity/step-up.test.ts).
 */

/** These scopes, plus consent when they include write and the principal's role may hold consent. */
export function steppedUpScopes(principal: Principal, scopes: readonly Scope[]): Scope[] {
  const stepsUp = scopes.includes('write') && scopesAllowedFor(principal.role).includes('consent');
  return stepsUp ? [...new Set<Scope>([...scopes, 'consent'])] : [...scopes];
}

/** A token of these scopes made as right after a fresh sign-in (with consent it lives 15 minutes, whatever `days` says). */
export function freshToken(gateway: TestGateway, principal: Principal, scopes: readonly Scope[], days = 30) {
  return gateway.services.tokens.create(principal, { name: 'test', scopes: [...scopes], days }, { freshlyAuthenticated: true });
}

/**
 * freshToken() for a header read synchronously (a getter that tests spread into supertest's set()).
 * The token is minted at once and its insert issued at once; the test gateway's SQLite store runs
 * statements in the order they are issued (platform/database/connection-gate.ts), so it is stored
 * before the request carrying it is authenticated. A failed insert shows as that request's 401.
 */
function freshTokenNow(gateway: TestGateway, principal: Principal, scopes: readonly Scope[]): string {
  const { token, record } = gateway.services.tokens.mint(principal, { name: 'test', scopes: [...scopes], days: 30 }, { freshlyAuthenticated: true });
  void gateway.services.store.tokens.insert(record);
  return token;
}

/**
 * The Authorization header of a test person with these scopes. One token of `days` when it does not
 * step up; when it does (steppedUpScopes), a new short-lived token each time the header is read, as a
 * client that signs in again before each irreversible step, so it never expires however far a test
 * moves the clock.
 */
export async function personAuthorization(gateway: TestGateway, principal: Principal, scopes: readonly Scope[], days = 30): Promise<() => [string, string]> {
  const withStepUp = steppedUpScopes(principal, scopes);
  const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
  if (!withStepUp.includes('consent')) {
    const header = bearer((await gateway.services.tokens.create(principal, { name: 'test', scopes: [...scopes], days })).token);
    return () => header;
  }
  return () => bearer(freshTokenNow(gateway, principal, withStepUp));
}
