/**
 * Security settings: no secret with a default, no privileged container, TLS everywhere, CouchDB-free peers.
 */
import { type ComposeFile, type ComposeService, environmentOf, FABRIC_IMAGE, interpolateDefaults, isTrue, stringsIn, textOf } from './compose-model';

/** Variable names that hold secrets: passwords, secret keys, tokens, private keys. */
export const SECRET_VARIABLE = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|MASTER_?KEY|_PW$/i;

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
    const command = Array.isArray(service.command) ? service.command.map(String).join(' ') : textOf(service.command);
    for (const flag of ['--chaincode-tls-key-file', '--chaincode-tls-cert-file']) {
      if (!command.includes(flag)) {
        violations.push(`${serviceName}: the command override must pass ${flag}`);
      }
    }
  }
  return violations;
}
