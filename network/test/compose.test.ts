/**
 * Static tests of the compose network (docker-compose.yml, its Dockerfiles, configtx.yaml and the
 * README's compose section). No Docker needed. The first block checks the real files; the
 * second feeds each checker a small broken fixture to prove it catches what it claims to.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ComposeFile,
  type PinnedVersions,
  checkBindMounts,
  checkBuildPaths,
  checkChaincodeServerTls,
  checkConfigtx,
  checkFabricBuildPins,
  checkFabricImageTags,
  checkFabricTls,
  checkLoopbackPorts,
  checkNoPrivileged,
  checkNoSecretDefaults,
  checkPeerStateDatabase,
  checkReadmeRequiredVariables,
  checkReadmeServices,
  checkUniqueHostPorts,
  dockerfileBaseImages,
  parseCompose,
  parsePinnedVersions,
  parsePortSpec,
  parseYaml,
  publishedHostPorts,
  readmeComposeServices,
  requiredVariables,
} from './compose-checks';

const repoRoot = path.resolve(__dirname, '..', '..');
const existsInRepo = (relative: string): boolean => existsSync(path.join(repoRoot, relative));
const readRepoFile = (relative: string): string | undefined =>
  existsInRepo(relative) ? readFileSync(path.join(repoRoot, relative), 'utf8') : undefined;
const mustRead = (relative: string): string => {
  const text = readRepoFile(relative);
  if (text === undefined) {
    throw new Error(`${relative} is missing`);
  }
  return text;
};

describe('the repository', () => {
  const compose = parseCompose(mustRead('docker-compose.yml'));
  const pins = parsePinnedVersions(mustRead('network/network.config'));

  test('network.config pins Fabric and fabric-ca versions', () => {
    expect(pins.fabric).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pins.fabricCa).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('docker-compose.yml defines the agreed services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'ca-orderer', 'ca-providers', 'ca-payers',
        'orderer1', 'orderer2', 'orderer3',
        'peer0-providers', 'peer0-payers',
        'chaincode', 'setup', 'gateway', 'minio',
      ].sort(),
    );
  });

  test('every hyperledger/fabric-* image is tagged with the pinned version', () => {
    expect(checkFabricImageTags(compose, pins)).toEqual([]);
  });

  test('images built from hyperledger/fabric-* bases are pinned too', () => {
    expect(checkFabricBuildPins(compose, pins, readRepoFile)).toEqual([]);
  });

  test('every bind mount source exists in the repository', () => {
    expect(checkBindMounts(compose, existsInRepo)).toEqual([]);
  });

  test('every build context and Dockerfile exists in the repository', () => {
    expect(checkBuildPaths(compose, existsInRepo)).toEqual([]);
  });

  test('no two services publish the same host port', () => {
    expect(checkUniqueHostPorts(compose)).toEqual([]);
  });

  test('when the real file publishes ports as 127.0.0.1:host:container, then the unique-port check still sees every host port', () => {
    expect(publishedHostPorts(compose.services['ca-orderer'] ?? {})).toEqual({ ports: ['7054/tcp'], errors: [] });
    expect(publishedHostPorts(compose.services.orderer1 ?? {})).toEqual({ ports: ['7050/tcp', '7053/tcp'], errors: [] });
  });

  test('every published port binds to 127.0.0.1', () => {
    expect(checkLoopbackPorts(compose)).toEqual([]);
  });

  test('no secret variable has a default', () => {
    expect(checkNoSecretDefaults(compose)).toEqual([]);
  });

  test('the CA bootstrap and MinIO passwords are required variables', () => {
    expect(requiredVariables(compose)).toEqual(expect.arrayContaining(['CA_BOOTSTRAP_PASSWORD', 'MINIO_ROOT_PASSWORD']));
  });

  test('the README compose section names every variable compose requires', () => {
    expect(checkReadmeRequiredVariables(readRepoFile('README.md'), compose)).toEqual([]);
  });

  test('no service is privileged', () => {
    expect(checkNoPrivileged(compose)).toEqual([]);
  });

  test('every Fabric service enables TLS on all its endpoints', () => {
    expect(checkFabricTls(compose)).toEqual([]);
  });

  test('peers use LevelDB', () => {
    expect(checkPeerStateDatabase(compose)).toEqual([]);
  });

  test('the chaincode server has its TLS key and certificate', () => {
    expect(checkChaincodeServerTls(compose)).toEqual([]);
  });

  test('the setup job is one-shot', () => {
    expect(compose.services.setup).toMatchObject({ restart: 'no' });
  });

  test('the README format expected below accepts the real service names', () => {
    const example = `# MedLedger\n\n## Run the network with docker compose\n\nServices: ${Object.keys(compose.services)
      .map((name) => `\`${name}\``)
      .join(', ')}.\n`;
    expect(checkReadmeServices(example, compose)).toEqual([]);
  });

  // Fails (does not skip) until README.md has the section: the README is the user-facing list.
  test('every service the README compose section lists exists', () => {
    expect(checkReadmeServices(readRepoFile('README.md'), compose)).toEqual([]);
  });

  test('configtx.yaml: 3 Raft consenters, BatchTimeout, agreed capabilities', () => {
    expect(checkConfigtx(parseYaml(mustRead('network/config/configtx.yaml')))).toEqual([]);
  });
});

// -----------------------------------------------------------------------------------------------
// The checkers against fixtures
// -----------------------------------------------------------------------------------------------

const PINS: PinnedVersions = { fabric: '3.1.5', fabricCa: '1.5.21' };

/** A minimal compose file that passes every check; each negative test breaks one thing. */
const VALID = `
services:
  ca:
    image: hyperledger/fabric-ca:1.5.21
    environment: [FABRIC_CA_SERVER_TLS_ENABLED=true, "FABRIC_CA_SERVER_BOOT=admin:\${CA_BOOTSTRAP_PASSWORD:?set it}", "USER=\${CA_USER:-admin}"]
    ports: ["127.0.0.1:7054:7054"]
  orderer:
    image: hyperledger/fabric-orderer:3.1.5
    environment:
      ORDERER_GENERAL_TLS_ENABLED: "true"
      ORDERER_ADMIN_TLS_ENABLED: "true"
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: "true"
      ORDERER_OPERATIONS_TLS_ENABLED: "true"
    ports: ["127.0.0.1:7050:7050", "127.0.0.1:7053:7053"]
  peer:
    image: hyperledger/fabric-peer:3.1.5
    environment: &peer-env
      CORE_PEER_TLS_ENABLED: "true"
      CORE_OPERATIONS_TLS_ENABLED: "true"
      CORE_LEDGER_STATE_STATEDATABASE: goleveldb
    ports: [{target: 7051, published: 7051, host_ip: 127.0.0.1}]
    volumes: ["./builders:/opt/builders:ro", "ledger:/var/hyperledger/production", "/tmp/anonymous"]
  chaincode:
    build: {context: ., dockerfile: chaincode/Dockerfile}
    environment: {CHAINCODE_TLS_KEY_FILE: /tls/server.key, CHAINCODE_TLS_CERT_FILE: /tls/server.crt}
    expose: ["9999"]
  gateway:
    image: node:20.20.2-bookworm-slim
    ports: ["127.0.0.1:8080:8080", "127.0.0.1::9229"]
volumes:
  ledger:
`;

const FIXTURE_FILES = new Set(['.', 'builders', 'chaincode', 'chaincode/Dockerfile']);
const fixtureExists = (relative: string): boolean => FIXTURE_FILES.has(relative);

function fixture(yaml: string): ComposeFile {
  return parseCompose(yaml);
}

/** VALID with one service replaced (or added). */
function withService(name: string, serviceYaml: string): ComposeFile {
  const base = parseCompose(VALID);
  const replacement = parseCompose(`services:\n  ${name}:\n${serviceYaml.replace(/^/gm, '    ')}`);
  return { services: { ...base.services, ...replacement.services } };
}

describe('the valid fixture', () => {
  test('passes every check, so each failure below comes from the one change', () => {
    const compose = fixture(VALID);
    expect(checkFabricImageTags(compose, PINS)).toEqual([]);
    expect(checkBindMounts(compose, fixtureExists)).toEqual([]);
    expect(checkBuildPaths(compose, fixtureExists)).toEqual([]);
    expect(checkUniqueHostPorts(compose)).toEqual([]);
    expect(checkLoopbackPorts(compose)).toEqual([]);
    expect(checkNoSecretDefaults(compose)).toEqual([]);
    expect(checkNoPrivileged(compose)).toEqual([]);
    expect(checkFabricTls(compose)).toEqual([]);
    expect(checkPeerStateDatabase(compose)).toEqual([]);
    expect(checkChaincodeServerTls(compose)).toEqual([]);
  });
});

describe('parsePinnedVersions', () => {
  test('reads the defaults of FABRIC_VERSION and FABRIC_CA_VERSION', () => {
    const config = 'FABRIC_VERSION="${FABRIC_VERSION:-3.1.5}"\nFABRIC_COMMIT="${FABRIC_COMMIT:-abc}"\nFABRIC_CA_VERSION="${FABRIC_CA_VERSION:-1.5.21}"\n';
    expect(parsePinnedVersions(config)).toEqual({ fabric: '3.1.5', fabricCa: '1.5.21' });
  });

  test('fails when a pin is missing', () => {
    expect(() => parsePinnedVersions('FABRIC_VERSION="${FABRIC_VERSION:-3.1.5}"\n')).toThrow(/FABRIC_CA_VERSION/);
  });
});

describe('checkFabricImageTags', () => {
  test('catches a Fabric image with another version', () => {
    const compose = withService('peer', 'image: hyperledger/fabric-peer:3.1.4');
    expect(checkFabricImageTags(compose, PINS)).toEqual([
      'peer: hyperledger/fabric-peer:3.1.4 must be tagged 3.1.5 (FABRIC_VERSION in network/network.config)',
    ]);
  });

  test('catches fabric-ca tagged with the Fabric version instead of the CA version', () => {
    const compose = withService('ca', 'image: hyperledger/fabric-ca:3.1.5');
    expect(checkFabricImageTags(compose, PINS)).toEqual([expect.stringContaining('must be tagged 1.5.21 (FABRIC_CA_VERSION')]);
  });

  test('catches untagged and latest Fabric images', () => {
    const compose = fixture(`
services:
  a: {image: hyperledger/fabric-orderer}
  b: {image: "docker.io/hyperledger/fabric-peer:latest"}
  c: {image: "hyperledger/fabric-peer:\${FABRIC_VERSION:-2.5.0}"}
`);
    expect(checkFabricImageTags(compose, PINS)).toHaveLength(3);
  });
});

describe('checkFabricBuildPins', () => {
  const dockerfile = [
    'ARG FABRIC_VERSION=3.1.5',
    'ARG FABRIC_CA_VERSION=1.5.21',
    'ARG GO_IMAGE=golang:1.26.4',
    'FROM hyperledger/fabric-ca:${FABRIC_CA_VERSION} AS ca',
    'FROM ${GO_IMAGE} AS tools',
    'ARG FABRIC_VERSION',
    'FROM hyperledger/fabric-peer:$FABRIC_VERSION',
  ].join('\n');

  test('resolves FROM lines from ARG defaults and build args', () => {
    expect(dockerfileBaseImages(dockerfile)).toEqual(['hyperledger/fabric-ca:1.5.21', 'golang:1.26.4', 'hyperledger/fabric-peer:3.1.5']);
    expect(dockerfileBaseImages(dockerfile, { FABRIC_VERSION: '9.9.9' })[2]).toBe('hyperledger/fabric-peer:9.9.9');
  });

  const setupWith = (args: string): ComposeFile =>
    withService('setup', `build: {context: network/compose, dockerfile: setup.Dockerfile${args}}`);
  /** Only the setup service's Dockerfile exists in this fixture repository. */
  const setupDockerfile = (text: string) => (relative: string): string | undefined =>
    relative === 'network/compose/setup.Dockerfile' ? text : undefined;

  test('accepts pinned defaults and matching build args', () => {
    expect(checkFabricBuildPins(setupWith(', args: {FABRIC_VERSION: "3.1.5"}'), PINS, setupDockerfile(dockerfile))).toEqual([]);
  });

  test('catches a Dockerfile whose ARG default is not the pinned version', () => {
    const read = setupDockerfile(dockerfile.replace('FABRIC_VERSION=3.1.5', 'FABRIC_VERSION=3.1.4'));
    expect(checkFabricBuildPins(setupWith(''), PINS, read)).toEqual([
      'setup: network/compose/setup.Dockerfile with the compose build args: hyperledger/fabric-peer:3.1.4 must be tagged 3.1.5 (FABRIC_VERSION in network/network.config)',
      'setup: network/compose/setup.Dockerfile with the Dockerfile ARG defaults: hyperledger/fabric-peer:3.1.4 must be tagged 3.1.5 (FABRIC_VERSION in network/network.config)',
    ]);
  });

  test('catches compose build args that override the pin', () => {
    const read = setupDockerfile(dockerfile);
    expect(checkFabricBuildPins(setupWith(', args: ["FABRIC_CA_VERSION=1.5.20"]'), PINS, read)).toEqual([
      expect.stringContaining('with the compose build args: hyperledger/fabric-ca:1.5.20 must be tagged 1.5.21'),
    ]);
  });
});

describe('checkBindMounts', () => {
  test('catches a bind mount whose source does not exist', () => {
    const compose = withService('peer', 'volumes: ["./network/missing:/opt/x"]');
    expect(checkBindMounts(compose, fixtureExists)).toEqual(['peer: bind mount source ./network/missing does not exist in the repository']);
  });

  test('catches absolute, home and parent-directory sources', () => {
    const compose = withService('peer', 'volumes: ["/etc:/x", "~/secrets:/y", "../elsewhere:/z", {type: bind, source: ./nope, target: /w}]');
    expect(checkBindMounts(compose, fixtureExists)).toEqual([
      expect.stringContaining('/etc is outside the repository'),
      expect.stringContaining('~/secrets is outside the repository'),
      expect.stringContaining('../elsewhere is outside the repository'),
      expect.stringContaining('./nope does not exist'),
    ]);
  });

  test('ignores named and anonymous volumes', () => {
    const compose = withService('peer', 'volumes: ["ledger:/data", "/anonymous", {type: volume, source: ledger, target: /v}]');
    expect(checkBindMounts(compose, () => false)).toEqual([]);
  });
});

describe('checkBuildPaths', () => {
  test('catches a missing build context', () => {
    const compose = withService('chaincode', 'build: ./gone');
    expect(checkBuildPaths(compose, fixtureExists)).toEqual(['chaincode: build context ./gone does not exist in the repository']);
  });

  test('catches a missing Dockerfile (relative to the context)', () => {
    const compose = withService('chaincode', 'build: {context: chaincode, dockerfile: chaincode/Dockerfile}');
    expect(checkBuildPaths(compose, fixtureExists)).toEqual(['chaincode: dockerfile chaincode/chaincode/Dockerfile does not exist in the repository']);
  });

  test('catches a context outside the repository', () => {
    const compose = withService('chaincode', 'build: {context: .., dockerfile: Dockerfile}');
    expect(checkBuildPaths(compose, fixtureExists)).toEqual([expect.stringContaining('is outside the repository')]);
  });
});

describe('checkUniqueHostPorts', () => {
  test('catches two services publishing the same host port', () => {
    const compose = withService('other', 'image: busybox\nports: ["7054:80"]');
    expect(checkUniqueHostPorts(compose)).toEqual(['host port 7054/tcp is published by both ca and other']);
  });

  test('sees host ports in long syntax, with a host IP and in ranges', () => {
    const compose = withService('other', 'image: busybox\nports: [{target: 80, published: "7051"}, "0.0.0.0:7053:7053", "8079-8081:8079-8081"]');
    expect(checkUniqueHostPorts(compose)).toEqual([
      'host port 7051/tcp is published by both peer and other',
      'host port 7053/tcp is published by both orderer and other',
      'host port 8080/tcp is published by both gateway and other',
    ]);
  });

  test('treats tcp and udp separately and ignores container-only ports', () => {
    const compose = withService('other', 'image: busybox\nports: ["7054:7054/udp", "9999", 7051]');
    expect(checkUniqueHostPorts(compose)).toEqual([]);
    expect(publishedHostPorts(parseCompose(VALID).services.orderer ?? {}).ports).toEqual(['7050/tcp', '7053/tcp']);
  });

  test('when two services publish the same port on 127.0.0.1 (or IPv6 loopback), then the collision is still caught', () => {
    const compose = withService('other', 'image: busybox\nports: ["127.0.0.1:7054:80", "[::1]:8080:80"]');
    expect(checkUniqueHostPorts(compose)).toEqual([
      'host port 7054/tcp is published by both ca and other',
      'host port 8080/tcp is published by both gateway and other',
    ]);
  });

  test('reports a host port it cannot parse', () => {
    const compose = withService('other', 'image: busybox\nports: ["$HOSTPORT:80"]');
    expect(checkUniqueHostPorts(compose)).toEqual([expect.stringContaining('cannot parse host port')]);
  });
});

describe('parsePortSpec', () => {
  test('reads the host IP, host port and protocol of each short form', () => {
    expect(parsePortSpec('9229')).toEqual({ ip: undefined, host: '', protocol: 'tcp' });
    expect(parsePortSpec('7054:7054')).toEqual({ ip: undefined, host: '7054', protocol: 'tcp' });
    expect(parsePortSpec('127.0.0.1:7054:7054/udp')).toEqual({ ip: '127.0.0.1', host: '7054', protocol: 'udp' });
    expect(parsePortSpec('127.0.0.1::9229')).toEqual({ ip: '127.0.0.1', host: '', protocol: 'tcp' });
    expect(parsePortSpec('[::1]:7054:7054')).toEqual({ ip: '::1', host: '7054', protocol: 'tcp' });
    expect(parsePortSpec('a:b:c:d')).toBeUndefined();
  });
});

describe('checkLoopbackPorts', () => {
  test('when a port is published without a host IP, then it is caught (it listens on every interface)', () => {
    const compose = withService('ca', 'image: hyperledger/fabric-ca:1.5.21\nports: ["7054:7054"]');
    expect(checkLoopbackPorts(compose)).toEqual(['ca: port "7054:7054" must be published on 127.0.0.1 ("127.0.0.1:host:container")']);
  });

  test('when a port is published on 0.0.0.0 or another address, then it is caught', () => {
    const compose = withService('orderer', 'image: hyperledger/fabric-orderer:3.1.5\nports: ["0.0.0.0:7050:7050", "10.0.0.5:7053:7053", "[::]:7055:7055"]');
    expect(checkLoopbackPorts(compose)).toEqual([
      expect.stringContaining('orderer: port "0.0.0.0:7050:7050"'),
      expect.stringContaining('orderer: port "10.0.0.5:7053:7053"'),
      expect.stringContaining('orderer: port "[::]:7055:7055"'),
    ]);
  });

  test('when a bare container port is listed (Docker picks a host port on every interface), then it is caught', () => {
    const compose = withService('gateway', 'image: node:20.20.2-bookworm-slim\nports: ["9229", 9230]');
    expect(checkLoopbackPorts(compose)).toEqual([expect.stringContaining('gateway: port "9229"'), expect.stringContaining('gateway: port 9230')]);
  });

  test('when the long syntax has no host_ip or another one, then it is caught', () => {
    const compose = withService('peer', 'image: hyperledger/fabric-peer:3.1.5\nports: [{target: 7051, published: 7051}, {target: 7052, published: 7052, host_ip: 0.0.0.0}]');
    expect(checkLoopbackPorts(compose)).toHaveLength(2);
  });
});

describe('checkNoSecretDefaults', () => {
  test('when a password variable has a :- default, then it is caught once per service', () => {
    const compose = withService('ca', `image: hyperledger/fabric-ca:1.5.21
environment:
  FABRIC_CA_SERVER_BOOT: "admin:\${CA_BOOTSTRAP_PASSWORD:-medledger-dev-only}"
  AGAIN: "\${CA_BOOTSTRAP_PASSWORD:-medledger-dev-only}"`);
    expect(checkNoSecretDefaults(compose)).toEqual([
      'ca: CA_BOOTSTRAP_PASSWORD must not have a default; use ${CA_BOOTSTRAP_PASSWORD:?message}',
    ]);
  });

  test('when secrets have a - default (unset only) anywhere in the service, then each is caught', () => {
    const compose = withService('minio', `image: minio/minio
environment: ["MINIO_ROOT_PASSWORD=\${MINIO_ROOT_PASSWORD-minio123}"]
command: ["server", "--token", "\${API_TOKEN:-abc}", "\${S3_SECRET_ACCESS_KEY:-x}"]`);
    expect(checkNoSecretDefaults(compose)).toEqual([
      expect.stringContaining('minio: MINIO_ROOT_PASSWORD'),
      expect.stringContaining('minio: API_TOKEN'),
      expect.stringContaining('minio: S3_SECRET_ACCESS_KEY'),
    ]);
  });

  test('when a secret is required, a non-secret has a default, or $${...} is for the container shell, then nothing is reported', () => {
    const compose = withService('minio', `image: minio/minio
environment:
  MINIO_ROOT_USER: "\${MINIO_ROOT_USER:-medledger}"
  MINIO_ROOT_PASSWORD: "\${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}"
command: ["sh", "-c", "echo $\${SHELL_PASSWORD:-not-compose}"]`);
    expect(checkNoSecretDefaults(compose)).toEqual([]);
  });
});

describe('checkReadmeRequiredVariables', () => {
  const compose = withService('minio', 'image: minio/minio\nenvironment: {MINIO_ROOT_PASSWORD: "${MINIO_ROOT_PASSWORD:?set it}"}');
  const readme = (body: string): string => `# MedLedger\n\n## Run the network with docker compose\n\n${body}\n\n## Next\n\nMINIO_ROOT_PASSWORD\n`;

  test('when the section names every required variable, then it passes', () => {
    expect(checkReadmeRequiredVariables(readme('Set CA_BOOTSTRAP_PASSWORD and MINIO_ROOT_PASSWORD first.'), compose)).toEqual([]);
  });

  test('when the section forgets one (a later section does not count), then it is caught', () => {
    expect(checkReadmeRequiredVariables(readme('Set CA_BOOTSTRAP_PASSWORD first.'), compose)).toEqual([expect.stringContaining('does not mention MINIO_ROOT_PASSWORD')]);
  });
});

describe('checkNoPrivileged', () => {
  test('catches a privileged service', () => {
    const compose = withService('gateway', 'image: node:20.20.2-bookworm-slim\nprivileged: true');
    expect(checkNoPrivileged(compose)).toEqual(['gateway: must not be privileged']);
  });
});

describe('checkFabricTls', () => {
  test('catches a CA without TLS', () => {
    const compose = withService('ca', 'image: hyperledger/fabric-ca:1.5.21\nenvironment: [FABRIC_CA_SERVER_TLS_ENABLED=false]');
    expect(checkFabricTls(compose)).toEqual(['ca: FABRIC_CA_SERVER_TLS_ENABLED must be "true"']);
  });

  test('catches an orderer whose admin endpoint does not require client certificates', () => {
    const compose = withService('orderer', `image: hyperledger/fabric-orderer:3.1.5
environment:
  ORDERER_GENERAL_TLS_ENABLED: "true"
  ORDERER_ADMIN_TLS_ENABLED: "true"
  ORDERER_OPERATIONS_TLS_ENABLED: "true"`);
    expect(checkFabricTls(compose)).toEqual(['orderer: ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED must be "true"']);
  });

  test('catches a peer without TLS settings at all', () => {
    const compose = withService('peer', 'image: hyperledger/fabric-peer:3.1.5\nenvironment: [CORE_LEDGER_STATE_STATEDATABASE=goleveldb]');
    expect(checkFabricTls(compose)).toEqual([
      'peer: CORE_PEER_TLS_ENABLED must be "true"',
      'peer: CORE_OPERATIONS_TLS_ENABLED must be "true"',
    ]);
  });
});

describe('checkPeerStateDatabase', () => {
  test('catches a peer on CouchDB', () => {
    const compose = withService('peer', `image: hyperledger/fabric-peer:3.1.5
environment: {CORE_PEER_TLS_ENABLED: "true", CORE_OPERATIONS_TLS_ENABLED: "true", CORE_LEDGER_STATE_STATEDATABASE: CouchDB}`);
    expect(checkPeerStateDatabase(compose)).toEqual(['peer: CORE_LEDGER_STATE_STATEDATABASE must be goleveldb']);
  });
});

describe('checkChaincodeServerTls', () => {
  test('catches a chaincode server without a TLS key', () => {
    const compose = withService('chaincode', 'build: .\nenvironment: [CHAINCODE_TLS_KEY_FILE=, CHAINCODE_TLS_CERT_FILE=/tls/server.crt]');
    expect(checkChaincodeServerTls(compose)).toEqual(['chaincode: CHAINCODE_TLS_KEY_FILE must be set']);
  });

  test('catches a command override that drops the TLS flags', () => {
    const compose = withService('chaincode', `build: .
environment: {CHAINCODE_TLS_KEY_FILE: /k, CHAINCODE_TLS_CERT_FILE: /c}
command: ["fabric-chaincode-node", "server", "--chaincode-address", "0.0.0.0:9999", "--chaincode-id", "x"]`);
    expect(checkChaincodeServerTls(compose)).toEqual([
      'chaincode: the command override must pass --chaincode-tls-key-file',
      'chaincode: the command override must pass --chaincode-tls-cert-file',
    ]);
  });

  test('catches a missing chaincode service', () => {
    expect(checkChaincodeServerTls(fixture('services:\n  peer: {image: x}\n'))).toEqual([expect.stringContaining('service chaincode')]);
  });
});

describe('checkReadmeServices', () => {
  const compose = fixture(VALID);
  const readme = (services: string): string => `# MedLedger

## Run the network with docker compose

Start it with \`docker compose up\`.

${services}

## Next section

Services: \`not-checked-here\`
`;

  test('accepts a Services line naming existing services', () => {
    expect(readmeComposeServices(readme('Services: `ca`, `peer`, `chaincode`.'))).toEqual(['ca', 'peer', 'chaincode']);
    expect(checkReadmeServices(readme('Services: `ca`, `peer`, `chaincode`.'), compose)).toEqual([]);
  });

  test('catches a listed service that does not exist', () => {
    expect(checkReadmeServices(readme('Services: `ca`, `orderer9`'), compose)).toEqual([
      'README lists `orderer9`, which is not a service in docker-compose.yml',
    ]);
  });

  test('fails when README.md is missing', () => {
    expect(checkReadmeServices(undefined, compose)).toEqual(['README.md does not exist']);
  });

  test('fails when the section is missing', () => {
    expect(checkReadmeServices('# MedLedger\n\n## Run natively\n\nServices: `ca`\n', compose)).toEqual([
      expect.stringContaining('no section headed "## Run the network with docker compose"'),
    ]);
  });

  test('fails when the section has no Services line (a later section does not count)', () => {
    expect(checkReadmeServices(readme('No list here.'), compose)).toEqual([expect.stringContaining('no line starting with "Services:"')]);
  });

  test('fails when the Services line names nothing', () => {
    expect(checkReadmeServices(readme('Services: all of them'), compose)).toEqual([expect.stringContaining('names no')]);
  });
});

describe('checkConfigtx', () => {
  const consenter = (n: number): string =>
    `{Host: orderer${n}.medledger.local, Port: 7050, ClientTLSCert: c${n}.crt, ServerTLSCert: c${n}.crt}`;
  const configtx = (overrides: { consenters?: string; batchTimeout?: string; appCapabilities?: string; extra?: string } = {}): unknown =>
    parseYaml(`
Capabilities:
  Channel: &ch {V3_0: true}
  Application: &app ${overrides.appCapabilities ?? '{V2_5: true}'}
Profiles:
  MedLedgerChannel:
    Capabilities: *ch
${overrides.extra ?? ''}
    Orderer:
      OrdererType: etcdraft
${overrides.batchTimeout ?? '      BatchTimeout: 250ms'}
      EtcdRaft:
        Consenters: ${overrides.consenters ?? `[${[1, 2, 3].map(consenter).join(', ')}]`}
      Capabilities: {V2_0: true}
    Application:
      Capabilities:
        <<: *app
`);

  test('accepts 3 consenters, a BatchTimeout and the agreed capabilities', () => {
    expect(checkConfigtx(configtx())).toEqual([]);
  });

  test('catches a Raft cluster without 3 consenters', () => {
    expect(checkConfigtx(configtx({ consenters: `[${[1, 2].map(consenter).join(', ')}]` }))).toEqual([
      'MedLedgerChannel: Orderer.EtcdRaft.Consenters must list 3 consenters, found 2',
    ]);
  });

  test('catches a consenter without its TLS certificate', () => {
    expect(checkConfigtx(configtx({ consenters: `[${consenter(1)}, ${consenter(2)}, {Host: orderer3, Port: 9050, ServerTLSCert: c3.crt}]` }))).toEqual([
      'MedLedgerChannel: consenter 3 has no ClientTLSCert',
    ]);
  });

  test('catches a missing BatchTimeout', () => {
    expect(checkConfigtx(configtx({ batchTimeout: '' }))).toEqual(['MedLedgerChannel: Orderer.BatchTimeout must be set']);
  });

  test('catches Application capabilities without V2_5', () => {
    expect(checkConfigtx(configtx({ appCapabilities: '{V2_0: true}' }))).toEqual([expect.stringContaining('Application capability V2_5')]);
  });

  test('catches system-channel leftovers and a missing profile', () => {
    expect(checkConfigtx(configtx({ extra: '    Consortium: SampleConsortium' }))).toEqual([expect.stringContaining('must not define Consortium')]);
    expect(checkConfigtx(configtx(), 'OtherProfile')).toEqual(['configtx.yaml has no profile OtherProfile']);
  });
});
