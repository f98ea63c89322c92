import { connect, type ChaincodeEvent, type Checkpoint, type CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { Principal } from '../../identity/principals/principal';
import type { ConnectionSource } from './fabric-gateway-connector';
import type { IdentitySource } from './fabric-ledger-client';
import { nodeCryptoSigning } from './signer';

/** fabric-gateway's `network.getChaincodeEvents(chaincode, options)`, opened for the gateway's event listener. */
export type ChaincodeEventsOpener = (options: { checkpoint: Checkpoint; startBlock: bigint }) => Promise<CloseableAsyncIterable<ChaincodeEvent>>;

export interface ChaincodeEventsOptions {
  clients: ConnectionSource;
  identities: IdentitySource;
  channel: string;
  chaincode: string;
  /** The identity the stream is requested with (any member of the channel may read events). */
  listener: Principal;
}

/**
 * Opens the chaincode event stream over the shared gRPC connection of the listener's organisation,
 * with a Gateway of its own (enrolled, renewed and decrypted like any principal's). The stream has
 * no deadline: it is meant to stay open. Closing the returned iterable closes the stream, then its
 * Gateway; the shared connection stays for the ledger client to close last.
 */
export function chaincodeEventsOpener({ clients, identities, channel, chaincode, listener }: ChaincodeEventsOptions): ChaincodeEventsOpener {
  return async (options) => {
    const material = identities.signingMaterial(await identities.current(listener));
    const gateway = connect({
      client: clients.clientFor(material.mspId, material.principalId),
      identity: { mspId: material.mspId, credentials: Buffer.from(material.certificatePem) },
      ...nodeCryptoSigning(material.privateKey),
    });
    try {
      const events = await gateway.getNetwork(channel).getChaincodeEvents(chaincode, options);
      const close = (): void => {
        events.close();
        gateway.close();
      };
      return { [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](), close, [Symbol.dispose]: close };
    } catch (error) {
      gateway.close();
      throw error;
    }
  };
}
