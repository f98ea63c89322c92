/**
 * Settings the native network and compose share. Compose cannot source network/network.config,
 * so it writes each one as `${SETTING:-default}`: overridden by the same variable, with the same
 * default. These checks keep the two files from drifting apart.
 */
import { type ComposeFile, type ComposeService, environmentOf, FABRIC_IMAGE, networkConfigDefault } from './compose-model';

type NodeKind = 'ca' | 'orderer' | 'peer' | 'chaincode';

interface SharedSetting {
  /** The variable in network.config (and the override compose interpolates). */
  readonly setting: string;
  /** The variable the node reads. */
  readonly variable: string;
  readonly nodes: readonly NodeKind[];
}

export const SHARED_SETTINGS: readonly SharedSetting[] = [
  { setting: 'CA_LOGGING_LEVEL', variable: 'FABRIC_CA_SERVER_LOGLEVEL', nodes: ['ca'] },
  { setting: 'NODE_LOGGING_SPEC', variable: 'FABRIC_LOGGING_SPEC', nodes: ['orderer', 'peer'] },
  { setting: 'GOSSIP_RECONNECT_INTERVAL', variable: 'CORE_PEER_GOSSIP_RECONNECTINTERVAL', nodes: ['peer'] },
  { setting: 'GOSSIP_STATE_INFO_INTERVAL', variable: 'CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL', nodes: ['peer'] },
  { setting: 'CHAINCODE_LOGGING_LEVEL', variable: 'CORE_CHAINCODE_LOGGING_LEVEL', nodes: ['chaincode'] },
];

/** CAs, orderers and peers by their Fabric image, the chaincode server by its service name. */
function kindOf(name: string, service: ComposeService): NodeKind | undefined {
  const component = typeof service.image === 'string' ? FABRIC_IMAGE.exec(service.image.trim())?.[1] : undefined;
  if (component === 'ca' || component === 'orderer' || component === 'peer') {
    return component;
  }
  return name === 'chaincode' ? 'chaincode' : undefined;
}

/** Every CA, orderer, peer and chaincode service sets each shared variable to `${SETTING:-<network.config default>}`. */
export function checkSharedSettings(compose: ComposeFile, networkConfig: string): string[] {
  const violations: string[] = [];
  for (const [name, service] of Object.entries(compose.services)) {
    const kind = kindOf(name, service);
    const env = environmentOf(service);
    for (const { setting, variable, nodes } of SHARED_SETTINGS) {
      if (kind === undefined || !nodes.includes(kind)) {
        continue;
      }
      const expected = `\${${setting}:-${networkConfigDefault(networkConfig, setting)}}`;
      const actual = env.get(variable);
      if (actual !== expected) {
        violations.push(`${name}: ${variable} must be ${expected} (${setting} in network/network.config), found ${actual ?? 'nothing'}`);
      }
    }
  }
  return violations;
}
