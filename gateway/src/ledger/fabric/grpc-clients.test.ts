import { GrpcClientPool } from './grpc-clients';
import { selfSignedIdentity } from './test-support/self-signed';

describe('GrpcClientPool', () => {
  const tlsCaCertPem = selfSignedIdentity('tls-ca').certificatePem;

  it('when many principals of an organisation connect, then they share one client per peer endpoint', () => {
    const pool = new GrpcClientPool(new Map([['ProvidersMSP', [{ endpoint: 'localhost:7051', tlsCaCertPem, hostOverride: 'peer0.providers.medledger.local' }]]]));

    const clients = ['prn_a', 'prn_b', 'prn_c'].map((principalId) => pool.clientFor('ProvidersMSP', principalId));

    expect(new Set(clients).size).toBe(1);
    expect(pool.openConnections).toBe(1);
    pool.close();
  });

  it('when an organisation has several peers, then each principal stays on one of them', () => {
    const peers = ['localhost:7051', 'localhost:8051'].map((endpoint) => ({ endpoint, tlsCaCertPem }));
    const pool = new GrpcClientPool(new Map([['ProvidersMSP', peers]]));

    const first = pool.clientFor('ProvidersMSP', 'prn_a');

    expect(pool.clientFor('ProvidersMSP', 'prn_a')).toBe(first);
    Array.from({ length: 20 }, (_, index) => pool.clientFor('ProvidersMSP', `prn_${index}`));
    expect(pool.openConnections).toBe(2);
    pool.close();
  });

  it('when the MSP has no peer configured, or the pool is closed, then no client is given', () => {
    const pool = new GrpcClientPool(new Map());

    expect(() => pool.clientFor('PayersMSP', 'prn_a')).toThrow('no Fabric gateway peer is configured for PayersMSP');
    pool.close();
    expect(() => pool.clientFor('PayersMSP', 'prn_a')).toThrow('closed');
  });
});
