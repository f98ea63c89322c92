import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processCpuMs } from './cpu-time';
import { STATE_DIR } from './network';

/**
 * CPU milliseconds each process of the native network (peers, orderers, CAs, chaincode servers)
 * has used so far, by the name of its PID file (.network/pids/<name>.pid). The TPS ratio says how
 * much slower REST is; this says where, on a machine where the network and both clients share
 * two cores: a call that costs the peers more under REST than directly is not the gateway's CPU.
 */
export function networkCpuMs(stateDir = STATE_DIR): Map<string, number> {
  const directory = join(stateDir, 'pids');
  if (!existsSync(directory)) {
    return new Map();
  }
  const used = new Map<string, number>();
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.pid'))) {
    const cpu = processCpuMs(Number(readFileSync(join(directory, file), 'utf8').trim()));
    if (cpu !== undefined) {
      used.set(file.slice(0, -'.pid'.length), cpu);
    }
  }
  return used;
}

/** What each process used between two readings (processes missing from either are left out). */
export function cpuUsedBetween(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...after].filter(([name]) => before.has(name)).map(([name, ms]) => [name, ms - (before.get(name) as number)]));
}
