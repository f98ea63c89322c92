/**
 * The compose checkers against fixtures: published ports, secret defaults, privileges, TLS, the
 * peers' state database and the chaincode server's TLS. Each negative test breaks one thing in the
 * valid fixture (compose-fixtures.ts).
 */
import { checkChaincodeServerTls, checkFabricTls, checkLoopbackPorts, checkNoPrivileged, checkNoSecretDefaults, checkPeerStateDatabase, checkUniqueHostPorts, parseCompose, parsePortSpec, publishedHostPorts } from './compose-checks';
import { fixture, VALID, withService } from './compose-fixtures';

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
