import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PEER_ORGS, STATE_DIR, orgTlsRoot, type PeerOrg } from './network-paths';

/** Each org's fabric-ca listens here (network/scripts/lib/nodes.sh: CA_PORT). */
const CA_PORTS: Record<PeerOrg, number> = { providers: 8054, payers: 9054 };

/**
 * The MEDLEDGER_FABRIC_* variables that put the gateway in Fabric mode against the native network
 * whose state is under STATE_DIR: both orgs' peers (TLS roots and host names from the generated
 * crypto) and CAs, with the CA bootstrap admin as registrar. Shared by test/gateway-on-fabric and,
 * handed over as MEDLEDGER_TEST_FABRIC_ENVIRONMENT by fabric-ledger.ts, the gateway's REST stories
 * when MEDLEDGER_TEST_LEDGER=fabric (gateway/src/test-support/test-gateway.ts).
 * MEDLEDGER_DATA_DIR is a fresh temporary directory unless the caller gives one.
 */
export function fabricEnvironment(dataDir = mkdtempSync(join(tmpdir(), 'medledger-gateway-it-'))): Record<string, string> {
  return { ...networkEnvironment(), MEDLEDGER_DATA_DIR: dataDir };
}

/** fabricEnvironment without a data directory: for a caller that makes its own. */
export function networkEnvironment(): Record<string, string> {
  const registrarSecret = readFileSync(join(STATE_DIR, 'ca-bootstrap-password'), 'utf8').trim();
  const org = (name: PeerOrg) => {
    const prefix = `MEDLEDGER_FABRIC_${name.toUpperCase()}`;
    return {
      [`${prefix}_PEER_ENDPOINT`]: PEER_ORGS[name].endpoint,
      [`${prefix}_PEER_TLS_CA_FILE`]: orgTlsRoot(name),
      [`${prefix}_PEER_HOST_OVERRIDE`]: PEER_ORGS[name].hostAlias,
      [`${prefix}_CA_URL`]: `https://localhost:${CA_PORTS[name]}`,
      [`${prefix}_CA_NAME`]: `ca-${name}`,
      [`${prefix}_CA_TLS_CA_FILE`]: join(STATE_DIR, 'cas', name, 'ca-cert.pem'),
      [`${prefix}_CA_REGISTRAR_ID`]: 'admin',
      [`${prefix}_CA_REGISTRAR_SECRET`]: registrarSecret,
    };
  };
  return {
    MEDLEDGER_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
    MEDLEDGER_LOG_LEVEL: 'warn',
    ...org('providers'),
    ...org('payers'),
  };
}
