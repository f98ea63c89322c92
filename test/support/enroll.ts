import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './network-cli';
import { FABRIC_HOME, PEER_ORGS, STATE_DIR, userMspDir, type PeerOrg } from './network-paths';

export interface EnrolledIdentity {
  org: PeerOrg;
  mspId: string;
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * Registers and enrolls a new identity with its org's CA, reusing the network setup's own
 * `enroll_identity` step, so tests get certificates exactly like the ones production issues:
 * fabric-ca attributes in the enrollment certificate, no cryptogen.
 */
export function enrollIdentity(org: PeerOrg, name: string, attributes: Record<string, string> = {}): EnrolledIdentity {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => `${key}=${value}:ecert`)
    .join(',');
  const script = [
    'source network/setup/lib/common.sh',
    'source network/setup/lib/ca.sh',
    'enroll_identity "$1" "$2" client "$3" ${4:+attrs=$4}',
  ].join(' && ');
  const dest = join(STATE_DIR, 'crypto', org, 'users', name);
  execFileSync('bash', ['-c', script, 'enroll', org, name, dest, attrs], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_HOST: 'localhost', NETWORK_STATE_DIR: STATE_DIR, PATH: `${join(FABRIC_HOME, 'bin')}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return loadIdentity(org, name);
}

/** Reads an identity the network setup enrolled (e.g. the org admin, which has no MedLedger attributes). */
export function loadIdentity(org: PeerOrg, name: string): EnrolledIdentity {
  const msp = userMspDir(org, name);
  const keyFile = readdirSync(join(msp, 'keystore'))[0];
  if (keyFile === undefined) {
    throw new Error(`no private key in ${msp}/keystore`);
  }
  return {
    org,
    mspId: PEER_ORGS[org].mspId,
    certificatePem: readFileSync(join(msp, 'signcerts', 'cert.pem'), 'utf8'),
    privateKeyPem: readFileSync(join(msp, 'keystore', keyFile), 'utf8'),
  };
}
