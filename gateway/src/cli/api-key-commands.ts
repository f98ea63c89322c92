import '../platform/logging/quiet-contract-logs';
import pino from 'pino';
import { createApiKeyBody, keyIdParams, rotateApiKeyBody } from '../identity/api-keys/api-key-schemas';
import { createOrganisationKey } from '../identity/api-keys/organisation-keys';
import { ConfigError, loadConfig } from '../config';
import { isCodedError } from '../api/errors/coded-errors';
import { parseWith } from '../api/validate';
import { createLogger } from '../platform/logging/logger';
import { closeGateway, openGateway } from '../wiring/open-gateway';
import type { GatewayServices } from '../wiring/services';
import type { ApiKeyCommand } from './api-key-arguments';

type Write = (text: string) => void;

/** Runs one command against the services; returns the process exit code. */
export async function runApiKeyCommand(command: ApiKeyCommand, services: GatewayServices, write: Write): Promise<number> {
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

async function create(services: GatewayServices, options: Extract<ApiKeyCommand, { name: 'create' }>, write: Write): Promise<number> {
  const request = parseWith(createApiKeyBody, { organisation: options.org, role: options.role, scopes: options.scopes?.split(',').map((scope) => scope.trim()), days: options.days });
  const issued = await createOrganisationKey(services.principals, services.apiKeys, request);
  write(`Organisation: ${issued.principal.displayName} (${issued.principal.role}, stakeholder ${issued.principal.stakeholderId})\n`);
  write(`Key ID: ${issued.summary.keyId}, scopes ${issued.summary.scopes.join(',')}, expires ${issued.summary.expiresAt}\n`);
  write(`API key (shown once; send it as "Authorization: ApiKey <key>" or "X-API-Key: <key>"):\n${issued.apiKey}\n`);
  return 0;
}

async function rotate(services: GatewayServices, keyId: string, days: number | undefined, write: Write): Promise<number> {
  const rotated = await services.apiKeys.rotate(parseWith(keyIdParams, { keyId }).keyId, parseWith(rotateApiKeyBody, { days }).days);
  write(`Old key ${keyId} keeps working until ${rotated.retiredKey.expiresAt}.\nNew key ID: ${rotated.summary.keyId}, expires ${rotated.summary.expiresAt}\n`);
  write(`New API key (shown once):\n${rotated.apiKey}\n`);
  return 0;
}

async function revoke(services: GatewayServices, keyId: string, write: Write): Promise<number> {
  await services.apiKeys.revoke(parseWith(keyIdParams, { keyId }).keyId);
  write(`Revoked ${keyId}.\n`);
  return 0;
}

/**
 * One command against the gateway's own state: configuration from `environment`, the gateway's
 * database and ledger opened as the CLI (it never writes the embedded ledger, which the running
 * server owns), the command, everything closed. Returns the exit code; a refusal is a message.
 */
export async function runAgainstGateway(command: ApiKeyCommand, environment: NodeJS.ProcessEnv, write: Write, writeError: Write): Promise<number> {
  try {
    const config = loadConfig(environment);
    const services = await openGateway(config, createLogger('warn', pino.destination(2)), { role: 'cli' });
    try {
      return await runApiKeyCommand(command, services, write);
    } finally {
      await closeGateway(services);
    }
  } catch (error) {
    const message = isCodedError(error) || error instanceof ConfigError ? error.message : String(error);
    writeError(`apikey: ${message}\n`);
    return 1;
  }
}
