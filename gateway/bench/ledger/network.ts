import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The native network as the benchmark uses it: network/network.sh starts and stops it (as the
 * integration suite's global setup does), and its state directory says where the peers, CAs and
 * logs are. Paths and ports follow network/network.config and network/scripts/lib/nodes.sh, as
 * test/support/fabric-environment.ts does for the integration tests.
 */
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const STATE_DIR = process.env.NETWORK_STATE_DIR ?? join(REPO_ROOT, '.network');
const FABRIC_HOME = process.env.FABRIC_HOME ?? join(REPO_ROOT, '.fabric');

const ORGS = [
  { name: 'providers', endpoint: 'localhost:7051', hostAlias: 'peer0.providers.medledger.local', caPort: 8054 },
  { name: 'payers', endpoint: 'localhost:9051', hostAlias: 'peer0.payers.medledger.local', caPort: 9054 },
] as const;

/** The Fabric binaries the network needs are installed (FABRIC_HOME/bin). */
export function fabricBinariesPresent(): boolean {
  return ['peer', 'orderer', 'fabric-ca-server', 'osnadmin', 'configtxgen'].every((binary) => existsSync(join(FABRIC_HOME, 'bin', binary)));
}

/** True when a network started earlier (by hand, or by another run) is still up. */
export function networkIsRunning(): boolean {
  const pidFile = join(STATE_DIR, 'pids', 'peer0-providers.pid');
  if (!existsSync(pidFile)) {
    return false;
  }
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/** `network/network.sh up|down`, its output on stderr so the benchmark's report stays on stdout. */
export function networkCommand(command: 'up' | 'down'): void {
  execFileSync('bash', [join(REPO_ROOT, 'network', 'network.sh'), command], { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, process.stderr] });
}

/** The MEDLEDGER_FABRIC_* variables that put a gateway on the running network (both orgs' peers and CAs). */
export function fabricVariables(): Record<string, string> {
  const registrarSecret = readFileSync(join(STATE_DIR, 'ca-bootstrap-password'), 'utf8').trim();
  return Object.fromEntries(
    ORGS.flatMap((org) => {
      const prefix = `MEDLEDGER_FABRIC_${org.name.toUpperCase()}`;
      return [
        [`${prefix}_PEER_ENDPOINT`, org.endpoint],
        [`${prefix}_PEER_TLS_CA_FILE`, join(STATE_DIR, 'crypto', org.name, 'msp', 'tlscacerts', 'ca.pem')],
        [`${prefix}_PEER_HOST_OVERRIDE`, org.hostAlias],
        [`${prefix}_CA_URL`, `https://localhost:${org.caPort}`],
        [`${prefix}_CA_NAME`, `ca-${org.name}`],
        [`${prefix}_CA_TLS_CA_FILE`, join(STATE_DIR, 'cas', org.name, 'ca-cert.pem')],
        [`${prefix}_CA_REGISTRAR_ID`, 'admin'],
        [`${prefix}_CA_REGISTRAR_SECRET`, registrarSecret],
      ];
    }),
  );
}

/** The orderers' BatchTimeout in milliseconds, from the channel configuration the network is made from. */
export function batchTimeoutMs(configtx = readFileSync(join(REPO_ROOT, 'network', 'config', 'configtx.yaml'), 'utf8')): number {
  const match = /^\s*BatchTimeout:\s*(\d+(?:\.\d+)?)(ms|s)\s*$/m.exec(configtx);
  if (match === null) {
    throw new Error('no BatchTimeout in network/config/configtx.yaml');
  }
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

/** Bytes in each of the network's log files now (.network/logs/*.log). */
export function networkLogSizes(): Map<string, number> {
  const directory = join(STATE_DIR, 'logs');
  if (!existsSync(directory)) {
    return new Map();
  }
  return new Map(
    readdirSync(directory)
      .filter((name) => name.endsWith('.log'))
      .map((name) => [name, statSync(join(directory, name)).size]),
  );
}
