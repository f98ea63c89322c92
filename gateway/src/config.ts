import { isIPv4 } from 'node:net';
import { join } from 'node:path';
import { MAX_FILE_BYTES, ROLES, type Role } from '@medledger/chaincode/client';
import { z } from 'zod';
import type { RateLimitSettings } from './api/rate-limits';
import { ATTRIBUTE } from './identity/saml/saml-names';
import { FabricConfigError, loadFabricConfigFromEnv, type FabricConfig } from './ledger/fabric/fabric-config';
import { FileError } from './files/errors';
import type { MasterKeySource } from './files/keys/master-key';
import { unsealSourceFromEnv, type UnsealSource } from './files/keys/unseal';
import { deepFreeze } from './platform/deep-freeze';
import { LOG_EVERY_REQUEST, type RequestLogPolicy } from './platform/logging/http-logger';
import { namingAliases, readEnvironment } from './config-environment';
import { filesConfig, type FilesConfig } from './config-files';

export type { FilesConfig } from './config-files';

/**
 * The gateway's configuration: the environment, parsed once at start-up, validated and frozen.
 * Every variable is documented in gateway/README.md. Anything wrong stops the start with one
 * message that names each bad variable.
 */

const integer = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const onOff = z.enum(['on', 'off']);
const PROXY_TRUST_EVERYTHING = ['true', 'on', 'yes', 'all', '*'];
const PROXY_OFF = ['false', 'off', 'no', '0'];

/** Express `trust proxy`: off, a hop count, or addresses/subnets. Trusting every proxy is refused. */
const trustProxy = z
  .string()
  .refine((value) => !PROXY_TRUST_EVERYTHING.includes(value.toLowerCase()), 'trusting every proxy is unsafe; give a hop count (1) or the proxy addresses/subnets')
  .transform((value): false | number | string => {
    if (PROXY_OFF.includes(value.toLowerCase())) {
      return false;
    }
    return /^\d+$/.test(value) ? Number(value) : value;
  });

const base64Key = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

/** "idpValue=role,otherValue=role"; by default every MedLedger role name maps to itself. */
const roleMapping = z
  .string()
  .transform((text, context): Record<string, Role> => {
    const entries = text.split(',').map((pair) => pair.split('=').map((part) => part.trim()));
    const bad = entries.filter(([value, role, ...rest]) => !value || !role || rest.length > 0 || !(ROLES as readonly string[]).includes(role));
    if (bad.length > 0) {
      context.addIssue({ code: 'custom', message: `expected "idpValue=role,..." with roles from ${ROLES.join(', ')}` });
    }
    return Object.fromEntries(entries) as Record<string, Role>;
  });

const environmentSchema = z.object({
  MEDLEDGER_MODE: z.enum(['development', 'production']).default('development'),
  MEDLEDGER_HOST: z.string().min(1).optional(),
  MEDLEDGER_PORT: integer(0, 65535, 3000),
  MEDLEDGER_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEDLEDGER_TLS_CERT_FILE: z.string().min(1).optional(),
  MEDLEDGER_TLS_KEY_FILE: z.string().min(1).optional(),
  MEDLEDGER_TRUST_PROXY: trustProxy.default(false),
  MEDLEDGER_DATA_DIR: z.string().min(1).default('.data'),
  MEDLEDGER_DATABASE_URL: z.string().refine((url) => /^postgres(ql)?:\/\/\S+$/.test(url) && URL.canParse(url), 'must be a PostgreSQL URL, postgresql://user:password@host:5432/database').optional(), // the message never repeats the value: it holds the password
  MEDLEDGER_WEB_DIR: z.string().min(1).optional(),
  MEDLEDGER_MASTER_KEY: base64Key.optional(),
  MEDLEDGER_MASTER_KEY_FILE: z.string().min(1).optional(),
  MEDLEDGER_MASTER_KEY_CHECK: z.string().regex(/^kcv1:[A-Za-z0-9_-]{43}$/, 'must be a key-check value kcv1:... (printed by the unseal CLI)').optional(),
  MEDLEDGER_UNSEAL_SHARES: z.string().min(1).optional(),
  MEDLEDGER_UNSEAL_SHARE_FILES: z.string().min(1).optional(),
  MEDLEDGER_DEV_IDP: onOff.optional(),
  MEDLEDGER_SAML_IDP_METADATA_FILE: z.string().min(1).optional(),
  MEDLEDGER_SAML_SP_ENTITY_ID: z.string().min(1).optional(),
  MEDLEDGER_SAML_SP_KEY_FILE: z.string().min(1).optional(),
  MEDLEDGER_SAML_SP_CERT_FILE: z.string().min(1).optional(),
  MEDLEDGER_SAML_ROLE_ATTRIBUTE: z.string().min(1).default(ATTRIBUTE.medledgerRole),
  MEDLEDGER_SAML_ROLE_MAPPING: roleMapping.optional(),
  MEDLEDGER_SAML_CLOCK_SKEW_SECONDS: integer(0, 300, 60),
  MEDLEDGER_SAML_MAX_ASSERTION_AGE_MINUTES: integer(1, 60, 5),
  MEDLEDGER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MEDLEDGER_REQUEST_LOG_SAMPLE: z.coerce.number().min(0).max(1).default(LOG_EVERY_REQUEST.sampleRate),
  MEDLEDGER_REQUEST_LOG_SLOW_MS: integer(0, 600_000, LOG_EVERY_REQUEST.slowMs),
  MEDLEDGER_SESSION_IDLE_MINUTES: integer(1, 24 * 60, 15),
  MEDLEDGER_SESSION_ABSOLUTE_HOURS: integer(1, 24, 8),
  MEDLEDGER_STEP_UP_MINUTES: integer(1, 60, 5),
  MEDLEDGER_BODY_LIMIT_KB: integer(1, 10 * 1024, 100),
  MEDLEDGER_RATE_LIMIT_PER_MINUTE: integer(1, 100_000, 300),
  MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: integer(1, 100_000, 600),
  MEDLEDGER_LOGIN_RATE_LIMIT_PER_MINUTE: integer(1, 10_000, 20),
  MEDLEDGER_CREDENTIAL_RATE_LIMIT_PER_HOUR: integer(1, 10_000, 20),
  MEDLEDGER_API_KEY_OVERLAP_HOURS: integer(0, 24 * 7, 24),
  MEDLEDGER_FILE_MAX_BYTES: integer(0, MAX_FILE_BYTES, 256 * 1024 ** 2),
  MEDLEDGER_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  MEDLEDGER_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  MEDLEDGER_S3_REGION: z.string().min(1).default('us-east-1'),
  MEDLEDGER_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  MEDLEDGER_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  MEDLEDGER_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
});

/** Every variable the schema reads, besides MEDLEDGER_FABRIC_* (network/test checks that docker-compose.yml sets no other). */
export const SERVER_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

type Environment = z.infer<typeof environmentSchema>;
type Issue = { variable: string; message: string };
/** Which IdP people sign in with: one from its metadata, the built-in development IdP, or none (API keys only). */
export type IdpSource = { kind: 'metadata'; file: string } | { kind: 'dev' } | { kind: 'none' };

export interface SamlConfig {
  idp: IdpSource;
  spEntityId: string;
  spSigning?: { keyFile: string; certFile: string };
  roleAttribute: string;
  roleMapping: Readonly<Record<string, Role>>;
  clockSkewMs: number;
  maxAssertionAgeMs: number;
}

export interface Config {
  mode: 'development' | 'production';
  http: {
    host: string;
    port: number;
    publicUrl: string;
    tls?: { certFile: string; keyFile: string };
    trustProxy: false | number | string;
    bodyLimitBytes: number;
  };
  dataDir: string;
  databaseFile: string;
  databaseUrl: string | undefined; // MEDLEDGER_DATABASE_URL: PostgreSQL, which several gateways can share; unset: SQLite at databaseFile
  masterKey: MasterKeySource;
  devIdp: boolean;
  saml: SamlConfig;
  logLevel: Environment['MEDLEDGER_LOG_LEVEL'];
  requestLog: RequestLogPolicy;
  sessions: { idleMs: number; absoluteMs: number; freshMs: number; cookieSecure: boolean };
  rateLimits: RateLimitSettings;
  apiKeys: { rotationOverlapMs: number };
  /** Medical files off chain (features/records/): upload limit, where blobs and the key vault live. */
  files: FilesConfig;
  /** The web portal's build (web/dist), served at /; absent there, / says how to build it. */
  webDirectory: string;
  /** The Fabric network (MEDLEDGER_FABRIC_* variables, parsed by ledger/fabric/fabric-config.ts); absent means the embedded ledger. */
  fabric?: FabricConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly Issue[]) {
    super(`invalid gateway configuration:\n${issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join('\n')}`);
  }
}

/** Parses and checks the environment; throws ConfigError listing every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const { variables, aliasUsed } = readEnvironment(environment);
  const parsed = environmentSchema.safeParse(variables);
  const fabric = parseFabric(variables);
  const unseal = parseUnseal(variables);
  const issues = [...(parsed.success ? [] : parsed.error.issues.map(issueOf)), ...crossChecks(variables), ...fabric.issues, ...unseal.issues].map(namingAliases(aliasUsed));
  if (!parsed.success || issues.length > 0) {
    throw new ConfigError(issues);
  }
  return deepFreeze(toConfig(parsed.data, fabric.value, unseal.value));
}

/** The file engine's unseal settings (key file or Shamir shares); the gateway uses the same master key. */
function parseUnseal(variables: Record<string, string>): { value?: UnsealSource; issues: Issue[] } {
  return issuesJoined(
    () => unsealSourceFromEnv(variables),
    (error) => (error instanceof FileError ? [{ variable: 'MEDLEDGER_MASTER_KEY_CHECK', message: error.message }] : undefined),
  );
}

/** The Fabric engineer's parser reads MEDLEDGER_FABRIC_*; its complaints join ours in one message. */
function parseFabric(variables: Record<string, string>): { value?: FabricConfig; issues: Issue[] } {
  return issuesJoined(
    () => loadFabricConfigFromEnv(variables),
    (error) => (error instanceof FabricConfigError ? [...error.issues] : undefined),
  );
}

/**
 * Runs another module's parser so that what it refuses joins our issues, and the operator reads
 * every mistake in one message; an error it does not know (undefined from issuesOf) is a bug and
 * is thrown on.
 */
function issuesJoined<T>(parse: () => T | undefined, issuesOf: (error: unknown) => Issue[] | undefined): { value?: T; issues: Issue[] } {
  try {
    const value = parse();
    return value === undefined ? { issues: [] } : { value, issues: [] };
  } catch (error) {
    const issues = issuesOf(error);
    if (issues === undefined) throw error;
    return { issues };
  }
}

function issueOf(issue: z.core.$ZodIssue): Issue {
  return { variable: String(issue.path[0] ?? '(environment)'), message: issue.message };
}

type Variables = Readonly<Record<string, string>>;

/** A rule across variables: the issue it finds, if any. */
type CrossCheck = (env: Variables) => Issue | undefined;

const setTogether =
  (first: string, second: string): CrossCheck =>
  (env) =>
    (env[first] === undefined) !== (env[second] === undefined) ? { variable: first, message: `${first} and ${second} must be set together` } : undefined;

/** When `applies`, the issue of `variable`. */
const issueWhen =
  (applies: (env: Variables) => boolean, variable: string, message: (env: Variables) => string): CrossCheck =>
  (env) =>
    applies(env) ? { variable, message: message(env) } : undefined;

/** In the order they are reported. */
const CROSS_CHECKS: readonly CrossCheck[] = [
  setTogether('MEDLEDGER_TLS_CERT_FILE', 'MEDLEDGER_TLS_KEY_FILE'),
  issueWhen(
    (env) => env.MEDLEDGER_MASTER_KEY !== undefined && hasUnsealSource(env),
    'MEDLEDGER_MASTER_KEY',
    () => 'set one master key source: MEDLEDGER_MASTER_KEY, MEDLEDGER_MASTER_KEY_FILE or MEDLEDGER_UNSEAL_SHARES/_SHARE_FILES',
  ),
  issueWhen(
    (env) => env.MEDLEDGER_DEV_IDP === 'on' && env.MEDLEDGER_SAML_IDP_METADATA_FILE !== undefined,
    'MEDLEDGER_DEV_IDP',
    () => 'choose one IdP: the development IdP or MEDLEDGER_SAML_IDP_METADATA_FILE',
  ),
  setTogether('MEDLEDGER_SAML_SP_KEY_FILE', 'MEDLEDGER_SAML_SP_CERT_FILE'),
  issueWhen(
    (env) => Object.keys(env).some((name) => name.startsWith('MEDLEDGER_S3_')) && env.MEDLEDGER_S3_BUCKET === undefined,
    'MEDLEDGER_S3_BUCKET',
    () => 'the S3 blob store needs a bucket (MEDLEDGER_S3_BUCKET)',
  ),
  setTogether('MEDLEDGER_S3_ACCESS_KEY_ID', 'MEDLEDGER_S3_SECRET_ACCESS_KEY'),
  issueWhen(
    (env) => devIdpWouldRun(env) && env.MEDLEDGER_HOST !== undefined && !isLoopbackHost(env.MEDLEDGER_HOST),
    'MEDLEDGER_HOST',
    (env) =>
      `the development IdP signs anyone in, as any role including admin, so it only listens on loopback (127.0.0.0/8, ::1, localhost), not ${env.MEDLEDGER_HOST ?? ''}: set MEDLEDGER_HOST to a loopback address, or turn the development IdP off (MEDLEDGER_DEV_IDP=off, MEDLEDGER_SAML_IDP_METADATA_FILE, or MEDLEDGER_MODE=production)`,
  ),
];

/** Rules across variables, on the raw values, so they are reported together with any malformed ones. */
function crossChecks(env: Variables): Issue[] {
  const issues = CROSS_CHECKS.map((check) => check(env)).filter((issue) => issue !== undefined);
  return env.MEDLEDGER_MODE === 'production' ? [...issues, ...productionChecks(env)] : issues;
}

/** Whether the development IdP would run, on the raw values (MEDLEDGER_MODE defaults to development). */
function devIdpWouldRun(env: Variables): boolean {
  const mode = env.MEDLEDGER_MODE ?? 'development';
  const wanted = env.MEDLEDGER_DEV_IDP ?? (env.MEDLEDGER_SAML_IDP_METADATA_FILE === undefined ? 'on' : 'off');
  return mode === 'development' && wanted === 'on';
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped ::ffff:127.x.x.x) and localhost. Other names that merely resolve to loopback are not trusted. */
export function isLoopbackHost(host: string): boolean {
  const value = host.trim().toLowerCase();
  if (value === 'localhost' || value === '::1' || value === '0:0:0:0:0:0:0:1') {
    return true;
  }
  const ipv4 = value.replace(/^::ffff:/, '');
  return isIPv4(ipv4) && ipv4.startsWith('127.');
}

function productionChecks(env: Variables): Issue[] {
  const issues: Issue[] = [];
  if (env.MEDLEDGER_MASTER_KEY === undefined && !hasUnsealSource(env)) {
    issues.push({ variable: 'MEDLEDGER_MASTER_KEY_FILE', message: 'production needs a master key (MEDLEDGER_MASTER_KEY_FILE, MEDLEDGER_UNSEAL_SHARES/_SHARE_FILES or MEDLEDGER_MASTER_KEY)' });
  }
  if (env.MEDLEDGER_DEV_IDP === 'on') {
    issues.push({ variable: 'MEDLEDGER_DEV_IDP', message: 'the development IdP can never be enabled in production' });
  }
  if (env.MEDLEDGER_TLS_CERT_FILE === undefined && isProxyOff(env.MEDLEDGER_TRUST_PROXY)) {
    issues.push({ variable: 'MEDLEDGER_TRUST_PROXY', message: 'production needs secure cookies: configure TLS (MEDLEDGER_TLS_CERT_FILE/KEY_FILE) or a TLS-terminating proxy (MEDLEDGER_TRUST_PROXY)' });
  }
  if (env.MEDLEDGER_PUBLIC_URL === undefined || !env.MEDLEDGER_PUBLIC_URL.toLowerCase().startsWith('https://')) {
    issues.push({ variable: 'MEDLEDGER_PUBLIC_URL', message: 'production needs the https URL browsers use (e.g. https://medledger.example.org); SAML endpoints and secure cookies are built from it' });
  }
  if (env.MEDLEDGER_SAML_IDP_METADATA_FILE !== undefined && env.MEDLEDGER_SAML_ROLE_MAPPING === undefined) {
    issues.push({
      variable: 'MEDLEDGER_SAML_ROLE_MAPPING',
      message: 'production with a SAML IdP needs an explicit role mapping (e.g. Physician=doctor,Patient=patient): the default would turn an IdP value "admin" straight into the admin role',
    });
  }
  return issues;
}

function isProxyOff(value: string | undefined): boolean {
  return value === undefined || PROXY_OFF.includes(value.toLowerCase());
}

function hasUnsealSource(env: Variables): boolean {
  return env.MEDLEDGER_MASTER_KEY_FILE !== undefined || env.MEDLEDGER_UNSEAL_SHARES !== undefined || env.MEDLEDGER_UNSEAL_SHARE_FILES !== undefined;
}

/** MEDLEDGER_WEB_DIR, or web/dist of this repository (from gateway/src and gateway/dist alike: both two levels down). */
function webDirectoryOf(env: Environment): string {
  return env.MEDLEDGER_WEB_DIR ?? join(__dirname, '..', '..', 'web', 'dist');
}

function toConfig(env: Environment, fabric: FabricConfig | undefined, unseal: UnsealSource | undefined): Config {
  const production = env.MEDLEDGER_MODE === 'production';
  const tls = env.MEDLEDGER_TLS_CERT_FILE !== undefined && env.MEDLEDGER_TLS_KEY_FILE !== undefined ? { certFile: env.MEDLEDGER_TLS_CERT_FILE, keyFile: env.MEDLEDGER_TLS_KEY_FILE } : undefined;
  const publicUrl = env.MEDLEDGER_PUBLIC_URL ?? `${tls === undefined ? 'http' : 'https'}://localhost:${env.MEDLEDGER_PORT}`;
  return {
    mode: env.MEDLEDGER_MODE,
    http: {
      host: env.MEDLEDGER_HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
      port: env.MEDLEDGER_PORT,
      publicUrl: publicUrl.replace(/\/+$/, ''),
      ...(tls === undefined ? {} : { tls }),
      trustProxy: env.MEDLEDGER_TRUST_PROXY,
      bodyLimitBytes: env.MEDLEDGER_BODY_LIMIT_KB * 1024,
    },
    dataDir: env.MEDLEDGER_DATA_DIR,
    webDirectory: webDirectoryOf(env),
    databaseFile: join(env.MEDLEDGER_DATA_DIR, 'gateway.sqlite'),
    databaseUrl: env.MEDLEDGER_DATABASE_URL,
    masterKey: masterKeySource(env, unseal),
    devIdp: devIdpEnabled(env),
    saml: samlConfig(env, publicUrl),
    logLevel: env.MEDLEDGER_LOG_LEVEL,
    requestLog: { sampleRate: env.MEDLEDGER_REQUEST_LOG_SAMPLE, slowMs: env.MEDLEDGER_REQUEST_LOG_SLOW_MS },
    sessions: {
      idleMs: env.MEDLEDGER_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: env.MEDLEDGER_SESSION_ABSOLUTE_HOURS * 3_600_000,
      freshMs: env.MEDLEDGER_STEP_UP_MINUTES * 60_000,
      cookieSecure: tls !== undefined || env.MEDLEDGER_TRUST_PROXY !== false,
    },
    rateLimits: {
      generalPerMinute: env.MEDLEDGER_RATE_LIMIT_PER_MINUTE,
      principalPerMinute: env.MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE,
      loginPerMinute: env.MEDLEDGER_LOGIN_RATE_LIMIT_PER_MINUTE,
      credentialPerHour: env.MEDLEDGER_CREDENTIAL_RATE_LIMIT_PER_HOUR,
    },
    apiKeys: { rotationOverlapMs: env.MEDLEDGER_API_KEY_OVERLAP_HOURS * 3_600_000 },
    files: filesConfig(env),
    ...(fabric === undefined ? {} : { fabric }),
  };
}

function masterKeySource(env: Environment, unseal: UnsealSource | undefined): MasterKeySource {
  if (env.MEDLEDGER_MASTER_KEY !== undefined) {
    return { kind: 'inline', base64: env.MEDLEDGER_MASTER_KEY, ...(env.MEDLEDGER_MASTER_KEY_CHECK === undefined ? {} : { keyCheck: env.MEDLEDGER_MASTER_KEY_CHECK }) };
  }
  return unseal === undefined ? { kind: 'generated', path: join(env.MEDLEDGER_DATA_DIR, 'master.key') } : { kind: 'unseal', source: unseal };
}

/** On by default in development unless a real IdP is configured; never in production (crossChecks refuse 'on'). */
function devIdpEnabled(env: Environment): boolean {
  const wanted = env.MEDLEDGER_DEV_IDP ?? (env.MEDLEDGER_SAML_IDP_METADATA_FILE === undefined ? 'on' : 'off');
  return env.MEDLEDGER_MODE === 'development' && wanted === 'on';
}

function samlConfig(env: Environment, publicUrl: string): SamlConfig {
  const idp: IdpSource = env.MEDLEDGER_SAML_IDP_METADATA_FILE !== undefined ? { kind: 'metadata', file: env.MEDLEDGER_SAML_IDP_METADATA_FILE } : devIdpEnabled(env) ? { kind: 'dev' } : { kind: 'none' };
  const keyFile = env.MEDLEDGER_SAML_SP_KEY_FILE;
  const certFile = env.MEDLEDGER_SAML_SP_CERT_FILE;
  return {
    idp,
    spEntityId: env.MEDLEDGER_SAML_SP_ENTITY_ID ?? `${publicUrl.replace(/\/+$/, '')}/auth/saml/metadata`,
    ...(keyFile === undefined || certFile === undefined ? {} : { spSigning: { keyFile, certFile } }),
    roleAttribute: env.MEDLEDGER_SAML_ROLE_ATTRIBUTE,
    roleMapping: env.MEDLEDGER_SAML_ROLE_MAPPING ?? Object.fromEntries(ROLES.map((role) => [role, role])),
    clockSkewMs: env.MEDLEDGER_SAML_CLOCK_SKEW_SECONDS * 1000,
    maxAssertionAgeMs: env.MEDLEDGER_SAML_MAX_ASSERTION_AGE_MINUTES * 60_000,
  };
}
