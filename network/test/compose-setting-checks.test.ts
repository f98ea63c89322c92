/**
 * checkSharedSettings against small fixtures: compose must carry network.config's defaults for
 * the node settings both networks share (log levels, the gossip intervals).
 */
import { checkSharedSettings, parseCompose } from './compose-checks';

const NETWORK_CONFIG = [
  'CA_LOGGING_LEVEL="${CA_LOGGING_LEVEL:-warning}"',
  'NODE_LOGGING_SPEC="${NODE_LOGGING_SPEC:-warning}"',
  'CHAINCODE_LOGGING_LEVEL="${CHAINCODE_LOGGING_LEVEL:-warning}"',
  'GOSSIP_RECONNECT_INTERVAL="${GOSSIP_RECONNECT_INTERVAL:-2s}"',
  'GOSSIP_STATE_INFO_INTERVAL="${GOSSIP_STATE_INFO_INTERVAL:-1s}"',
].join('\n');

function composeWith(peerEnvironment: string): string {
  return `
services:
  ca-orderer:
    image: hyperledger/fabric-ca:1.5.21
    environment: {FABRIC_CA_SERVER_LOGLEVEL: "\${CA_LOGGING_LEVEL:-warning}"}
  orderer1:
    image: hyperledger/fabric-orderer:3.1.5
    environment: {FABRIC_LOGGING_SPEC: "\${NODE_LOGGING_SPEC:-warning}"}
  peer0:
    image: hyperledger/fabric-peer:3.1.5
    environment: {${peerEnvironment}}
  chaincode:
    build: {context: ., dockerfile: chaincode/Dockerfile}
    environment: ["CORE_CHAINCODE_LOGGING_LEVEL=\${CHAINCODE_LOGGING_LEVEL:-warning}"]
  gateway:
    image: node:20.20.2-bookworm-slim
`;
}

const STATE_INFO = 'CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL: "${GOSSIP_STATE_INFO_INTERVAL:-1s}"';
const GOOD_PEER = `FABRIC_LOGGING_SPEC: "\${NODE_LOGGING_SPEC:-warning}", CORE_PEER_GOSSIP_RECONNECTINTERVAL: "\${GOSSIP_RECONNECT_INTERVAL:-2s}", ${STATE_INFO}`;

describe('checkSharedSettings', () => {
  test('when every node carries network.config defaults through the same variables, then it passes', () => {
    expect(checkSharedSettings(parseCompose(composeWith(GOOD_PEER)), NETWORK_CONFIG)).toEqual([]);
  });

  test('when a peer hard-codes a log level, then that peer is named with the expected value', () => {
    const compose = parseCompose(composeWith(`FABRIC_LOGGING_SPEC: INFO, CORE_PEER_GOSSIP_RECONNECTINTERVAL: "\${GOSSIP_RECONNECT_INTERVAL:-2s}", ${STATE_INFO}`));
    expect(checkSharedSettings(compose, NETWORK_CONFIG)).toEqual([
      'peer0: FABRIC_LOGGING_SPEC must be ${NODE_LOGGING_SPEC:-warning} (NODE_LOGGING_SPEC in network/network.config), found INFO',
    ]);
  });

  test('when a peer lacks the reconnect interval, or reads another override, then both are reported', () => {
    const compose = parseCompose(composeWith(`FABRIC_LOGGING_SPEC: "\${PEER_LOGGING:-warning}", ${STATE_INFO}`));
    expect(checkSharedSettings(compose, NETWORK_CONFIG)).toEqual([
      'peer0: FABRIC_LOGGING_SPEC must be ${NODE_LOGGING_SPEC:-warning} (NODE_LOGGING_SPEC in network/network.config), found ${PEER_LOGGING:-warning}',
      'peer0: CORE_PEER_GOSSIP_RECONNECTINTERVAL must be ${GOSSIP_RECONNECT_INTERVAL:-2s} (GOSSIP_RECONNECT_INTERVAL in network/network.config), found nothing',
    ]);
  });

  test('when network.config changes a default, then compose files still on the old one fail', () => {
    const changed = NETWORK_CONFIG.replace('GOSSIP_RECONNECT_INTERVAL:-2s', 'GOSSIP_RECONNECT_INTERVAL:-5s');
    expect(checkSharedSettings(parseCompose(composeWith(GOOD_PEER)), changed)).toEqual([
      'peer0: CORE_PEER_GOSSIP_RECONNECTINTERVAL must be ${GOSSIP_RECONNECT_INTERVAL:-5s} (GOSSIP_RECONNECT_INTERVAL in network/network.config), found ${GOSSIP_RECONNECT_INTERVAL:-2s}',
    ]);
  });

  test('when network.config lacks a shared setting, then the check says which', () => {
    const withoutGossip = NETWORK_CONFIG.split('\n').filter((line) => !line.startsWith('GOSSIP_RECONNECT_INTERVAL=')).join('\n');
    expect(() => checkSharedSettings(parseCompose(composeWith(GOOD_PEER)), withoutGossip)).toThrow(/GOSSIP_RECONNECT_INTERVAL/);
  });
});
