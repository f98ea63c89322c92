import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Runs `network/network.sh <command>` with its output on the console. */
export function networkCommand(command: 'up' | 'down' | 'status'): void {
  execFileSync('bash', [join(REPO_ROOT, 'network', 'network.sh'), command], { cwd: REPO_ROOT, stdio: 'inherit' });
}
