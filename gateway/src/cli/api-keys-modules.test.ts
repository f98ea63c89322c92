// `npm run apikey` must answer in a few seconds, and most of a Node CLI's time is loading modules.
// The heavy client libraries (Fabric, gRPC, the AWS SDK, the PostgreSQL driver, Prometheus) load
// only on the paths that use them (Fabric mode, S3 blobs, PostgreSQL, the server), and the
// contracts (fabric-contract-api) only with the embedded ledger that runs them. This checks
// which modules the CLI loads on the embedded path, not how long it takes: each watched module is
// replaced by a pass-through that records that it was loaded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mockLoaded = new Set<string>();
/** The real module, recorded as loaded (a jest.mock factory runs when the module is first required). */
function mockRecord(name: string): unknown {
  mockLoaded.add(name);
  return jest.requireActual(name);
}
jest.mock('@hyperledger/fabric-gateway', () => mockRecord('@hyperledger/fabric-gateway'));
jest.mock('@grpc/grpc-js', () => mockRecord('@grpc/grpc-js'));
jest.mock('@aws-sdk/client-s3', () => mockRecord('@aws-sdk/client-s3'));
jest.mock('pg', () => mockRecord('pg'));
jest.mock('prom-client', () => mockRecord('prom-client'));
jest.mock('@medledger/ledger-sim', () => mockRecord('@medledger/ledger-sim'));
jest.mock('fabric-contract-api', () => mockRecord('fabric-contract-api'));

/** Loaded by no command on the embedded path: Fabric's client, the AWS SDK, the PostgreSQL driver. */
const NEVER_EMBEDDED = ['@hyperledger/fabric-gateway', '@aws-sdk/client-s3', 'pg'];
/** Loaded only by create, which onboards the organisation on the embedded ledger (the contracts, and a contract runtime that brings gRPC) through the whole gateway. */
const CREATE_ONLY = ['@medledger/ledger-sim', 'fabric-contract-api', '@grpc/grpc-js', 'prom-client'];

describe('apikey CLI on the embedded ledger: the modules each command loads', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'medledger-apikey-modules-'));
    jest.resetModules();
    mockLoaded.clear();
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The CLI as `npm run apikey -- <argv>` runs it, loaded afresh, against the embedded ledger and SQLite in dataDir. */
  async function cli(...argv: string[]): Promise<{ code: number; output: string }> {
    const { apiKeyCli } = await import('./api-keys');
    let output = '';
    const code = await apiKeyCli(argv, { MEDLEDGER_DATA_DIR: dataDir }, (text) => (output += text), (text) => (output += text));
    return { code, output };
  }

  it('when the operator asks for help, then none of the watched modules loads', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect([...mockLoaded]).toEqual([]);
  });

  it('when the operator lists, rotates and revokes a key, then none of the ledger, contract, Fabric, gRPC, AWS, PostgreSQL or metrics modules loads', async () => {
    const keyId = /Key ID: (\S+),/.exec((await cli('create', '--org', 'Rot Pharmacy', '--role', 'pharmacy', '--scopes', 'read')).output)?.[1] ?? 'no key made';
    for (const argv of [['list'], ['rotate', keyId], ['revoke', keyId]]) {
      jest.resetModules();
      mockLoaded.clear();

      expect(await cli(...argv)).toMatchObject({ code: 0 });
      expect({ argv, loaded: [...mockLoaded] }).toEqual({ argv, loaded: [] });
    }
  });

  it('when the operator creates a key, then the embedded ledger loads but neither Fabric’s client nor the AWS SDK nor PostgreSQL’s driver', async () => {
    const { code, output } = await cli('create', '--org', 'Acme Pharmacy', '--role', 'pharmacy', '--scopes', 'read');

    expect(code).toBe(0);
    expect(output).toContain('API key (shown once');
    expect([...mockLoaded].sort()).toEqual([...CREATE_ONLY].sort());
    expect(NEVER_EMBEDDED.filter((name) => mockLoaded.has(name))).toEqual([]);
  });
});
