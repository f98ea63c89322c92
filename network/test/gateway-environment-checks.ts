/**
 * The compose `gateway` service against the gateway's own configuration: every MEDLEDGER_*
 * variable it sets is one the gateway reads, the set starts the gateway in Fabric mode on
 * PostgreSQL and MinIO (checked by the gateway's own parser, loadConfig), every file it names
 * comes read-only from a volume `setup` writes, and every host it dials is a service of the file.
 */
import { FabricConfigError, loadFabricConfigFromEnv } from '../../gateway/src/ledger/fabric/fabric-config';
import { dependencyCondition } from './compose-database-checks';
import { type ComposeFile, type ComposeService, environmentOf, isRecord } from './compose-model';

const GATEWAY = 'gateway';
const SETUP = 'setup';

/** Valid values for the required variables the gateway parses (README, "Run the network with docker compose"). */
const OPERATOR_SAMPLES: Readonly<Record<string, string>> = {
  MEDLEDGER_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  MEDLEDGER_PUBLIC_URL: 'https://medledger.example.org',
};

/** What an operator sets: a value for each required variable, distinct, so a resolved model shows which went where. */
export function operatorVariables(required: readonly string[]): Record<string, string> {
  return Object.fromEntries(required.map((name) => [name, OPERATOR_SAMPLES[name] ?? `value-of-${name.toLowerCase().replace(/_/g, '-')}`]));
}

/**
 * A compose value with the given variables substituted: ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?message}, ${VAR?message}; `$$` is a literal `$`. A required variable that is not given
 * throws, as `docker compose` refuses to start.
 */
export function interpolate(value: string, variables: Readonly<Record<string, string>>): string {
  return value
    .split('$$')
    .map((part) =>
      part.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (_all, name: string, colon: string | undefined, kind: string | undefined, word: string | undefined) => {
        const given = variables[name];
        const unset = given === undefined || (colon === ':' && given === '');
        if (!unset) return given;
        if (kind === '?') throw new Error(`${name} is required: ${word ?? ''}`);
        return kind === '-' ? (word ?? '') : '';
      }),
    )
    .join('$');
}

/** The gateway service's environment as the container would get it, given the operator's variables. */
export function gatewayEnvironment(compose: ComposeFile, variables: Readonly<Record<string, string>>): Record<string, string> {
  const gateway = compose.services[GATEWAY] ?? {};
  return Object.fromEntries([...environmentOf(gateway)].map(([name, value]) => [name, interpolate(value ?? variables[name] ?? '', variables)]));
}

/**
 * The MEDLEDGER_FABRIC_* names the gateway's Fabric parser reads, found by running it on an
 * environment that records every name it is asked for (both organisations configured).
 */
export function fabricVariablesRead(): string[] {
  const asked = new Set<string>();
  const seed: Record<string, string> = { MEDLEDGER_FABRIC_PROVIDERS_PEER_ENDPOINT: 'peer:1', MEDLEDGER_FABRIC_PAYERS_PEER_ENDPOINT: 'peer:2' };
  const recording = new Proxy(seed, {
    get(target, name) {
      if (typeof name === 'string') asked.add(name);
      return Reflect.get(target, name) as unknown;
    },
  });
  try {
    loadFabricConfigFromEnv(recording);
  } catch (error) {
    if (!(error instanceof FabricConfigError)) throw error;
  }
  return [...asked].filter((name) => name.startsWith('MEDLEDGER_FABRIC_'));
}

/** Every MEDLEDGER_* variable set is one of `known`: a misspelt name is silently ignored by the gateway. */
export function checkVariablesAreRead(environment: Readonly<Record<string, string>>, known: readonly string[]): string[] {
  return Object.keys(environment)
    .filter((name) => name.startsWith('MEDLEDGER_') && !known.includes(name))
    .map((name) => `${GATEWAY}: ${name} is not a variable the gateway reads`);
}

/** What the gateway makes of its environment; the shape of config.ts's Config these checks read. */
export interface StartedConfig {
  readonly fabric?: { readonly orgs: readonly { readonly mspId: string }[] };
  readonly databaseUrl: string | undefined;
  readonly files: { readonly s3?: unknown };
}

/**
 * The environment passes the gateway's own parser (`load`, i.e. loadConfig) and configures Fabric
 * with both peer orgs, PostgreSQL and the S3 store. `load` throws the gateway's ConfigError,
 * whose message names every missing or bad variable.
 */
export function checkStartsInFabricMode(environment: Readonly<Record<string, string>>, load: (environment: NodeJS.ProcessEnv) => StartedConfig): string[] {
  let config: StartedConfig;
  try {
    config = load(environment);
  } catch (error) {
    return [`${GATEWAY}: the gateway refuses its environment: ${error instanceof Error ? error.message : String(error)}`];
  }
  const orgs = (config.fabric?.orgs ?? []).map((org) => org.mspId).sort();
  return [
    ...(orgs.join() === 'PayersMSP,ProvidersMSP' ? [] : [`${GATEWAY}: must run on Fabric with both peer orgs (configured: ${orgs.join(', ') || 'none, the embedded ledger'})`]),
    ...(config.databaseUrl === undefined ? [`${GATEWAY}: must keep its state in PostgreSQL (MEDLEDGER_DATABASE_URL)`] : []),
    ...(config.files.s3 === undefined ? [`${GATEWAY}: must keep the encrypted files in the S3 store (MEDLEDGER_S3_BUCKET)`] : []),
  ];
}

interface Mount {
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/** Named-volume mounts of a service (short syntax `volume:/path[:ro]` or long syntax). */
export function volumeMounts(service: ComposeService): Mount[] {
  const volumes = Array.isArray(service.volumes) ? (service.volumes as unknown[]) : [];
  return volumes.flatMap((volume): Mount[] => {
    if (typeof volume === 'string') {
      const [source = '', target = '', mode = ''] = volume.split(':');
      return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source) ? [{ source, target, readOnly: mode.split(',').includes('ro') }] : [];
    }
    if (isRecord(volume) && volume.type === 'volume' && typeof volume.source === 'string' && typeof volume.target === 'string') {
      return [{ source: volume.source, target: volume.target, readOnly: volume.read_only === true }];
    }
    return [];
  });
}

function mountHolding(mounts: readonly Mount[], file: string): Mount | undefined {
  return mounts.find((mount) => file.startsWith(`${mount.target.replace(/\/+$/, '')}/`));
}

/**
 * Every file the gateway is pointed at (MEDLEDGER_*_FILE) lies on a named volume it mounts
 * read-only, which `setup` mounts writable (it writes the file), and the gateway starts only once
 * `setup` has completed.
 */
export function checkFilesComeFromSetup(compose: ComposeFile, environment: Readonly<Record<string, string>>): string[] {
  const gateway = compose.services[GATEWAY] ?? {};
  const setup = compose.services[SETUP] ?? {};
  const violations: string[] = [];
  for (const [name, file] of Object.entries(environment).filter(([key]) => key.startsWith('MEDLEDGER_') && key.endsWith('_FILE'))) {
    const mount = mountHolding(volumeMounts(gateway), file);
    if (mount === undefined) {
      violations.push(`${GATEWAY}: ${name} (${file}) is on no volume the gateway mounts`);
      continue;
    }
    if (!mount.readOnly) violations.push(`${GATEWAY}: volume ${mount.source} holds ${name} and must be mounted read-only`);
    const written = volumeMounts(setup).find((candidate) => candidate.source === mount.source && !candidate.readOnly);
    if (written === undefined) violations.push(`${GATEWAY}: ${name} is on volume ${mount.source}, which ${SETUP} does not write`);
  }
  if (violations.length === 0 && dependencyCondition(gateway, SETUP) !== 'service_completed_successfully') {
    violations.push(`${GATEWAY}: must depend on ${SETUP} with condition service_completed_successfully, or it starts before its files exist`);
  }
  return violations;
}

/** The names a service is reached by on the compose network: its name, its hostname and its aliases. */
function namesOf(name: string, service: ComposeService & { hostname?: unknown; networks?: unknown }): string[] {
  const aliases = isRecord(service.networks) ? Object.values(service.networks).flatMap((network) => (isRecord(network) && Array.isArray(network.aliases) ? network.aliases.map(String) : [])) : [];
  return [name, ...(typeof service.hostname === 'string' ? [service.hostname] : []), ...aliases];
}

/** The host of a `host:port` or a URL. */
function hostOf(address: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? new URL(address).hostname : (address.split(':')[0] ?? '');
}

/** Every peer, CA and store the gateway dials (MEDLEDGER_*_ENDPOINT, MEDLEDGER_*_URL but the public one) is a service of this file. */
export function checkDialsServicesOfTheFile(compose: ComposeFile, environment: Readonly<Record<string, string>>): string[] {
  const known = new Set(Object.entries(compose.services).flatMap(([name, service]) => namesOf(name, service)));
  return Object.entries(environment)
    .filter(([name]) => /^MEDLEDGER_.*(_ENDPOINT|_URL)$/.test(name) && name !== 'MEDLEDGER_PUBLIC_URL')
    .filter(([, address]) => !known.has(hostOf(address)))
    .map(([name, address]) => `${GATEWAY}: ${name} dials ${hostOf(address) || address}, which is no service of this file`);
}
