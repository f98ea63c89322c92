import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';

// gateway/src/acceptance/faults → the repository root.
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
/** Where the native network keeps its state (network/network.config: NETWORK_STATE_DIR). */
export const STATE_DIR = process.env.NETWORK_STATE_DIR ?? join(REPO_ROOT, '.network');

export const ORDERERS = ['orderer1', 'orderer2', 'orderer3'] as const;
export type Orderer = (typeof ORDERERS)[number];
export type NodeName = Orderer | 'peer0-providers' | 'peer0-payers' | 'chaincode';
export const ALL_NODES: readonly NodeName[] = [...ORDERERS, 'peer0-providers', 'peer0-payers', 'chaincode'];

/** Each orderer's operations endpoint (network/scripts/lib/nodes.sh: OPERATIONS_PORT). */
const OPERATIONS_PORT: Record<Orderer, number> = { orderer1: 9443, orderer2: 9444, orderer3: 9445 };

/** `network.sh kill-node NAME`: SIGKILL, as a crash, through the network's own PID file. */
export function killNode(name: NodeName): void {
  networkScript('kill-node', name);
}

/** `network.sh start-node NAME`: the node again, on its old ledger; returns once it listens (at once when it runs). */
export function startNode(name: NodeName): void {
  networkScript('start-node', name);
}

function networkScript(command: string, name: string): void {
  const ran = spawnSync('bash', [join(REPO_ROOT, 'network', 'network.sh'), command, name], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (ran.status !== 0) {
    throw new Error(`network.sh ${command} ${name} failed (${String(ran.status)}): ${ran.stderr}`);
  }
}

/**
 * The orderer that leads the channel's Raft cluster, from the orderers' own metrics
 * (consensus_etcdraft_is_leader), or undefined while there is none (an election is running).
 */
export async function raftLeader(channel: string): Promise<Orderer | undefined> {
  for (const orderer of ORDERERS) {
    const metrics = await operationsMetrics(orderer).catch(() => '');
    const leads = metrics.split('\n').some((line) => line.startsWith('consensus_etcdraft_is_leader{') && line.includes(`channel="${channel}"`) && line.trim().endsWith(' 1'));
    if (leads) return orderer;
  }
  return undefined;
}

function operationsMetrics(orderer: Orderer): Promise<string> {
  // /metrics wants a client certificate from the orderer org's TLS CA: the orderer's own will do
  const tls = (file: string) => readFileSync(join(STATE_DIR, 'crypto', 'orderer', 'orderers', `${orderer}.medledger.local`, 'tls', file));
  return new Promise((resolve, reject) => {
    const options = { host: 'localhost', port: OPERATIONS_PORT[orderer], path: '/metrics', ca: tls('ca.crt'), cert: tls('server.crt'), key: tls('server.key'), timeout: 3_000 };
    const call = request(options, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`${orderer} /metrics: HTTP ${String(response.statusCode)}`));
        return;
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => { resolve(body); });
    });
    call.on('timeout', () => call.destroy(new Error('timeout')));
    call.on('error', reject);
    call.end();
  });
}
