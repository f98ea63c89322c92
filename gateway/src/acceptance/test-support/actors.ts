import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Scope } from '../../identity/scopes';
import type { Principal, Role } from '../../identity/principals/principal';
import type { OrganisationRole } from '../../identity/principals/organisation-roles';
import { samlLogin, useTestGateway, type TestGateway, type TestGatewayOptions } from '../../test-support/test-gateway';
import { perTest, type Lifetime } from '../../test-support/per-test';
import { personAuthorization } from '../../test-support/step-up-credentials';

export interface Actor {
  principal: Principal;
  /** The header that authenticates it (a personal access token or an API key; a patient's steps up, test-support/step-up-credentials.ts). */
  readonly header: [string, string];
}

const HOUR_MS = 60 * 60 * 1000;
let organisations = 0;

/** Authenticated callers for REST tests: people with personal access tokens, organisations with API keys. */
export class Actors {
  private adminActor: Actor | undefined;

  constructor(private readonly gateway: TestGateway) {}

  /**
   * A signed-in person of this role with a token of these scopes; professionals are verified unless
   * told otherwise. A patient who may write has just signed in, so to speak: its header steps up.
   */
  async person(role: Role, { scopes = ['read', 'write'], verified = true }: { scopes?: Scope[]; verified?: boolean } = {}): Promise<Actor> {
    const principal = await this.gateway.services.principals.signIn(samlLogin(role));
    const authorization = await personAuthorization(this.gateway, principal, scopes);
    const actor: Actor = {
      principal,
      get header() {
        return authorization();
      },
    };
    if (verified && ['doctor', 'hospital'].includes(role)) {
      await this.verify(principal);
    }
    return actor;
  }

  /** An organisation (pharmacy, insurer, hospital) with an API key of these scopes, verified on chain. */
  async organisation(role: OrganisationRole, scopes: Scope[] = ['read', 'write']): Promise<Actor> {
    organisations += 1;
    const principal = await this.gateway.services.principals.organisation(role, `Org ${organisations} ${Date.now()}`);
    const { apiKey } = await this.gateway.services.apiKeys.issue(principal, scopes, 30);
    await this.verify(principal);
    return { principal, header: ['X-API-Key', apiKey] };
  }

  /** Another key of the same organisation, with other scopes. */
  async keyFor(principal: Principal, scopes: Scope[]): Promise<Actor> {
    return { principal, header: ['X-API-Key', (await this.gateway.services.apiKeys.issue(principal, scopes, 30)).apiKey] };
  }

  /** A token that expires within the hour; advance the gateway clock past it. */
  async shortLivedToken(actor: Actor): Promise<Actor> {
    const { token } = await this.gateway.services.tokens.create(actor.principal, { name: 'short', scopes: ['read', 'write'], days: 1 });
    return { principal: actor.principal, header: ['Authorization', `Bearer ${token}`] };
  }

  async admin(): Promise<Actor> {
    this.adminActor ??= await this.person('admin', { scopes: ['read', 'write', 'admin'] });
    return this.adminActor;
  }

  private async verify(principal: Principal): Promise<void> {
    const admin = await this.admin();
    const licenceHash = createHash('sha256').update(`licence of ${principal.stakeholderId}`).digest('hex');
    const response = await as(this.gateway, admin).post(`/stakeholders/${principal.stakeholderId}/verification`).send({ licenceHash });
    if (response.status !== 200) {
      throw new Error(`verification of ${principal.stakeholderId} failed: ${response.status} ${response.text}`);
    }
  }
}

/**
 * Fresh Actors for each test, on that test's gateway: pass useTestGateway's stand-in, and call this
 * after it, so the gateway exists when the actors are made (hooks run in the order registered).
 */
export function useActors(gateway: TestGateway, lifetime: Lifetime = 'test'): Actors {
  return perTest(() => new Actors(gateway), undefined, lifetime);
}

/** A test gateway and actors on it, made fresh for each test (or shared by the describe): `const { gateway, actors } = useGatewayAndActors();`. */
export function useGatewayAndActors(options: TestGatewayOptions | (() => TestGateway) = {}, lifetime: Lifetime = 'test'): { gateway: TestGateway; actors: Actors } {
  const gateway = useTestGateway(options, lifetime);
  return { gateway, actors: useActors(gateway, lifetime) };
}

/**
 * One gateway and its actors shared by the tests of a describe that makes hundreds of calls (an
 * ownership matrix, the replay of every creation), so the general rate limit is lifted.
 */
export function useBusyGateway(): { gateway: TestGateway; actors: Actors } {
  return useGatewayAndActors({ environment: { MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000' } }, 'describe');
}

export type Method = 'get' | 'post' | 'delete' | 'put' | 'patch';

/** Supertest requests authenticated as `actor` (or anonymous). */
export function as(gateway: TestGateway, actor?: Actor) {
  const make = (method: Method) => (path: string) => {
    const pending = request(gateway.app)[method](path);
    return actor === undefined ? pending : pending.set(actor.header[0], actor.header[1]);
  };
  return { get: make('get'), post: make('post'), delete: make('delete'), put: make('put'), patch: make('patch') };
}

export interface TreatmentGrant {
  actions: string[];
  categories: string[];
  validUntil: string;
  /** Stories on the ledger-clock gateway pass the ledger's now (ledger-clock-gateway.ts, later()). */
  validFrom?: string;
}

/** POST /consents as the patient: the grantee may take these actions on these categories, for treatment. */
export function grantTreatment(gateway: TestGateway, patient: Actor, grantee: Actor, { actions, categories, validUntil, validFrom }: TreatmentGrant) {
  const period = validFrom === undefined ? { validUntil } : { validFrom, validUntil };
  return as(gateway, patient).post('/consents').send({ granteeId: grantee.principal.stakeholderId, actions, scope: { categories }, purpose: 'TREAT', ...period });
}

/** An ISO instant this many hours from now (wall clock: the embedded ledger judges windows by it). */
export function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * HOUR_MS).toISOString();
}
