import { createPrivateKey } from 'node:crypto';
import pino from 'pino';
import type { Config } from '../../src/config';
import type { Principal } from '../../src/identity/principals/principal';
import type { SigningMaterial } from '../../src/ledger/fabric/gateway-port';
import { identityKeyContext, KeyEnvelope } from '../../src/ledger/fabric/key-envelope';
import { createLogger } from '../../src/platform/logging/logger';
import { deriveKey } from '../../src/platform/secrets/derived-keys';
import { closeGateway, openGateway } from '../../src/wiring/open-gateway';

/** The patient the benchmark calls as: its record, a personal access token for REST, and (on Fabric) its enrolled identity. */
export interface BenchPrincipal {
  principal: Principal;
  token: string;
  /** The key and certificate the gateway signs this patient's transactions with; Fabric mode only. */
  identity?: SigningMaterial;
}

/**
 * Makes the benchmark's patient the way a first sign-in does (principal row, Fabric identity from
 * the org's CA, Stakeholder:register signed with it) and gives it a read-only personal access
 * token, through the gateway's own services on the gateway's data directory, before the gateway
 * process starts. Nothing here is a shortcut the server offers: the CLI opens the same services.
 */
export async function createBenchPrincipal(config: Readonly<Config>, masterKey: Buffer): Promise<BenchPrincipal> {
  // 'server' on the embedded ledger, so that closing saves the registration for the server to load
  const services = await openGateway(config, createLogger('warn', pino.destination(2)), { role: config.fabric === undefined ? 'server' : 'cli' });
  try {
    const principal = await services.principals.signIn({ issuer: 'urn:medledger:ledger-benchmark', nameId: 'benchmark-patient', role: 'patient', displayName: 'benchmark patient' });
    const { token } = await services.tokens.create(principal, { name: 'ledger benchmark', scopes: ['read'], days: 1 });
    const record = await services.store.fabricIdentities.get(principal.id);
    if (record === undefined) {
      return { principal, token };
    }
    const keyPem = new KeyEnvelope(deriveKey(masterKey, 'fabric-private-keys')).open(record.encryptedPrivateKey, identityKeyContext(record.principalId, record.mspId));
    return { principal, token, identity: { principalId: principal.id, mspId: record.mspId, certificatePem: record.certificatePem, privateKey: createPrivateKey(keyPem) } };
  } finally {
    await closeGateway(services);
  }
}
