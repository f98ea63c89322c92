/**
 * The real docker compose CLI (v5, built by scripts/go-tools/go-tool.sh into the machine's cache),
 * run without a Docker engine: `config` loads, interpolates and validates a compose file offline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const GO_TOOL = path.join(repoRoot, 'scripts/go-tools/go-tool.sh');

export type ComposeBinary = { found: true; path: string } | { found: false; reason: string };

/** Where go-tool.sh keeps the pinned compose; the script alone knows the version and the cache layout. */
export function composeBinary(): ComposeBinary {
  const located = spawnSync('bash', [GO_TOOL, 'path', 'compose'], { encoding: 'utf8' });
  const binary = located.stdout.trim();
  if (located.status !== 0 || binary === '') {
    return { found: false, reason: `${GO_TOOL} path compose failed: ${located.stderr.trim()}` };
  }
  return existsSync(binary) ? { found: true, path: binary } : { found: false, reason: `docker compose is not built (looked for ${binary}); build it with: bash scripts/go-tools/go-tool.sh install compose` };
}

export interface ComposeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `docker-compose -f <file> <args>` on the repository's project directory with exactly the
 * given variables: no .env file and none of the caller's environment leak in.
 */
export function runCompose(binary: string, composeFile: string, args: readonly string[], variables: Readonly<Record<string, string>>): ComposeRun {
  const scratch = mkdtempSync(path.join(tmpdir(), 'medledger-compose-'));
  try {
    const envFile = path.join(scratch, 'empty.env');
    writeFileSync(envFile, '');
    const result = spawnSync(binary, ['--project-directory', repoRoot, '--env-file', envFile, '-f', composeFile, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      // DOCKER_CONFIG in the scratch directory: the CLI reads no one's credentials and writes nothing in HOME.
      env: { PATH: process.env.PATH ?? '', HOME: scratch, DOCKER_CONFIG: scratch, ...variables },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
