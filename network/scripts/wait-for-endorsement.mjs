#!/usr/bin/env node
// Readiness probe of up.sh. A network is ready when a client can do what clients do: ask the
// Providers peer's gateway to endorse a proposal, with discovery finding peers of both orgs that
// satisfy the AND endorsement policy. Gossip and discovery converge a few seconds after the
// commit, so this retries while discovery reports that no peer combination satisfies the policy,
// and fails on anything else.
// up.sh starts the probe before the chaincode is committed, so that loading its libraries (a
// second on a busy machine) overlaps the commit, and writes a line to its stdin once the chaincode
// is committed; only then does the probe begin. If its stdin closes first (up.sh failed), it exits.
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [stateDir, channel, chaincode] = process.argv.slice(2);
const BUDGET_MS = 60_000;
// Discovery converges within a second or two of the commit; polling every 200 ms (not every second)
// keeps start-up from idling up to a second after it has.
const DELAY_MS = 200;

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

/** Resolves when a line arrives on stdin; rejects when stdin ends first. */
function committed() {
  return new Promise((resolve, reject) => {
    process.stdin.once('data', () => {
      process.stdin.destroy(); // an open stdin would keep the probe from exiting
      resolve();
    });
    process.stdin.once('end', () => reject(new Error('start-up stopped before the chaincode was committed')));
  });
}

async function main() {
  const tlsRoot = readFileSync(join(stateDir, 'crypto', 'providers', 'msp', 'tlscacerts', 'ca.pem'));
  const client = new grpc.Client('localhost:7051', grpc.credentials.createSsl(tlsRoot), {
    'grpc.ssl_target_name_override': 'peer0.providers.medledger.local',
  });
  const gateway = connect({ client, ...orgAdmin(), hash: hash.sha256, endorseOptions: () => ({ deadline: Date.now() + 10_000 }) });
  try {
    const contract = gateway.getNetwork(channel).getContract(chaincode);
    await committed();
    const deadline = Date.now() + BUDGET_MS;
    for (let attempt = 1; Date.now() < deadline; attempt += 1) {
      try {
        await contract.newProposal('Platform:getVersion').endorse();
        console.error(`[network] endorsement by both orgs works (after ${attempt} attempt${attempt === 1 ? '' : 's'})`);
        return;
      } catch (error) {
        if (!notYetDiscovered(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
      }
    }
    throw new Error(`discovery found no peers satisfying the endorsement policy within ${BUDGET_MS / 1000} s`);
  } finally {
    gateway.close();
    client.close();
  }
}

main().catch((error) => {
  console.error(`[network] error: ${error.message}`);
  process.exit(1);
});
