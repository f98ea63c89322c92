import { z } from 'zod';

/**
 * The Fabric connection settings: one gateway peer and one CA per organisation (MSP), the channel
 * and chaincode, and a deadline for each gRPC call. Read from MEDLEDGER_FABRIC_* variables; when
 * none is set the gateway runs the embedded ledger instead.
 */

const MSP_IDS = ['ProvidersMSP', 'PayersMSP'] as const;
/** Environment prefix of each organisation's variables. */
const ORG_PREFIXES: Record<(typeof MSP_IDS)[number], string> = { ProvidersMSP: 'PROVIDERS', PayersMSP: 'PAYERS' };

const text = z.string().trim().min(1);
const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);
const hostPort = text.regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port');

const peerSchema = z.object({
  /** host:port of a peer running the Fabric Gateway service. */
  endpoint: hostPort,
  /** PEM file of the CA that issued the peer's TLS certificate. */
  tlsCaCertFile: text,
  /** The name in the peer's TLS certificate, when it differs from the endpoint's host (e.g. a docker alias). */
  hostOverride: text.optional(),
});

const caSchema = z.object({
  url: z.url({ protocol: /^https$/ }),
  /** fabric-ca-server --ca.name; the SDK needs it for identity queries. */
  caName: text,
  tlsCaCertFile: text,
  /** The CA's bootstrap identity (fabric-ca-server -b ID:SECRET), which registers and revokes principals. */
  registrarId: text,
  registrarSecret: text,
  /** '' registers principals at the root, as the bootstrap registrar is. */
  affiliation: z.string().trim().default(''),
});

const orgSchema = z.object({ mspId: z.enum(MSP_IDS), peers: z.array(peerSchema).min(1), ca: caSchema });

export const fabricConfigSchema = z
  .object({
    channel: text.regex(/^[a-z][a-z0-9.-]*$/, 'must be a Fabric channel name').default('medledger'),
    chaincode: text.default('medledger'),
    orgs: z.array(orgSchema).min(1, 'configure at least one organisation (its peer and its CA)'),
    deadlines: z
      .object({
        evaluateMs: milliseconds(5_000),
        endorseMs: milliseconds(15_000),
        submitMs: milliseconds(5_000),
        commitStatusMs: milliseconds(60_000),
      })
      .prefault({}),
    /** Attempts per submit, counting the first, when the commit fails on an MVCC or phantom read conflict. */
    submitAttempts: z.coerce.number().int().min(1).max(10).default(3),
    /** Gateways kept open, one per recently active principal (they share the gRPC connections). */
    gatewayCacheSize: z.coerce.number().int().min(1).max(100_000).default(200),
    /** Re-enroll this long before a certificate expires. */
    renewBeforeDays: z.coerce.number().int().min(1).max(365).default(30),
  })
  .refine((config) => new Set(config.orgs.map((org) => org.mspId)).size === config.orgs.length, 'each MSP may be configured once');

export type FabricConfig = z.infer<typeof fabricConfigSchema>;
export type FabricOrgConfig = FabricConfig['orgs'][number];
export type FabricPeerConfig = FabricOrgConfig['peers'][number];
export type FabricCaConfig = FabricOrgConfig['ca'];

export class FabricConfigError extends Error {
  override readonly name = 'FabricConfigError';

  constructor(readonly issues: readonly { variable: string; message: string }[]) {
    super(`invalid Fabric configuration:\n${issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join('\n')}`);
  }
}

/**
 * Reads MEDLEDGER_FABRIC_* variables; undefined when none is set (embedded mode). An organisation is
 * configured when any of its MEDLEDGER_FABRIC_<PROVIDERS|PAYERS>_* variables is set. Throws
 * FabricConfigError naming every bad or missing variable.
 */
export function loadFabricConfigFromEnv(env: Readonly<Record<string, string | undefined>>): FabricConfig | undefined {
  const value = (name: string): string | undefined => {
    const raw = env[`MEDLEDGER_FABRIC_${name}`];
    return raw === undefined || raw === '' ? undefined : raw;
  };
  // where each setting comes from, to name the variable in error messages
  const variables = new Map<string, string>();
  const read = (path: string, name: string): string | undefined => {
    variables.set(path, `MEDLEDGER_FABRIC_${name}`);
    return value(name);
  };

  const isSet = (name: string) => name.startsWith('MEDLEDGER_FABRIC_') && value(name.slice('MEDLEDGER_FABRIC_'.length)) !== undefined;
  if (!Object.keys(env).some(isSet)) {
    return undefined;
  }
  const configuredOrgs = MSP_IDS.filter((mspId) => Object.keys(env).some((name) => isSet(name) && name.startsWith(`MEDLEDGER_FABRIC_${ORG_PREFIXES[mspId]}_`)));
  const raw = {
    channel: read('channel', 'CHANNEL'),
    chaincode: read('chaincode', 'CHAINCODE'),
    orgs: configuredOrgs.map((mspId, index) => {
      const org = ORG_PREFIXES[mspId];
      const at = (field: string) => `orgs.${index}.${field}`;
      return {
        mspId,
        peers: [
          {
            endpoint: read(at('peers.0.endpoint'), `${org}_PEER_ENDPOINT`),
            tlsCaCertFile: read(at('peers.0.tlsCaCertFile'), `${org}_PEER_TLS_CA_FILE`),
            hostOverride: read(at('peers.0.hostOverride'), `${org}_PEER_HOST_OVERRIDE`),
          },
        ],
        ca: {
          url: read(at('ca.url'), `${org}_CA_URL`),
          caName: read(at('ca.caName'), `${org}_CA_NAME`),
          tlsCaCertFile: read(at('ca.tlsCaCertFile'), `${org}_CA_TLS_CA_FILE`),
          registrarId: read(at('ca.registrarId'), `${org}_CA_REGISTRAR_ID`),
          registrarSecret: read(at('ca.registrarSecret'), `${org}_CA_REGISTRAR_SECRET`),
          affiliation: read(at('ca.affiliation'), `${org}_CA_AFFILIATION`),
        },
      };
    }),
    deadlines: {
      evaluateMs: read('deadlines.evaluateMs', 'EVALUATE_TIMEOUT_MS'),
      endorseMs: read('deadlines.endorseMs', 'ENDORSE_TIMEOUT_MS'),
      submitMs: read('deadlines.submitMs', 'SUBMIT_TIMEOUT_MS'),
      commitStatusMs: read('deadlines.commitStatusMs', 'COMMIT_STATUS_TIMEOUT_MS'),
    },
    submitAttempts: read('submitAttempts', 'SUBMIT_ATTEMPTS'),
    gatewayCacheSize: read('gatewayCacheSize', 'GATEWAY_CACHE_SIZE'),
    renewBeforeDays: read('renewBeforeDays', 'RENEW_BEFORE_DAYS'),
  };

  const parsed = fabricConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FabricConfigError(
      parsed.error.issues.map((issue) => {
        const path = issue.path.join('.');
        const variable = variables.get(path) ?? (path === 'orgs' ? 'MEDLEDGER_FABRIC_PROVIDERS_* / MEDLEDGER_FABRIC_PAYERS_*' : `MEDLEDGER_FABRIC_* (${path})`);
        return { variable, message: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message };
      }),
    );
  }
  return parsed.data;
}
