import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';

export interface PeerEndpoint {
  /** host:port of a peer running the Fabric Gateway service. */
  endpoint: string;
  tlsCaCertPem: string;
  /** The name in the peer's TLS certificate when it differs from the endpoint's host. */
  hostOverride?: string;
}

/**
 * One gRPC client (one HTTP/2 connection) per peer endpoint, shared by the Gateways of every
 * principal of that organisation: a Gateway is only an identity plus a signer, and a connection per
 * principal would exhaust the peer long before the signatures do.
 */
export class GrpcClientPool {
  readonly #peers: ReadonlyMap<string, readonly PeerEndpoint[]>;
  readonly #clients = new Map<string, grpc.Client>();
  #closed = false;

  constructor(peersByMsp: ReadonlyMap<string, readonly PeerEndpoint[]>) {
    this.#peers = peersByMsp;
  }

  /** The connection of the org's peer this principal uses; principals are spread over the org's peers, each staying on one. */
  clientFor(mspId: string, principalId: string): grpc.Client {
    if (this.#closed) {
      throw new Error('the gRPC connections are closed');
    }
    const peers = this.#peers.get(mspId) ?? [];
    const peer = peers[peers.length <= 1 ? 0 : createHash('sha256').update(principalId).digest().readUInt32BE(0) % peers.length];
    if (peer === undefined) {
      throw new Error(`no Fabric gateway peer is configured for ${mspId}`);
    }
    let client = this.#clients.get(peer.endpoint);
    if (client === undefined) {
      client = newClient(peer);
      this.#clients.set(peer.endpoint, client);
    }
    return client;
  }

  get openConnections(): number {
    return this.#clients.size;
  }

  /** Call after every Gateway using the connections has been closed. */
  close(): void {
    this.#closed = true;
    for (const client of this.#clients.values()) {
      client.close();
    }
    this.#clients.clear();
  }
}

function newClient(peer: PeerEndpoint): grpc.Client {
  const credentials = grpc.credentials.createSsl(Buffer.from(peer.tlsCaCertPem));
  return new grpc.Client(peer.endpoint, credentials, {
    ...(peer.hostOverride === undefined ? {} : { 'grpc.ssl_target_name_override': peer.hostOverride }),
    // notice a silently dropped connection (NAT, load balancer) before a call waits on it
    'grpc.keepalive_time_ms': 120_000,
    'grpc.keepalive_timeout_ms': 20_000,
  });
}
