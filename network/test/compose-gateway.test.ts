/**
 * The compose `gateway` service against the gateway's own configuration code (config.ts and the
 * Fabric parser): the real docker-compose.yml first, then fixtures that break one thing each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, SERVER_VARIABLES } from '../../gateway/src/config';
import { networkConfigDefault, parseCompose, requiredVariables } from './compose-checks';
import {
  checkDialsServicesOfTheFile,
  checkFilesComeFromSetup,
  checkStartsInFabricMode,
  checkVariablesAreRead,
  fabricVariablesRead,
  gatewayEnvironment,
  interpolate,
  operatorVariables,
} from './gateway-environment-checks';

const repoRoot = path.resolve(__dirname, '..', '..');
const compose = parseCompose(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'));
const KNOWN = [...SERVER_VARIABLES, ...fabricVariablesRead()];

const environment = gatewayEnvironment(compose, operatorVariables(requiredVariables(compose)));

describe('the compose gateway', () => {
  test('the Fabric variables are found by running the gateway’s parser', () => {
    expect(KNOWN).toEqual(expect.arrayContaining(['MEDLEDGER_FABRIC_PROVIDERS_PEER_ENDPOINT', 'MEDLEDGER_FABRIC_PAYERS_CA_REGISTRAR_SECRET', 'MEDLEDGER_FABRIC_CHANNEL']));
  });

  test('sets only variables the gateway reads', () => {
    expect(checkVariablesAreRead(environment, KNOWN)).toEqual([]);
  });

  test('starts the gateway in Fabric mode with both orgs, PostgreSQL and MinIO', () => {
    expect(checkStartsInFabricMode(environment, loadConfig)).toEqual([]);
  });

  test('reads its files read-only from a volume setup writes, once setup has completed', () => {
    expect(checkFilesComeFromSetup(compose, environment)).toEqual([]);
  });

  test('dials only services of the file', () => {
    expect(checkDialsServicesOfTheFile(compose, environment)).toEqual([]);
  });

  test('uses the channel and chaincode network.config names', () => {
    const networkConfig = readFileSync(path.join(repoRoot, 'network/network.config'), 'utf8');
    expect({ channel: environment.MEDLEDGER_FABRIC_CHANNEL, chaincode: environment.MEDLEDGER_FABRIC_CHAINCODE }).toEqual({
      channel: networkConfigDefault(networkConfig, 'CHANNEL_NAME'),
      chaincode: networkConfigDefault(networkConfig, 'CHAINCODE_NAME'),
    });
  });

  test('builds the gateway image instead of running a stand-in', () => {
    expect(compose.services.gateway).toMatchObject({ build: { context: '.', dockerfile: 'gateway/Dockerfile' } });
    expect(compose.services.gateway).not.toHaveProperty('command');
  });
});

describe('the checks, on fixtures', () => {
  const withVariable = (name: string, value: string | undefined): Record<string, string> => ({
    ...Object.fromEntries(Object.entries(environment).filter(([key]) => key !== name)),
    ...(value === undefined ? {} : { [name]: value }),
  });

  test('interpolate substitutes as compose does', () => {
    expect(interpolate('${A:-x}/${B-y}/${C}/$${D}', { B: '' })).toBe('x///$' + '{D}');
    expect(() => interpolate('${P:?set P}', {})).toThrow('P is required: set P');
  });

  test('when a variable is misspelt, then checkVariablesAreRead catches it', () => {
    expect(checkVariablesAreRead(withVariable('MEDLEDGER_DATABASE_URI', 'postgres://x'), KNOWN)).toEqual(['gateway: MEDLEDGER_DATABASE_URI is not a variable the gateway reads']);
  });

  test.each([
    ['a required Fabric variable is missing', withVariable('MEDLEDGER_FABRIC_PAYERS_CA_NAME', undefined), 'MEDLEDGER_FABRIC_PAYERS_CA_NAME'],
    ['production lacks its master key', withVariable('MEDLEDGER_MASTER_KEY', undefined), 'production needs a master key'],
    ['the public URL is plain http', withVariable('MEDLEDGER_PUBLIC_URL', 'http://localhost:8080'), 'MEDLEDGER_PUBLIC_URL'],
    ['one org is left out', Object.fromEntries(Object.entries(environment).filter(([name]) => !name.startsWith('MEDLEDGER_FABRIC_PAYERS_'))), 'both peer orgs'],
    ['there is no database URL', withVariable('MEDLEDGER_DATABASE_URL', undefined), 'PostgreSQL'],
    ['there is no bucket', Object.fromEntries(Object.entries(environment).filter(([name]) => !name.startsWith('MEDLEDGER_S3_'))), 'S3 store'],
  ])('when %s, then checkStartsInFabricMode catches it', (_what, changed, expected) => {
    expect(checkStartsInFabricMode(changed, loadConfig)).toEqual([expect.stringContaining(expected)]);
  });

  const FILES = `
services:
  setup:
    volumes: ["trust:/var/trust", "keys:/var/keys:ro"]
  gateway:
    depends_on: {setup: {condition: service_completed_successfully}}
    volumes: ["trust:/etc/trust:ro", "keys:/etc/keys:ro", "data:/var/data"]
`;
  test.each([
    ['is on a volume setup writes', '/etc/trust/root.pem', FILES, []],
    ['is on no mounted volume', '/elsewhere/root.pem', FILES, ['is on no volume the gateway mounts']],
    ['is on a writable volume', '/var/data/root.pem', FILES, ['must be mounted read-only', 'which setup does not write']],
    ['is on a volume setup only reads', '/etc/keys/root.pem', FILES, ['which setup does not write']],
    ['comes before setup completes', '/etc/trust/root.pem', FILES.replace('service_completed_successfully', 'service_started'), ['service_completed_successfully']],
  ])('when a file the gateway reads %s, then checkFilesComeFromSetup says so', (_what, file, yaml, expected) => {
    const violations = checkFilesComeFromSetup(parseCompose(yaml), { MEDLEDGER_FABRIC_PROVIDERS_PEER_TLS_CA_FILE: file });
    expect(violations).toEqual(expected.map((text) => expect.stringContaining(text) as unknown));
  });

  test('when the gateway dials a host that is no service, then checkDialsServicesOfTheFile catches it', () => {
    expect(checkDialsServicesOfTheFile(compose, withVariable('MEDLEDGER_FABRIC_PAYERS_CA_URL', 'https://ca.payers.example.org:9054'))).toEqual([
      'gateway: MEDLEDGER_FABRIC_PAYERS_CA_URL dials ca.payers.example.org, which is no service of this file',
    ]);
    expect(checkDialsServicesOfTheFile(compose, withVariable('MEDLEDGER_S3_ENDPOINT', 'http://s3:9000'))).toEqual([expect.stringContaining('dials s3')]);
  });
});
