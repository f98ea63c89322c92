/**
 * The compose checkers against fixtures: Fabric image and build pins, bind mounts and build paths.
 * Each negative test breaks one thing in the valid fixture (compose-fixtures.ts).
 */
import {
  type ComposeFile, checkBindMounts, checkBuildPaths, checkChaincodeServerTls, checkFabricBuildPins, checkFabricImageTags, checkFabricTls,
  checkLoopbackPorts, checkNoPrivileged, checkNoSecretDefaults, checkPeerStateDatabase, checkUniqueHostPorts, dockerfileBaseImages, parsePinnedVersions,
} from './compose-checks';
import { fixture, fixtureExists, PINS, VALID, withService } from './compose-fixtures';

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
