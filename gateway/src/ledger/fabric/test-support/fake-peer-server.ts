import { Server, ServerCredentials, status as GrpcStatus, type ServiceDefinition, type ServiceError, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { FakeGatewayPeer, PeerRequest } from './fake-gateway-peer';

const METHODS: PeerRequest['method'][] = ['Evaluate', 'Endorse', 'Submit', 'CommitStatus'];

/**
 * Serves a FakeGatewayPeer as the gateway.Gateway gRPC service over TLS on 127.0.0.1, so the real
 * connection layer (grpc-js channel, TLS trust, ssl target name override) is exercised too.
 * Messages pass through as bytes; the fake decodes them itself.
 */
export async function serveFakePeer(fakePeer: FakeGatewayPeer, tls: { certPem: string; keyPem: string }): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const identity = (bytes: Buffer): Buffer => bytes;
  const definition: ServiceDefinition = Object.fromEntries(
    METHODS.map((method) => [
      method,
      { path: `/gateway.Gateway/${method}`, requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
    ]),
  );
  const implementation: UntypedServiceImplementation = Object.fromEntries(
    METHODS.map((method) => [
      method,
      (call: { request: Buffer; getDeadline(): Date | number }, callback: (error: ServiceError | null, response?: Buffer) => void) => {
        let response: Buffer;
        try {
          response = Buffer.from(fakePeer.handle(method, call.request, call.getDeadline()));
        } catch (error) {
          const serviceError = 'metadata' in (error as object) ? (error as ServiceError) : Object.assign(error as Error, { code: GrpcStatus.INTERNAL });
          callback(serviceError as ServiceError);
          return;
        }
        // handled at once, answered late: the client cannot tell whether the request took effect
        setTimeout(() => {
          callback(null, response);
        }, fakePeer.delayOf(method));
      },
    ]),
  );
  const server = new Server();
  server.addService(definition, implementation);
  const credentials = ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(tls.certPem), private_key: Buffer.from(tls.keyPem) }]);
  const port = await new Promise<number>((done, fail) => {
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => {
      if (error === null) {
        done(bound);
      } else {
        fail(error);
      }
    });
  });
  return {
    endpoint: `127.0.0.1:${port}`,
    stop: () =>
      new Promise((done) => {
        server.tryShutdown(() => {
          done();
        });
      }),
  };
}
