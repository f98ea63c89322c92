#!/usr/bin/env node
// Readiness probe run by up.sh after the chaincode is committed. A network is ready when a client
// can do what clients do: ask the Providers peer's gateway to endorse a proposal, with discovery
// finding peers of both orgs that satisfy the AND endorsement policy. Gossip and discovery
// converge a few seconds after the commit, so this retries while discovery reports that no peer
// combination satisfies the policy, and fails on anything else.
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [stateDir, channel, chaincode] = process.argv.slice(2);
const ATTEMPTS = 60;
const DELAY_MS = 1000;

function orgAdmin() {
  const msp = join(stateDir, 'crypto', 'providers', 'users', 'orgadmin', 'msp');
  const keyFile = readdirSync(join(msp, 'keystore'))[0];
  return {
    identity: { mspId: 'ProvidersMSP', credentials: readFileSync(join(msp, 'signcerts', 'cert.pem')) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(join(msp, 'keystore', keyFile)))),
  };
}

function notYetDiscovered(error) {
  return error?.code === grpc.status.FAILED_PRECONDITION || /no combination of peers|no peer combination/.test(String(error?.details ?? error?.message));
}

async function main() {
  const tlsRoot = readFileSync(join(stateDir, 'crypto', 'providers', 'msp', 'tlscacerts', 'ca.pem'));
  const client = new grpc.Client('localhost:7051', grpc.credentials.createSsl(tlsRoot), {
    'grpc.ssl_target_name_override': 'peer0.providers.medledger.local',
  });
  const gateway = connect({ client, ...orgAdmin(), hash: hash.sha256, endorseOptions: () => ({ deadline: Date.now() + 10_000 }) });
  try {
    const contract = gateway.getNetwork(channel).getContract(chaincode);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        await contract.newProposal('Platform:getVersion').endorse();
        console.error(`[network] endorsement by both orgs works (after ${attempt} attempt${attempt === 1 ? '' : 's'})`);
        return;
      } catch (error) {
        if (!notYetDiscovered(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
      }
    }
    throw new Error(`discovery found no peers satisfying the endorsement policy within ${ATTEMPTS} s`);
  } finally {
    gateway.close();
    client.close();
  }
}

main().catch((error) => {
  console.error(`[network] error: ${error.message}`);
  process.exit(1);
});
