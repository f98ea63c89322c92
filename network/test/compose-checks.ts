/**
 * Static checks of docker-compose.yml, its Dockerfiles, configtx.yaml and the README's compose
 * section. Docker is not needed: the files are parsed and compared with the project's decisions.
 *
 * Every check returns a list of human-readable violations (empty = fine), so one test can report
 * all problems at once, and the tests can feed small broken fixtures to prove that each check
 * actually catches what it claims to.
 */
import path from 'node:path';
import { load } from 'js-yaml';

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
}

/** The subset of a compose service these checks read. Everything is optional in compose. */
export interface ComposeService {
  readonly image?: unknown;
  readonly build?: unknown;
  readonly command?: unknown;
  readonly ports?: unknown;
  readonly volumes?: unknown;
  readonly environment?: unknown;
  readonly privileged?: unknown;
}

export interface PinnedVersions {
  /** FABRIC_VERSION: peer, orderer and the other Fabric images. */
  readonly fabric: string;
  /** FABRIC_CA_VERSION: hyperledger/fabric-ca. */
  readonly fabricCa: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses YAML text; merge keys (`<<: *anchor`) are resolved as compose resolves them. */
export function parseYaml(text: string): unknown {
  return load(text);
}

export function parseCompose(text: string): ComposeFile {
  const doc = parseYaml(text);
  if (!isRecord(doc) || !isRecord(doc.services)) {
    throw new Error('not a compose file: no `services` mapping');
  }
  const services: Record<string, ComposeService> = {};
  for (const [name, service] of Object.entries(doc.services)) {
    if (!isRecord(service)) {
      throw new Error(`service ${name} is not a mapping`);
    }
    services[name] = service;
  }
  return { services };
}

/**
 * Reads the default of FABRIC_VERSION and FABRIC_CA_VERSION from network/network.config, where
 * each is written as NAME="${NAME:-default}".
 */
export function parsePinnedVersions(networkConfig: string): PinnedVersions {
  const defaultOf = (name: string): string => {
    const pattern = new RegExp(`^\\s*${name}="?\\$\\{${name}:-([^}]+)\\}"?\\s*$`, 'm');
    const match = pattern.exec(networkConfig);
    if (!match?.[1]) {
      throw new Error(`network.config has no ${name}="\${${name}:-...}" line`);
    }
    return match[1];
  };
  return { fabric: defaultOf('FABRIC_VERSION'), fabricCa: defaultOf('FABRIC_CA_VERSION') };
}

/**
 * Compose variable interpolation, as far as these checks need it: `${VAR:-default}` and
 * `${VAR-default}` become the default (the checks describe the file, not one environment),
 * `$$` is a literal `$`. A variable without a default stays as written.
 */
export function interpolateDefaults(value: string): string {
  return value
    .replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1')
    .replace(/\$\$/g, '$');
}

/** The service's environment as a map; list entries without `=` have an undefined value. */
export function environmentOf(service: ComposeService): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  const { environment } = service;
  if (Array.isArray(environment)) {
    for (const entry of environment) {
      const text = String(entry);
      const eq = text.indexOf('=');
      if (eq === -1) {
        env.set(text, undefined);
      } else {
        env.set(text.slice(0, eq), text.slice(eq + 1));
      }
    }
  } else if (isRecord(environment)) {
    for (const [key, value] of Object.entries(environment)) {
      env.set(key, value === null || value === undefined ? undefined : String(value));
    }
  }
  return env;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && interpolateDefaults(value).trim().toLowerCase() === 'true';
}

// ---------------------------------------------------------------------------------------------
// Image pins
// ---------------------------------------------------------------------------------------------

const FABRIC_IMAGE = /^(?:docker\.io\/)?hyperledger\/fabric-([a-z0-9-]+)(?::([^@\s]+))?(?:@\S+)?$/;

/** The violation for one image reference, or undefined if it is not a pinned-wrong Fabric image. */
function fabricImageViolation(ref: string, pins: PinnedVersions): string | undefined {
  const match = FABRIC_IMAGE.exec(ref.trim());
  if (!match) {
    return undefined;
  }
  const [, component, tag] = match;
  const expected = component === 'ca' ? pins.fabricCa : pins.fabric;
  const pinName = component === 'ca' ? 'FABRIC_CA_VERSION' : 'FABRIC_VERSION';
  if (tag !== expected) {
    return `${ref} must be tagged ${expected} (${pinName} in network/network.config)`;
  }
  return undefined;
}

/** Every hyperledger/fabric-* image is tagged with the version pinned in network.config. */
export function checkFabricImageTags(compose: ComposeFile, pins: PinnedVersions): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (typeof service.image !== 'string') {
      continue;
    }
    const violation = fabricImageViolation(interpolateDefaults(service.image), pins);
    if (violation) {
      violations.push(`${name}: ${violation}`);
    }
  }
  return violations;
}

interface BuildSpec {
  readonly context: string;
  readonly dockerfile: string;
  readonly args: Readonly<Record<string, string>>;
}

function buildOf(service: ComposeService): BuildSpec | undefined {
  const { build } = service;
  if (typeof build === 'string') {
    return { context: interpolateDefaults(build), dockerfile: 'Dockerfile', args: {} };
  }
  if (!isRecord(build)) {
    return undefined;
  }
  const args: Record<string, string> = {};
  if (Array.isArray(build.args)) {
    for (const entry of build.args) {
      const [key, ...rest] = String(entry).split('=');
      if (key && rest.length > 0) {
        args[key] = interpolateDefaults(rest.join('='));
      }
    }
  } else if (isRecord(build.args)) {
    for (const [key, value] of Object.entries(build.args)) {
      if (value !== null && value !== undefined) {
        args[key] = interpolateDefaults(String(value));
      }
    }
  }
  return {
    context: typeof build.context === 'string' ? interpolateDefaults(build.context) : '.',
    dockerfile: typeof build.dockerfile === 'string' ? interpolateDefaults(build.dockerfile) : 'Dockerfile',
    args,
  };
}

/**
 * The base images of a Dockerfile's FROM lines, with ARGs declared before the first FROM
 * substituted: a value from `buildArgs` when given, else the ARG's default.
 */
export function dockerfileBaseImages(dockerfile: string, buildArgs: Readonly<Record<string, string>> = {}): string[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const globals = new Map<string, string>();
  const images: string[] = [];
  let seenFrom = false;
  for (const raw of lines) {
    const line = raw.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(line);
    if (arg?.[1] && !seenFrom) {
      globals.set(arg[1], buildArgs[arg[1]] ?? arg[2] ?? '');
      continue;
    }
    const from = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(line);
    if (from?.[1]) {
      seenFrom = true;
      images.push(
        from[1].replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
          (_all: string, braced: string | undefined, fallback: string | undefined, bare: string | undefined) =>
            globals.get(braced ?? bare ?? '') || (fallback ?? '')),
      );
    }
  }
  return images;
}

/**
 * Images built by compose from hyperledger/fabric-* bases are pinned too: both with the build
 * args compose passes and with the Dockerfile's own ARG defaults (a plain `docker build`).
 */
export function checkFabricBuildPins(
  compose: ComposeFile,
  pins: PinnedVersions,
  readRepoFile: (relativePath: string) => string | undefined,
): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const build = buildOf(service);
    if (!build) {
      continue;
    }
    const dockerfilePath = path.posix.join(build.context, build.dockerfile);
    const text = readRepoFile(dockerfilePath);
    if (text === undefined) {
      continue; // checkBuildPaths reports missing Dockerfiles
    }
    const variants: [string, Readonly<Record<string, string>>][] = [
      ['with the compose build args', build.args],
      ['with the Dockerfile ARG defaults', {}],
    ];
    for (const [label, args] of variants) {
      for (const image of dockerfileBaseImages(text, args)) {
        const violation = fabricImageViolation(image, pins);
        if (violation) {
          violations.push(`${name}: ${dockerfilePath} ${label}: ${violation}`);
        }
      }
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** A repo-relative path, or a reason why the path is not inside the repository. */
function repoRelative(hostPath: string): { path: string } | { error: string } {
  if (hostPath.startsWith('/') || hostPath.startsWith('~')) {
    return { error: `${hostPath} is outside the repository (use a path relative to the repo root)` };
  }
  const normalized = path.posix.normalize(hostPath);
  if (normalized === '..' || normalized.startsWith('../')) {
    return { error: `${hostPath} is outside the repository` };
  }
  return { path: normalized };
}

/** The host side of each bind mount (named and anonymous volumes are not bind mounts). */
export function bindMountSources(service: ComposeService): string[] {
  const sources: string[] = [];
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  for (const volume of volumes) {
    if (typeof volume === 'string') {
      const spec = interpolateDefaults(volume);
      const colon = spec.indexOf(':');
      if (colon === -1) {
        continue; // anonymous volume: container path only
      }
      const source = spec.slice(0, colon);
      if (/^[./~]/.test(source)) {
        sources.push(source);
      }
    } else if (isRecord(volume) && volume.type === 'bind' && typeof volume.source === 'string') {
      sources.push(interpolateDefaults(volume.source));
    }
  }
  return sources;
}

/** Every bind mount's host path is inside the repository and exists. */
export function checkBindMounts(compose: ComposeFile, existsInRepo: (relativePath: string) => boolean): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    for (const source of bindMountSources(service)) {
      const relative = repoRelative(source);
      if ('error' in relative) {
        violations.push(`${name}: bind mount ${relative.error}`);
      } else if (!existsInRepo(relative.path)) {
        violations.push(`${name}: bind mount source ${source} does not exist in the repository`);
      }
    }
  }
  return violations;
}

/** Every build context and Dockerfile is inside the repository and exists. */
export function checkBuildPaths(compose: ComposeFile, existsInRepo: (relativePath: string) => boolean): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (service.build === undefined) {
      continue;
    }
    const build = buildOf(service);
    if (!build) {
      violations.push(`${name}: build must be a path or a mapping`);
      continue;
    }
    const context = repoRelative(build.context);
    if ('error' in context) {
      violations.push(`${name}: build context ${context.error}`);
      continue;
    }
    if (!existsInRepo(context.path)) {
      violations.push(`${name}: build context ${build.context} does not exist in the repository`);
      continue;
    }
    const dockerfile = repoRelative(path.posix.join(context.path, build.dockerfile));
    if ('error' in dockerfile || build.dockerfile.startsWith('/')) {
      violations.push(`${name}: dockerfile ${build.dockerfile} is outside the build context`);
    } else if (!existsInRepo(dockerfile.path)) {
      violations.push(`${name}: dockerfile ${dockerfile.path} does not exist in the repository`);
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Ports
// ---------------------------------------------------------------------------------------------

/** One short-syntax port entry: "[ip:][host:]container[/protocol]"; ip may be "[ipv6]". */
interface PortSpec {
  /** The host interface, without brackets; undefined when the entry names none (all interfaces). */
  readonly ip: string | undefined;
  /** The host port or range; '' when Docker picks one (container port only, or "ip::container"). */
  readonly host: string;
  readonly protocol: string;
}

/** Parses a short-syntax port entry (after interpolation); undefined if it has too many parts. */
export function parsePortSpec(spec: string): PortSpec | undefined {
  const slash = spec.lastIndexOf('/');
  const mapping = slash === -1 ? spec : spec.slice(0, slash);
  const protocol = slash === -1 ? 'tcp' : spec.slice(slash + 1);
  let ip: string | undefined;
  let rest = mapping;
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(mapping);
  if (bracketed) {
    ip = bracketed[1];
    rest = bracketed[2] ?? '';
  }
  const parts = rest.split(':');
  if (ip !== undefined) {
    // "[ip]:host:container"
    return parts.length === 2 ? { ip, host: parts[0] ?? '', protocol } : undefined;
  }
  switch (parts.length) {
    case 1:
      return { ip: undefined, host: '', protocol };
    case 2:
      return { ip: undefined, host: parts[0] ?? '', protocol };
    case 3:
      return { ip: parts[0], host: parts[1] ?? '', protocol };
    default:
      return undefined;
  }
}

/** Host ports a service publishes, as "port/protocol"; unparseable entries are reported. */
export function publishedHostPorts(service: ComposeService): { ports: string[]; errors: string[] } {
  const ports: string[] = [];
  const errors: string[] = [];
  const entries = Array.isArray(service.ports) ? service.ports : [];

  const addRange = (published: string, protocol: string, original: string): void => {
    const range = /^(\d+)(?:-(\d+))?$/.exec(published.trim());
    if (!range?.[1]) {
      errors.push(`cannot parse host port in ${JSON.stringify(original)}`);
      return;
    }
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    for (let port = first; port <= last; port++) {
      ports.push(`${port}/${protocol}`);
    }
  };

  for (const entry of entries) {
    if (typeof entry === 'number') {
      continue; // container port only: Docker picks a free host port
    }
    if (typeof entry === 'string') {
      const spec = parsePortSpec(interpolateDefaults(entry));
      if (spec === undefined) {
        errors.push(`cannot parse port entry ${JSON.stringify(entry)}`);
      } else if (spec.host !== '') {
        // "container", "host:container" or "ip:host:container"; an empty host port is ephemeral.
        addRange(spec.host, spec.protocol, entry);
      }
    } else if (isRecord(entry)) {
      const protocol = typeof entry.protocol === 'string' ? entry.protocol : 'tcp';
      if (entry.published !== undefined && entry.published !== null && entry.published !== '') {
        addRange(interpolateDefaults(String(entry.published)), protocol, JSON.stringify(entry));
      }
    } else {
      errors.push(`cannot parse port entry ${JSON.stringify(entry)}`);
    }
  }
  return { ports, errors };
}

/** The interface every published port binds to. Remote access is a deliberate, reviewed change. */
export const PUBLISH_HOST_IP = '127.0.0.1';

/**
 * Every port a service publishes binds to 127.0.0.1. An entry without a host IP, including a
 * bare container port (Docker then picks a host port), listens on every interface.
 */
export function checkLoopbackPorts(compose: ComposeFile): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const entries = Array.isArray(service.ports) ? service.ports : [];
    for (const entry of entries) {
      let ip: string | undefined;
      if (typeof entry === 'string') {
        const spec = parsePortSpec(interpolateDefaults(entry));
        if (spec === undefined) {
          violations.push(`${name}: cannot parse port entry ${JSON.stringify(entry)}`);
          continue;
        }
        ip = spec.ip;
      } else if (isRecord(entry)) {
        ip = typeof entry.host_ip === 'string' ? interpolateDefaults(entry.host_ip) : undefined;
      }
      // numbers (container port only) and anything else keep ip undefined: all interfaces
      if (ip !== PUBLISH_HOST_IP) {
        violations.push(`${name}: port ${JSON.stringify(entry)} must be published on ${PUBLISH_HOST_IP} ("${PUBLISH_HOST_IP}:host:container")`);
      }
    }
  }
  return violations;
}

/**
 * No two services publish the same host port. Conservative: the host IP is ignored, so
 * 127.0.0.1:80 and 0.0.0.0:80 count as the same port (they do collide on most hosts).
 */
export function checkUniqueHostPorts(compose: ComposeFile): string[] {
  const violations: string[] = [];
  const owners = new Map<string, string>();
  for (const [name, service] of Object.entries(compose.services)) {
    const { ports, errors } = publishedHostPorts(service);
    violations.push(...errors.map((error) => `${name}: ${error}`));
    for (const port of new Set(ports)) {
      const owner = owners.get(port);
      if (owner === undefined) {
        owners.set(port, name);
      } else {
        violations.push(`host port ${port} is published by both ${owner} and ${name}`);
      }
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Security settings
// ---------------------------------------------------------------------------------------------

/** Variable names that hold secrets: passwords, secret keys, tokens, private keys. */
const SECRET_VARIABLE = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|MASTER_?KEY|_PW$/i;

/** Every string in a parsed YAML value (mapping keys excluded). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(stringsIn);
  }
  if (isRecord(value)) {
    return Object.values(value).flatMap(stringsIn);
  }
  return [];
}

/**
 * No secret variable is interpolated with a default (`${SECRET:-value}` or `${SECRET-value}`):
 * a forgotten variable must stop `docker compose up` (`${SECRET:?message}`), never fall back to a
 * password everyone can read in the repository. `$${...}` is the container shell's, not compose's,
 * and is skipped.
 */
export function checkNoSecretDefaults(compose: ComposeFile): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const seen = new Set<string>();
    for (const text of stringsIn(service)) {
      const unescaped = text.replace(/\$\$/g, '');
      for (const match of unescaped.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)/g)) {
        const variable = match[1] ?? '';
        if (SECRET_VARIABLE.test(variable) && !seen.has(variable)) {
          seen.add(variable);
          violations.push(`${name}: ${variable} must not have a default; use \${${variable}:?message}`);
        }
      }
    }
  }
  return violations;
}

/** No service runs privileged. */
export function checkNoPrivileged(compose: ComposeFile): string[] {
  return Object.entries(compose.services)
    .filter(([, service]) => service.privileged === true || String(service.privileged).toLowerCase() === 'true')
    .map(([name]) => `${name}: must not be privileged`);
}

/** Environment switches each Fabric image needs so that every endpoint it serves uses TLS. */
const FABRIC_TLS_ENV: Readonly<Record<string, readonly string[]>> = {
  ca: ['FABRIC_CA_SERVER_TLS_ENABLED'],
  orderer: [
    'ORDERER_GENERAL_TLS_ENABLED',
    'ORDERER_ADMIN_TLS_ENABLED',
    // osnadmin must authenticate with a client certificate (mutual TLS)
    'ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED',
    'ORDERER_OPERATIONS_TLS_ENABLED',
  ],
  peer: ['CORE_PEER_TLS_ENABLED', 'CORE_OPERATIONS_TLS_ENABLED'],
};

function fabricComponent(service: ComposeService): string | undefined {
  if (typeof service.image !== 'string') {
    return undefined;
  }
  return FABRIC_IMAGE.exec(interpolateDefaults(service.image).trim())?.[1];
}

/** Every Fabric CA, orderer and peer service turns TLS on for each of its endpoints. */
export function checkFabricTls(compose: ComposeFile): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const component = fabricComponent(service);
    const required = component === undefined ? undefined : FABRIC_TLS_ENV[component];
    if (!required) {
      continue;
    }
    const env = environmentOf(service);
    for (const key of required) {
      if (!isTrue(env.get(key))) {
        violations.push(`${name}: ${key} must be "true"`);
      }
    }
  }
  return violations;
}

/** Peers use LevelDB (the peer default), never CouchDB. */
export function checkPeerStateDatabase(compose: ComposeFile): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    if (fabricComponent(service) !== 'peer') {
      continue;
    }
    const database = environmentOf(service).get('CORE_LEDGER_STATE_STATEDATABASE');
    if (database === undefined || interpolateDefaults(database).toLowerCase() !== 'goleveldb') {
      violations.push(`${name}: CORE_LEDGER_STATE_STATEDATABASE must be goleveldb`);
    }
  }
  return violations;
}

/**
 * The chaincode server has its TLS key and certificate configured. fabric-chaincode-node serves
 * plaintext when the TLS flags are absent or empty, so a command override must pass them too.
 */
export function checkChaincodeServerTls(compose: ComposeFile, serviceName = 'chaincode'): string[] {
  const service = compose.services[serviceName];
  if (!service) {
    return [`service ${serviceName} (the chaincode server) is missing`];
  }
  const violations: string[] = [];
  const env = environmentOf(service);
  for (const key of ['CHAINCODE_TLS_KEY_FILE', 'CHAINCODE_TLS_CERT_FILE']) {
    const value = env.get(key);
    if (value === undefined || value.trim() === '') {
      violations.push(`${serviceName}: ${key} must be set`);
    }
  }
  if (service.command !== undefined) {
    const command = Array.isArray(service.command) ? service.command.map(String).join(' ') : String(service.command);
    for (const flag of ['--chaincode-tls-key-file', '--chaincode-tls-cert-file']) {
      if (!command.includes(flag)) {
        violations.push(`${serviceName}: the command override must pass ${flag}`);
      }
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// README
// ---------------------------------------------------------------------------------------------

export const README_COMPOSE_HEADING = '## Run the network with docker compose';

/** The lines of the README section headed README_COMPOSE_HEADING, up to the next "#" or "##" heading. */
function readmeComposeSection(readme: string | undefined): string | { error: string } {
  if (readme === undefined) {
    return { error: 'README.md does not exist' };
  }
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trimEnd() === README_COMPOSE_HEADING);
  if (start === -1) {
    return { error: `README.md has no section headed "${README_COMPOSE_HEADING}"` };
  }
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^#{1,2}\s/.test(line));
  return (end === -1 ? rest : rest.slice(0, end)).join('\n');
}

/**
 * The `service` names listed in backticks on the "Services:" line of the README section headed
 * "## Run the network with docker compose" (the section ends at the next "#" or "##" heading).
 * Returns an error string when the README, the section or the line is missing.
 */
export function readmeComposeServices(readme: string | undefined): string[] | string {
  const text = readmeComposeSection(readme);
  if (typeof text !== 'string') {
    return text.error;
  }
  const section = text.split('\n');
  const servicesLine = section.find((line) => line.trimStart().startsWith('Services:'));
  if (servicesLine === undefined) {
    return `the README section "${README_COMPOSE_HEADING}" has no line starting with "Services:"`;
  }
  const names = [...servicesLine.matchAll(/`([^`]+)`/g)].map((match) => (match[1] ?? '').trim());
  if (names.length === 0) {
    return 'the README "Services:" line names no `service`';
  }
  return names;
}

/** Every service the README's compose section lists exists in docker-compose.yml. */
export function checkReadmeServices(readme: string | undefined, compose: ComposeFile): string[] {
  const names = readmeComposeServices(readme);
  if (typeof names === 'string') {
    return [names];
  }
  return names
    .filter((name) => !Object.hasOwn(compose.services, name))
    .map((name) => `README lists \`${name}\`, which is not a service in docker-compose.yml`);
}

/** Variables compose refuses to start without (`${VAR:?message}` or `${VAR?message}`). */
export function requiredVariables(compose: ComposeFile): string[] {
  const names = new Set<string>();
  for (const service of Object.values(compose.services)) {
    for (const text of stringsIn(service)) {
      for (const match of text.replace(/\$\$/g, '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)) {
        names.add(match[1] ?? '');
      }
    }
  }
  return [...names].sort();
}

/** The README's compose section names every variable compose requires, so nobody meets it first as an error. */
export function checkReadmeRequiredVariables(readme: string | undefined, compose: ComposeFile): string[] {
  const section = readmeComposeSection(readme);
  if (typeof section !== 'string') {
    return [section.error];
  }
  return requiredVariables(compose)
    .filter((variable) => !section.includes(variable))
    .map((variable) => `the README section "${README_COMPOSE_HEADING}" does not mention ${variable}, which docker-compose.yml requires`);
}

// ---------------------------------------------------------------------------------------------
// configtx.yaml
// ---------------------------------------------------------------------------------------------

export const CHANNEL_PROFILE = 'MedLedgerChannel';

/**
 * The channel profile: a Raft ordering service of three consenters, a BatchTimeout, the agreed
 * capabilities (Channel V3_0, Orderer V2_0, Application V2_5), and no system-channel parts.
 */
export function checkConfigtx(configtx: unknown, profileName = CHANNEL_PROFILE): string[] {
  const profiles = isRecord(configtx) && isRecord(configtx.Profiles) ? configtx.Profiles : undefined;
  const profile = profiles?.[profileName];
  if (!isRecord(profile)) {
    return [`configtx.yaml has no profile ${profileName}`];
  }
  const violations: string[] = [];
  const orderer = isRecord(profile.Orderer) ? profile.Orderer : {};
  const application = isRecord(profile.Application) ? profile.Application : {};

  if (orderer.OrdererType !== 'etcdraft') {
    violations.push(`${profileName}: Orderer.OrdererType must be etcdraft`);
  }
  const raft = isRecord(orderer.EtcdRaft) ? orderer.EtcdRaft : {};
  const consenters = Array.isArray(raft.Consenters) ? raft.Consenters : [];
  if (consenters.length !== 3) {
    violations.push(`${profileName}: Orderer.EtcdRaft.Consenters must list 3 consenters, found ${consenters.length}`);
  }
  consenters.forEach((consenter: unknown, index) => {
    for (const field of ['Host', 'Port', 'ClientTLSCert', 'ServerTLSCert']) {
      if (!isRecord(consenter) || consenter[field] === undefined || consenter[field] === null || consenter[field] === '') {
        violations.push(`${profileName}: consenter ${index + 1} has no ${field}`);
      }
    }
  });
  if (orderer.BatchTimeout === undefined || orderer.BatchTimeout === null || String(orderer.BatchTimeout).trim() === '') {
    violations.push(`${profileName}: Orderer.BatchTimeout must be set`);
  }

  const capability = (section: Record<string, unknown>, name: string): boolean =>
    isRecord(section.Capabilities) && section.Capabilities[name] === true;
  if (!capability(profile, 'V3_0')) {
    violations.push(`${profileName}: Channel capability V3_0 must be true`);
  }
  if (!capability(orderer, 'V2_0')) {
    violations.push(`${profileName}: Orderer capability V2_0 must be true`);
  }
  if (!capability(application, 'V2_5')) {
    violations.push(`${profileName}: Application capability V2_5 must be true (needed for PurgePrivateData)`);
  }
  if (profile.Consortium !== undefined || profile.Consortiums !== undefined) {
    violations.push(`${profileName}: must not define Consortium(s): there is no system channel`);
  }
  return violations;
}
