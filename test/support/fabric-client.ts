import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Contract, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EnrolledIdentity } from './enroll';
import { PEER_ORGS, orgTlsRoot, type PeerOrg } from './network-paths';

export const CHANNEL = 'medledger';
export const CHAINCODE = 'medledger';

/** One gRPC connection per peer, shared by every test identity (as the gateway does). */
const clients = new Map<PeerOrg, grpc.Client>();

function clientFor(org: PeerOrg): grpc.Client {
  let client = clients.get(org);
  if (client === undefined) {
    const credentials = grpc.credentials.createSsl(readFileSync(orgTlsRoot(org)));
    client = new grpc.Client(PEER_ORGS[org].endpoint, credentials, { 'grpc.ssl_target_name_override': PEER_ORGS[org].hostAlias });
    clients.set(org, client);
  }
  return client;
}

export interface Session {
  gateway: Gateway;
  network: Network;
  contract: Contract;
}

/** A Gateway for one identity, connected through its own org's peer. */
export function openSession(identity: EnrolledIdentity): Session {
  const gateway = connect({
    client: clientFor(identity.org),
    identity: { mspId: identity.mspId, credentials: new TextEncoder().encode(identity.certificatePem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(identity.privateKeyPem)),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 15_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 15_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const network = gateway.getNetwork(CHANNEL);
  return { gateway, network, contract: network.getContract(CHAINCODE) };
}

export function closeAllClients(): void {
  for (const client of clients.values()) {
    client.close();
  }
  clients.clear();
}

export function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
