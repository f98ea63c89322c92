import { join } from 'node:path';
import { REPO_ROOT } from './network-cli';

/** Where the native network keeps its state (network.config: NETWORK_STATE_DIR). */
export const STATE_DIR = process.env.NETWORK_STATE_DIR ?? join(REPO_ROOT, '.network');
export const FABRIC_HOME = process.env.FABRIC_HOME ?? join(REPO_ROOT, '.fabric');

export type PeerOrg = 'providers' | 'payers';

export const PEER_ORGS: Record<PeerOrg, { mspId: string; endpoint: string; hostAlias: string }> = {
  providers: { mspId: 'ProvidersMSP', endpoint: 'localhost:7051', hostAlias: 'peer0.providers.medledger.local' },
  payers: { mspId: 'PayersMSP', endpoint: 'localhost:9051', hostAlias: 'peer0.payers.medledger.local' },
};

export function orgTlsRoot(org: PeerOrg): string {
  return join(STATE_DIR, 'crypto', org, 'msp', 'tlscacerts', 'ca.pem');
}

export function userMspDir(org: PeerOrg, name: string): string {
  return join(STATE_DIR, 'crypto', org, 'users', name, 'msp');
}
