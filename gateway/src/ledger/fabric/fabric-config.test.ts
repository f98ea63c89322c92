import { FabricConfigError, fabricConfigSchema, loadFabricConfigFromEnv } from './fabric-config';

const PROVIDERS = {
  MEDLEDGER_FABRIC_PROVIDERS_PEER_ENDPOINT: 'localhost:7051',
  MEDLEDGER_FABRIC_PROVIDERS_PEER_TLS_CA_FILE: '/crypto/providers/peer-tls-ca.pem',
  MEDLEDGER_FABRIC_PROVIDERS_PEER_HOST_OVERRIDE: 'peer0.providers.medledger.local',
  MEDLEDGER_FABRIC_PROVIDERS_CA_URL: 'https://localhost:7054',
  MEDLEDGER_FABRIC_PROVIDERS_CA_NAME: 'ca-providers',
  MEDLEDGER_FABRIC_PROVIDERS_CA_TLS_CA_FILE: '/crypto/providers/ca-cert.pem',
  MEDLEDGER_FABRIC_PROVIDERS_CA_REGISTRAR_ID: 'admin',
  MEDLEDGER_FABRIC_PROVIDERS_CA_REGISTRAR_SECRET: 'registrar-secret',
};

function issuesOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadFabricConfigFromEnv(env);
  } catch (error) {
    if (error instanceof FabricConfigError) {
      return [...error.issues];
    }
    throw error;
  }
  throw new Error('expected a FabricConfigError');
}

describe('loadFabricConfigFromEnv', () => {
  it('when no MEDLEDGER_FABRIC_ variable is set (or all are empty), then there is no Fabric configuration: embedded mode', () => {
    expect(loadFabricConfigFromEnv({ MEDLEDGER_PORT: '3000' })).toBeUndefined();
    expect(loadFabricConfigFromEnv({ MEDLEDGER_FABRIC_CHANNEL: '' })).toBeUndefined();
  });

  it('when one organisation is configured, then its peer and CA are read and the rest defaults', () => {
    const config = loadFabricConfigFromEnv(PROVIDERS);

    expect(config).toEqual({
      channel: 'medledger',
      chaincode: 'medledger',
      orgs: [
        {
          mspId: 'ProvidersMSP',
          peers: [{ endpoint: 'localhost:7051', tlsCaCertFile: '/crypto/providers/peer-tls-ca.pem', hostOverride: 'peer0.providers.medledger.local' }],
          ca: {
            url: 'https://localhost:7054',
            caName: 'ca-providers',
            tlsCaCertFile: '/crypto/providers/ca-cert.pem',
            registrarId: 'admin',
            registrarSecret: 'registrar-secret',
            affiliation: '',
          },
        },
      ],
      deadlines: { evaluateMs: 5_000, endorseMs: 15_000, submitMs: 5_000, commitStatusMs: 60_000 },
      submitAttempts: 3,
      gatewayCacheSize: 200,
      renewBeforeDays: 30,
    });
  });

  it('when deadlines and limits are given, then they are used', () => {
    const config = loadFabricConfigFromEnv({
      ...PROVIDERS,
      MEDLEDGER_FABRIC_CHANNEL: 'care',
      MEDLEDGER_FABRIC_ENDORSE_TIMEOUT_MS: '20000',
      MEDLEDGER_FABRIC_SUBMIT_ATTEMPTS: '5',
      MEDLEDGER_FABRIC_GATEWAY_CACHE_SIZE: '50',
    });

    expect(config).toMatchObject({ channel: 'care', deadlines: { endorseMs: 20_000 }, submitAttempts: 5, gatewayCacheSize: 50 });
  });

  it('when an organisation is partly configured or values are malformed, then every problem is named by its variable', () => {
    const issues = issuesOf({
      ...PROVIDERS,
      MEDLEDGER_FABRIC_PROVIDERS_CA_URL: 'http://localhost:7054',
      MEDLEDGER_FABRIC_PAYERS_PEER_ENDPOINT: 'no-port',
      MEDLEDGER_FABRIC_COMMIT_STATUS_TIMEOUT_MS: 'soon',
    });

    const variables = issues.map((issue) => issue.variable);
    expect(variables).toEqual(
      expect.arrayContaining([
        'MEDLEDGER_FABRIC_PROVIDERS_CA_URL',
        'MEDLEDGER_FABRIC_PAYERS_PEER_ENDPOINT',
        'MEDLEDGER_FABRIC_PAYERS_PEER_TLS_CA_FILE',
        'MEDLEDGER_FABRIC_PAYERS_CA_REGISTRAR_SECRET',
        'MEDLEDGER_FABRIC_COMMIT_STATUS_TIMEOUT_MS',
      ]),
    );
    expect(issues.find((issue) => issue.variable === 'MEDLEDGER_FABRIC_PAYERS_CA_URL')?.message).toBe('is required');
  });

  it('when only global settings are given, then it is refused: Fabric mode needs at least one organisation', () => {
    expect(issuesOf({ MEDLEDGER_FABRIC_CHANNEL: 'medledger' }).map((issue) => issue.variable)).toContain('MEDLEDGER_FABRIC_PROVIDERS_* / MEDLEDGER_FABRIC_PAYERS_*');
  });

  it('when the schema is given the same MSP twice, then it is refused', () => {
    const org = {
      mspId: 'ProvidersMSP',
      peers: [{ endpoint: 'localhost:7051', tlsCaCertFile: '/tls.pem' }],
      ca: { url: 'https://localhost:7054', caName: 'ca', tlsCaCertFile: '/ca.pem', registrarId: 'admin', registrarSecret: 's' },
    };

    expect(fabricConfigSchema.safeParse({ orgs: [org] }).success).toBe(true);
    expect(fabricConfigSchema.safeParse({ orgs: [org, org] }).success).toBe(false);
  });
});
