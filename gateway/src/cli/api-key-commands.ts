import '../platform/logging/quiet-contract-logs';
import pino, { type Logger } from 'pino';
import { createApiKeyBody, keyIdParams, rotateApiKeyBody } from '../identity/api-keys/api-key-schemas';
import { createOrganisationKey } from '../identity/api-keys/organisation-keys';
import { ConfigError, loadConfig, type Config } from '../config';
import { isCodedError } from '../api/errors/coded-errors';
import { parseWith } from '../api/validate';
import { createLogger } from '../platform/logging/logger';
import { openApiKeys } from '../wiring/open-api-keys';
import type { GatewayServices } from '../wiring/services';
import type { ApiKeyCommand } from './api-key-arguments';

type Write = (text: string) => void;

/** What the commands use: the API keys, and (create only) the principals, to onboard an organisation. */
export type ApiKeyCommandServices = Pick<GatewayServices, 'apiKeys'> & Partial<Pick<GatewayServices, 'principals'>>;

/** Runs one command against the services; returns the process exit code. */
export async function runApiKeyCommand(command: ApiKeyCommand, services: ApiKeyCommandServices, write: Write): Promise<number> {
  switch (command.name) {
    case 'create':
      return create(services, command, write);
    case 'list':
      write(`${JSON.stringify(await services.apiKeys.list(), null, 2)}\n`);
      return 0;
    case 'rotate':
      return rotate(services, command.keyId, command.days, write);
    case 'revoke':
      return revoke(services, command.keyId, write);
  }
}

async function create(services: ApiKeyCommandServices, options: Extract<ApiKeyCommand, { name: 'create' }>, write: Write): Promise<number> {
  if (services.principals === undefined) throw new Error('create needs the principals (the gateway opened with its ledger)');
  const request = parseWith(createApiKeyBody, { organisation: options.org, role: options.role, scopes: options.scopes?.split(',').map((scope) => scope.trim()), days: options.days });
  const issued = await createOrganisationKey(services.principals, services.apiKeys, request);
  write(`Organisation: ${issued.principal.displayName} (${issued.principal.role}, stakeholder ${issued.principal.stakeholderId})\n`);
  write(`Key ID: ${issued.summary.keyId}, scopes ${issued.summary.scopes.join(',')}, expires ${issued.summary.expiresAt}\n`);
  write(`API key (shown once; send it as "Authorization: ApiKey <key>" or "X-API-Key: <key>"):\n${issued.apiKey}\n`);
  return 0;
}

async function rotate(services: ApiKeyCommandServices, keyId: string, days: number | undefined, write: Write): Promise<number> {
  const rotated = await services.apiKeys.rotate(parseWith(keyIdParams, { keyId }).keyId, parseWith(rotateApiKeyBody, { days }).days);
  write(`Old key ${keyId} keeps working until ${rotated.retiredKey.expiresAt}.\nNew key ID: ${rotated.summary.keyId}, expires ${rotated.summary.expiresAt}\n`);
  write(`New API key (shown once):\n${rotated.apiKey}\n`);
  return 0;
}

async function revoke(services: ApiKeyCommandServices, keyId: string, write: Write): Promise<number> {
  await services.apiKeys.revoke(parseWith(keyIdParams, { keyId }).keyId);
  write(`Revoked ${keyId}.\n`);
  return 0;
}

/**
 * One command against the gateway's own state: configuration from `environment`, then only what
 * the command needs (servicesFor), the command, everything closed. Returns the exit code; a
 * refusal is a message.
 */
export async function runAgainstGateway(command: ApiKeyCommand, environment: NodeJS.ProcessEnv, write: Write, writeError: Write): Promise<number> {
  try {
    const config = loadConfig(environment);
    const opened = await servicesFor(command, config, createLogger('warn', pino.destination(2)));
    try {
      return await runApiKeyCommand(command, opened.services, write);
    } finally {
      await opened.close();
    }
  } catch (error) {
    const message = isCodedError(error) || error instanceof ConfigError ? error.message : String(error);
    writeError(`apikey: ${message}\n`);
    return 1;
  }
}

/**
 * Only create onboards an organisation (its own ledger identity, Stakeholder:register), so only
 * create opens the whole gateway, as the CLI: it reads the embedded ledger but never writes it,
 * which the running server owns. list, rotate and revoke open the master key and the store alone,
 * and so stay fast: the ledger's modules take about a second to load.
 */
async function servicesFor(command: ApiKeyCommand, config: Config, logger: Logger): Promise<{ services: ApiKeyCommandServices; close(): Promise<void> }> {
  if (command.name !== 'create') {
    const keys = await openApiKeys(config, logger);
    return { services: keys, close: () => keys.close() };
  }
  const { closeGateway, openGateway } = await import('../wiring/open-gateway');
  const services = await openGateway(config, logger, { role: 'cli' });
  return { services, close: () => closeGateway(services) };
}
