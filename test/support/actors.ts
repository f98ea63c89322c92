import { randomBytes } from 'node:crypto';
import { enrollIdentity, type EnrolledIdentity } from './enroll';
import { openSession, utf8, type Session } from './fabric-client';
import type { PeerOrg } from './network-paths';

export type Role = 'patient' | 'doctor' | 'hospital' | 'pharmacy' | 'insurer' | 'regulator' | 'admin';

const ROLE_ORG: Record<Role, PeerOrg> = {
  patient: 'providers', doctor: 'providers', hospital: 'providers', regulator: 'providers', admin: 'providers',
  pharmacy: 'payers', insurer: 'payers',
};
const ID_PREFIX: Record<Role, string> = {
  patient: 'pat', doctor: 'doc', hospital: 'hos', pharmacy: 'pha', insurer: 'ins', regulator: 'reg', admin: 'adm',
};

export interface Actor extends Session {
  role: Role;
  stakeholderId: string;
  identity: EnrolledIdentity;
  /** Submits and waits for a VALID commit; returns the transaction's JSON result. */
  submitJson<T>(fn: string, args?: string[], transient?: Record<string, unknown>): Promise<T>;
  evaluateJson<T>(fn: string, args?: string[]): Promise<T>;
}

/** Each test owns its data: every actor gets a fresh pseudonymous ID and certificate. */
export function newActor(role: Role): Actor {
  const stakeholderId = `${ID_PREFIX[role]}-it${randomBytes(5).toString('hex')}`;
  const identity = enrollIdentity(ROLE_ORG[role], stakeholderId, { 'medledger.role': role, 'medledger.id': stakeholderId });
  const session = openSession(identity);
  return {
    ...session,
    role,
    stakeholderId,
    identity,
    submitJson: async <T>(fn: string, args: string[] = [], transient?: Record<string, unknown>) => {
      const transientData = transient === undefined ? undefined : encodeTransient(transient);
      const result = await session.contract.submit(fn, { arguments: args, ...(transientData && { transientData }) });
      return JSON.parse(utf8(result)) as T;
    },
    evaluateJson: async <T>(fn: string, args: string[] = []) => JSON.parse(utf8(await session.contract.evaluateTransaction(fn, ...args))) as T,
  };
}

function encodeTransient(values: Record<string, unknown>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, new TextEncoder().encode(JSON.stringify(value))]));
}

/** A registered stakeholder; professionals are verified by a freshly registered admin. */
export async function registeredActor(role: Role, admin?: Actor): Promise<Actor> {
  const actor = newActor(role);
  await actor.contract.submitTransaction('Stakeholder:register');
  if (['doctor', 'hospital', 'pharmacy', 'insurer'].includes(role)) {
    const verifier = admin ?? (await registeredActor('admin'));
    await verifier.contract.submitTransaction('Stakeholder:verify', actor.stakeholderId, 'a'.repeat(64));
  }
  return actor;
}

export function closeActors(...actors: Actor[]): void {
  for (const actor of actors) {
    actor.gateway.close();
  }
}
