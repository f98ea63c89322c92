import '../platform/logging/quiet-contract-logs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { API_KEY_DEFAULT_DAYS } from '../identity/api-keys/api-key-lifetime';
import { createApiKeyBody, keyIdParams, rotateApiKeyBody } from '../identity/api-keys/api-key-schemas';
import { createOrganisationKey } from '../identity/api-keys/organisation-keys';
import { ConfigError, loadConfig } from '../config';
import { isCodedError } from '../api/errors/coded-errors';
import { parseWith } from '../api/validate';
import { createLogger } from '../platform/logging/logger';
import { closeGateway, openGateway } from '../wiring/open-gateway';
import type { GatewayServices } from '../wiring/services';

const USAGE = `Operator CLI for organisations' API keys (uses the gateway's configuration and database).

  npm run apikey -- create --org "Acme Pharmacy" --role pharmacy --scopes read,write [--days ${API_KEY_DEFAULT_DAYS}]
  npm run apikey -- list
  npm run apikey -- rotate <keyId> [--days ${API_KEY_DEFAULT_DAYS}]
  npm run apikey -- revoke <keyId>

The key is printed once; only its hash is stored.
`;

type Write = (text: string) => void;
type Options = { org?: string; role?: string; scopes?: string; days?: string };

/** Runs one CLI command against the services; returns the process exit code. */
export async function runApiKeyCommand(argv: string[], services: GatewayServices, write: Write): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { org: { type: 'string' }, role: { type: 'string' }, scopes: { type: 'string' }, days: { type: 'string' } } });
  const [command, keyId] = positionals;
  const days = values.days === undefined ? undefined : Number(values.days);
  if (command === 'create') {
    return create(services, values, days, write);
  }
  if (command === 'list') {
    write(`${JSON.stringify(services.apiKeys.list(), null, 2)}\n`);
    return 0;
  }
  if ((command === 'rotate' || command === 'revoke') && keyId !== undefined) {
    return command === 'rotate' ? rotate(services, keyId, days, write) : revoke(services, keyId, write);
  }
  write(USAGE);
  return 2;
}

async function create(services: GatewayServices, values: Options, days: number | undefined, write: Write): Promise<number> {
  const request = parseWith(createApiKeyBody, { organisation: values.org, role: values.role, scopes: values.scopes?.split(',').map((scope) => scope.trim()), days });
  const issued = await createOrganisationKey(services.principals, services.apiKeys, request);
  write(`Organisation: ${issued.principal.displayName} (${issued.principal.role}, stakeholder ${issued.principal.stakeholderId})\n`);
  write(`Key ID: ${issued.summary.keyId}, scopes ${issued.summary.scopes.join(',')}, expires ${issued.summary.expiresAt}\n`);
  write(`API key (shown once; send it as "Authorization: ApiKey <key>" or "X-API-Key: <key>"):\n${issued.apiKey}\n`);
  return 0;
}

function rotate(services: GatewayServices, keyId: string, days: number | undefined, write: Write): number {
  const rotated = services.apiKeys.rotate(parseWith(keyIdParams, { keyId }).keyId, parseWith(rotateApiKeyBody, { days }).days);
  write(`Old key ${keyId} keeps working until ${rotated.retiredKey.expiresAt}.\nNew key ID: ${rotated.summary.keyId}, expires ${rotated.summary.expiresAt}\n`);
  write(`New API key (shown once):\n${rotated.apiKey}\n`);
  return 0;
}

function revoke(services: GatewayServices, keyId: string, write: Write): number {
  services.apiKeys.revoke(parseWith(keyIdParams, { keyId }).keyId);
  write(`Revoked ${keyId}.\n`);
  return 0;
}

/**
 * The whole command as `npm run apikey -- <argv>` runs it (after the build): configuration from
 * `environment`, the gateway's database and ledger opened as the CLI (it never writes the embedded
 * ledger, which the running server owns), one command, everything closed. Returns the exit code.
 */
export async function apiKeyCli(argv: string[], environment: NodeJS.ProcessEnv, write: Write, writeError: Write): Promise<number> {
  try {
    const config = loadConfig(environment);
    const services = await openGateway(config, createLogger('warn', pino.destination(2)), { role: 'cli' });
    try {
      return await runApiKeyCommand(argv, services, write);
    } finally {
      await closeGateway(services);
    }
  } catch (error) {
    const message = isCodedError(error) || error instanceof ConfigError ? error.message : String(error);
    writeError(`apikey: ${message}\n`);
    return 1;
  }
}

async function main(): Promise<void> {
  process.exitCode = await apiKeyCli(
    process.argv.slice(2),
    process.env,
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}

if (require.main === module) {
  void main();
}
