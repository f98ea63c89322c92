import { generateKeyPairSync } from 'node:crypto';
import type { Principal } from '../../../identity/principals/principal';
import { FabricLedgerClient, type IdentitySource } from '../fabric-ledger-client';
import { RecordingLogger } from './recording-logger';
import { ScriptedNetwork } from './scripted-gateway';
import { LedgerError, type StoredIdentity } from '../../ledger-port';

export const DEADLINES = { evaluateMs: 1_000, endorseMs: 2_000, submitMs: 3_000, commitStatusMs: 4_000 };
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

/** Certificates are stand-in strings; renew() makes the next lookup return a new one. */
class FakeIdentities implements IdentitySource {
  readonly #versions = new Map<string, number>();

  current(principal: Principal): Promise<StoredIdentity> {
    const version = this.#versions.get(principal.id) ?? 1;
    return Promise.resolve({
      principalId: principal.id,
      mspId: principal.mspId,
      certificatePem: `certificate ${version} of ${principal.id}`,
      encryptedPrivateKey: 'sealed',
      notAfter: '2099-01-01T00:00:00.000Z',
      enrollmentId: principal.id,
    });
  }

  signingMaterial(record: StoredIdentity) {
    return { principalId: record.principalId, mspId: record.mspId, certificatePem: record.certificatePem, privateKey };
  }

  renew(principalId: string): void {
    this.#versions.set(principalId, (this.#versions.get(principalId) ?? 1) + 1);
  }
}

/** A FabricLedgerClient over a ScriptedNetwork, with fake identities, a recording logger and no real sleeps (fabric-ledger-client*.test.ts). */
export function setUp(options: { gatewayCacheSize?: number; submitAttempts?: number } = {}) {
  const network = new ScriptedNetwork();
  const identities = new FakeIdentities();
  const logger = new RecordingLogger();
  const sleeps: number[] = [];
  const client = new FabricLedgerClient({
    connect: network.connector,
    identities,
    connections: { close: () => network.closes.push('connections') },
    deadlines: DEADLINES,
    submitAttempts: options.submitAttempts ?? 3,
    gatewayCacheSize: options.gatewayCacheSize ?? 200,
    logger,
    retryBaseMs: 40,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
  });
  return { network, identities, logger, sleeps, client };
}

export async function failureOf(promise: Promise<unknown>): Promise<LedgerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof LedgerError)) {
    throw new Error(`expected a LedgerError, got ${String(error)}`);
  }
  return error;
}

