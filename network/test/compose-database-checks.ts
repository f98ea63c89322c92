/**
 * The gateway's database in compose: MEDLEDGER_DATABASE_URL names a PostgreSQL service of the same
 * file, with the credentials that service is initialised with, and the gateway waits for it to be
 * healthy.
 */
import { type ComposeFile, type ComposeService, environmentOf, interpolateDefaults, isRecord } from './compose-model';

export const DATABASE_URL_VARIABLE = 'MEDLEDGER_DATABASE_URL';

/** `${VAR:?message}` (a required variable) as the placeholder `<VAR>`, so the text parses as a URL. */
function withPlaceholders(value: string): string {
  return interpolateDefaults(value).replace(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?[^}]*\}/g, '<$1>');
}

function imageTag(service: ComposeService): string | undefined {
  return typeof service.image === 'string' ? /^(?:docker\.io\/)?(?:library\/)?postgres:([^@\s]+)$/.exec(service.image.trim())?.[1] : undefined;
}

/** The condition under which `dependent` starts after `dependency` (the short list form means service_started). */
export function dependencyCondition(dependent: ComposeService, dependency: string): string | undefined {
  const declared = dependent.depends_on;
  if (Array.isArray(declared)) {
    return declared.includes(dependency) ? 'service_started' : undefined;
  }
  if (isRecord(declared) && isRecord(declared[dependency])) {
    const condition = declared[dependency].condition;
    return typeof condition === 'string' ? condition : 'service_started';
  }
  return undefined;
}

function checkPostgresService(name: string, service: ComposeService): string[] {
  const violations: string[] = [];
  const tag = imageTag(service);
  if (tag === undefined) {
    violations.push(`${name}: the database service must run the official postgres image`);
  } else if (!/^\d+\.\d+/.test(tag)) {
    violations.push(`${name}: postgres:${tag} must be pinned to a minor version (e.g. postgres:15.14-bookworm)`);
  }
  if (!isRecord(service.healthcheck) || service.healthcheck.test === undefined) {
    violations.push(`${name}: needs a healthcheck, so the gateway can wait until it accepts connections`);
  }
  const volumes = Array.isArray(service.volumes) ? service.volumes.map(String) : [];
  if (!volumes.some((volume) => /^[A-Za-z0-9][A-Za-z0-9_.-]*:\/var\/lib\/postgresql(\/data)?(:|$)/.test(volume))) {
    violations.push(`${name}: its data directory must be a named volume, or the data is lost with the container`);
  }
  return violations;
}

/** The URL's user, password and database are the ones the postgres service is initialised with. */
function checkCredentials(name: string, url: URL, service: ComposeService): string[] {
  const env = environmentOf(service);
  const expected: [string, string, string | undefined][] = [
    ['user', decodeURIComponent(url.username), env.get('POSTGRES_USER')],
    ['password', decodeURIComponent(url.password), env.get('POSTGRES_PASSWORD')],
    ['database', decodeURIComponent(url.pathname.replace(/^\//, '')), env.get('POSTGRES_DB')],
  ];
  return expected
    .filter(([, inUrl, initialised]) => initialised === undefined || inUrl !== withPlaceholders(initialised))
    .map(([part, inUrl, initialised]) => `gateway: the ${part} in ${DATABASE_URL_VARIABLE} (${inUrl}) is not the one ${name} is initialised with (${initialised ?? 'unset'})`);
}

/** The gateway's MEDLEDGER_DATABASE_URL as a URL, or what is wrong with it. */
function databaseUrlOf(gateway: ComposeService): URL | string {
  const value = environmentOf(gateway).get(DATABASE_URL_VARIABLE);
  if (value === undefined) {
    return `gateway: ${DATABASE_URL_VARIABLE} is not set`;
  }
  let url: URL;
  try {
    url = new URL(withPlaceholders(value));
  } catch {
    return `gateway: ${DATABASE_URL_VARIABLE} is not a URL: ${value}`;
  }
  return url.protocol === 'postgres:' || url.protocol === 'postgresql:' ? url : `gateway: ${DATABASE_URL_VARIABLE} must be a postgres:// URL`;
}

/** The gateway's MEDLEDGER_DATABASE_URL points at a healthy, pinned PostgreSQL service of this file. */
export function checkGatewayDatabase(compose: ComposeFile): string[] {
  const gateway = compose.services.gateway;
  if (gateway === undefined) {
    return ['there is no gateway service'];
  }
  const url = databaseUrlOf(gateway);
  if (typeof url === 'string') {
    return [url];
  }
  const name = url.hostname;
  const database = compose.services[name];
  if (database === undefined) {
    return [`gateway: ${DATABASE_URL_VARIABLE} names host ${name}, which is not a service in this file`];
  }
  const violations = [...checkPostgresService(name, database), ...checkCredentials(name, url, database)];
  if (url.port !== '' && url.port !== '5432') {
    violations.push(`gateway: ${DATABASE_URL_VARIABLE} must use port 5432, where ${name} listens`);
  }
  if (dependencyCondition(gateway, name) !== 'service_healthy') {
    violations.push(`gateway: must depend on ${name} with condition service_healthy`);
  }
  return violations;
}
