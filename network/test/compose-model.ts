/**
 * docker-compose.yml and network.config as the checks read them: services, environments, builds,
 * pinned versions. Parsed with js-yaml; Docker is not needed.
 */
import { load } from 'js-yaml';

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
  readonly depends_on?: unknown;
  readonly healthcheck?: unknown;
}

export interface PinnedVersions {
  /** FABRIC_VERSION: peer, orderer and the other Fabric images. */
  readonly fabric: string;
  /** FABRIC_CA_VERSION: hyperledger/fabric-ca. */
  readonly fabricCa: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
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

/** The default of setting NAME in network/network.config, where it is written as NAME="${NAME:-default}". */
export function networkConfigDefault(networkConfig: string, name: string): string {
  const pattern = new RegExp(`^\\s*${name}="?\\$\\{${name}:-([^}]+)\\}"?\\s*$`, 'm');
  const match = pattern.exec(networkConfig);
  if (!match?.[1]) {
    throw new Error(`network.config has no ${name}="\${${name}:-...}" line`);
  }
  return match[1];
}

/** Reads the default of FABRIC_VERSION and FABRIC_CA_VERSION from network/network.config. */
export function parsePinnedVersions(networkConfig: string): PinnedVersions {
  return { fabric: networkConfigDefault(networkConfig, 'FABRIC_VERSION'), fabricCa: networkConfigDefault(networkConfig, 'FABRIC_CA_VERSION') };
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
      env.set(key, value === null || value === undefined ? undefined : textOf(value));
    }
  }
  return env;
}

export function isTrue(value: string | undefined): boolean {
  return value !== undefined && interpolateDefaults(value).trim().toLowerCase() === 'true';
}

/** Every string in a parsed YAML value (mapping keys excluded). */
export function stringsIn(value: unknown): string[] {
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

export interface BuildSpec {
  readonly context: string;
  readonly dockerfile: string;
  readonly args: Readonly<Record<string, string>>;
}

export function buildOf(service: ComposeService): BuildSpec | undefined {
  const { build } = service;
  if (typeof build === 'string') {
    return { context: interpolateDefaults(build), dockerfile: 'Dockerfile', args: {} };
  }
  if (!isRecord(build)) {
    return undefined;
  }
  return {
    context: typeof build.context === 'string' ? interpolateDefaults(build.context) : '.',
    dockerfile: typeof build.dockerfile === 'string' ? interpolateDefaults(build.dockerfile) : 'Dockerfile',
    args: buildArgs(build.args),
  };
}

/** build.args as a list of "KEY=value" or a mapping; entries without a value are left out. */
function buildArgs(declared: unknown): Record<string, string> {
  const args: Record<string, string> = {};
  if (Array.isArray(declared)) {
    for (const entry of declared) {
      const [key, ...rest] = String(entry).split('=');
      if (key && rest.length > 0) {
        args[key] = interpolateDefaults(rest.join('='));
      }
    }
  } else if (isRecord(declared)) {
    for (const [key, value] of Object.entries(declared)) {
      if (value !== null && value !== undefined) {
        args[key] = interpolateDefaults(textOf(value));
      }
    }
  }
  return args;
}

/** A YAML value as text: a scalar as written, anything else (a mapping, a list) as JSON. */
export function textOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

/** A Fabric image reference: group 1 the component (peer, orderer, ccenv...), group 2 the tag. */
export const FABRIC_IMAGE = /^(?:docker\.io\/)?hyperledger\/fabric-([a-z0-9-]+)(?::([^@\s]+))?(?:@\S+)?$/;
