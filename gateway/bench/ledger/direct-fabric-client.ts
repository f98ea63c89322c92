import { performance } from 'node:perf_hooks';
import { connect } from '@hyperledger/fabric-gateway';
import type { FabricConfig } from '../../src/ledger/fabric/fabric-config';
import { GrpcClientPool, type PeerEndpoint } from '../../src/ledger/fabric/grpc-clients';
import { isReadConflict } from '../../src/ledger/fabric/ledger-errors';
import type { SigningMaterial } from '../../src/ledger/fabric/gateway-port';
import { nodeCryptoSigning } from '../../src/ledger/fabric/signer';
import { EVALUATE, SUBMIT, type BenchClient } from './workload';

/** What the direct client saw of its submits' commits, for the commit-latency and conflict lines. */
export interface CommitObservations {
  /** From handing the endorsed transaction to the orderer to its VALID commit status, per submit. */
  commitMs: number[];
  /** Commits that lost an MVCC or phantom read conflict (each one is proposed again, as the gateway does). */
  readConflicts: number;
}

/**
 * The baseline: @hyperledger/fabric-gateway called directly, with the gateway's own node:crypto
 * signer and the same enrolled identity the gateway signs the patient's REST calls with, over one
 * gRPC connection to the same peer. Submits retry a read conflict like the gateway's client
 * (config.submitAttempts), so both sides do the same work per successful call.
 */
export function directFabricClient(config: FabricConfig, peers: ReadonlyMap<string, readonly PeerEndpoint[]>, identity: SigningMaterial, patientId: string): BenchClient & { observations: CommitObservations } {
  const pool = new GrpcClientPool(peers);
  const within = (ms: number) => () => ({ deadline: Date.now() + ms });
  const gateway = connect({
    client: pool.clientFor(identity.mspId, identity.principalId),
    identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
    ...nodeCryptoSigning(identity.privateKey),
    evaluateOptions: within(config.deadlines.evaluateMs),
    endorseOptions: within(config.deadlines.endorseMs),
    submitOptions: within(config.deadlines.submitMs),
    commitStatusOptions: within(config.deadlines.commitStatusMs),
  });
  const contract = gateway.getNetwork(config.channel).getContract(config.chaincode);
  const observations: CommitObservations = { commitMs: [], readConflicts: 0 };
  const submitArgs = SUBMIT.args(patientId);
  const evaluateArgs = EVALUATE.args(patientId);

  const submit = async () => {
    for (let attempt = 1; ; attempt += 1) {
      const endorsed = await contract.newProposal(SUBMIT.transaction, { arguments: submitArgs }).endorse();
      const handedOver = performance.now();
      const commit = await endorsed.submit();
      const status = await commit.getStatus();
      if (status.successful) {
        observations.commitMs.push(performance.now() - handedOver);
        return;
      }
      if (isReadConflict(status.code)) {
        observations.readConflicts += 1;
        if (attempt < config.submitAttempts) continue;
      }
      throw new Error(`transaction ${status.transactionId} committed with validation code ${status.code}`);
    }
  };
  return {
    name: 'direct',
    observations,
    submit,
    evaluate: async () => {
      await contract.evaluateTransaction(EVALUATE.transaction, ...evaluateArgs);
    },
    close: () => {
      gateway.close();
      pool.close();
      return Promise.resolve();
    },
  };
}
