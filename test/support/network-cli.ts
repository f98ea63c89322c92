import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Runs `network/network.sh <command>` with its output on the console. */
export function networkCommand(command: 'up' | 'down' | 'status'): void {
  execFileSync('bash', [join(REPO_ROOT, 'network', 'network.sh'), command], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** True when a native network started earlier (e.g. by hand) is still running. */
export function networkIsRunning(): boolean {
  const pidFile = join(process.env.NETWORK_STATE_DIR ?? join(REPO_ROOT, '.network'), 'pids', 'peer0-providers.pid');
  if (!existsSync(pidFile)) {
    return false;
  }
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}
