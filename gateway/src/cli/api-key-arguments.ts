import { parseArgs } from 'node:util';
import { API_KEY_DEFAULT_DAYS, API_KEY_MAX_DAYS } from '../identity/api-keys/api-key-lifetime';
import { ORGANISATION_ROLES } from '../identity/principals/organisation-roles';
import { API_KEY_SCOPES, scopesAllowedFor } from '../identity/scopes';

/** The scopes some organisation role may have on a key (the service checks each role's own). */
const ORGANISATION_KEY_SCOPES = API_KEY_SCOPES.filter((scope) => ORGANISATION_ROLES.some((role) => scopesAllowedFor(role).includes(scope)));

export const API_KEY_USAGE = `npm run apikey -- <command> [options]

Creates and manages the API keys of organisations whose systems call the MedLedger API
(pharmacies, insurers, hospitals' systems). It works on the gateway's own database and ledger
(its configuration, below), so run it where the gateway runs; a running gateway sees the change
at once. A key is printed once; only its hash is stored.

Commands:
  create --org <name> --role <role> --scopes <list> [--days <n>]
      Onboards the organisation (by name; an existing one is reused) and prints a new key.
      --role    ${ORGANISATION_ROLES.join(', ')}
      --scopes  comma-separated: ${ORGANISATION_KEY_SCOPES.join(', ')}
      --days    how long the key works: 1 to ${API_KEY_MAX_DAYS}, default ${API_KEY_DEFAULT_DAYS}
  list                          Every key: ID, organisation, scopes, expiry, last use (never a secret).
  rotate <keyId> [--days <n>]   Prints a new key for the same organisation; the old one keeps
                                working for a short overlap, so callers can switch without an outage.
  revoke <keyId>                Stops the key at once.
  help, --help, -h              This text.

Examples:
  npm run apikey -- create --org "Acme Pharmacy" --role pharmacy --scopes read,write --days 90
  npm run apikey -- list
  npm run apikey -- rotate <keyId from list>
  curl -H "Authorization: ApiKey <the printed key>" http://localhost:3000/me

Environment: the gateway's own (gateway/README.md lists every variable), in particular
  MEDLEDGER_DATA_DIR             its database and development master key (default .data)
  MEDLEDGER_MASTER_KEY_FILE      or MEDLEDGER_UNSEAL_SHARES(_FILES): the production master key
  MEDLEDGER_FABRIC_*             the Fabric network, when the gateway runs on one

Exit status: 0 done, 1 refused or failed (the message says why), 2 wrong usage.
`;

/** One command, as the operator typed it; values are checked by the API's own schemas when it runs. */
export type ApiKeyCommand =
  | { name: 'create'; org?: string; role?: string; scopes?: string; days?: number }
  | { name: 'list' }
  | { name: 'rotate'; keyId: string; days?: number }
  | { name: 'revoke'; keyId: string };

export type ParsedArguments = { kind: 'command'; command: ApiKeyCommand } | { kind: 'help' } | { kind: 'wrong usage'; message: string };

const OPTIONS = { org: { type: 'string' }, role: { type: 'string' }, scopes: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** What the arguments ask for; never throws (a mistake is `wrong usage` with what was wrong). */
export function parseApiKeyArguments(argv: string[]): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return { kind: 'wrong usage', message: firstSentenceOf(error) };
  }
  const { positionals, values } = parsed;
  const [name, ...operands] = positionals;
  if (values.help === true || name === 'help') return { kind: 'help' };
  const days = values.days === undefined ? undefined : Number(values.days);
  const command = commandOf(name, operands, { ...values, days });
  return typeof command === 'string' ? { kind: 'wrong usage', message: command } : { kind: 'command', command };
}

/** parseArgs' complaint without its advice about positionals that start with '-' (no operand here does). */
function firstSentenceOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return message.split('. ')[0] ?? message;
}

type Options = { org?: string; role?: string; scopes?: string; days?: number };

/** How many operands each command takes: rotate and revoke take the key ID. */
const OPERAND_COUNT: Readonly<Record<ApiKeyCommand['name'], number>> = { create: 0, list: 0, rotate: 1, revoke: 1 };

function isCommandName(name: string): name is ApiKeyCommand['name'] {
  return Object.hasOwn(OPERAND_COUNT, name);
}

/** The command, or what is wrong with it. */
function commandOf(name: string | undefined, operands: string[], { org, role, scopes, days }: Options): ApiKeyCommand | string {
  if (name === undefined) return 'no command given';
  if (!isCommandName(name)) return `unknown command "${name}"`;
  if (operands.length !== OPERAND_COUNT[name]) return OPERAND_COUNT[name] === 1 ? `${name} takes one key ID` : `${name} takes no operand (got "${operands.join(' ')}")`;
  const keyId = operands[0] ?? '';
  const commands: Record<ApiKeyCommand['name'], ApiKeyCommand> = { create: { name: 'create', org, role, scopes, days }, list: { name: 'list' }, rotate: { name: 'rotate', keyId, days }, revoke: { name: 'revoke', keyId } };
  return commands[name];
}
