import { freePort } from '../../test-support/free-port';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// gateway/src/acceptance/test-support → the repository root.
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const SERVER = join(REPO_ROOT, 'gateway', 'dist', 'server.js');
/** A gateway on the network enrols its probe identity and loads the Fabric client first: seconds, more on a loaded machine. */
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** A gateway as `npm start` runs it (gateway/dist/server.js), in its own process, on its own loopback port. */
export interface GatewayProcess {
  name: string;
  baseUrl: string;
  /** The tail of its stdout and stderr, for a failure message. */
  output(): string;
  /** SIGTERM (the gateway drains and closes), SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash: nothing drains, nothing closes. */
  kill(): Promise<void>;
}

/**
 * Builds the gateway when its sources changed (scripts/build-gateway.mjs says nothing when
 * gateway/dist is fresh), so a test runs the code it tests rather than an older build.
 */
export function buildGateway(): void {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-gateway.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (built.status !== 0) {
    throw new Error(`building the gateway failed (node scripts/build-gateway.mjs):\n${built.stderr.slice(-4000)}`);
  }
}

/** Starts the built gateway with `environment` on a free port and resolves once /readyz says its ledger answers. */
export async function startGatewayProcess(name: string, environment: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVER], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...environment, MEDLEDGER_HOST: '127.0.0.1', MEDLEDGER_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  const gateway: GatewayProcess = {
    name,
    baseUrl,
    output: () => output,
    stop: async () => {
      if (!running()) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(killer);
    },
    kill: async () => {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await untilReady(gateway, running);
  } catch (error) {
    await gateway.stop();
    throw error;
  }
  return gateway;
}

async function untilReady(gateway: GatewayProcess, running: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!running()) {
      throw new Error(`gateway ${gateway.name} exited before it was ready:\n${gateway.output().slice(-4000)}`);
    }
    try {
      if ((await fetch(`${gateway.baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`gateway ${gateway.name} was not ready within ${READY_TIMEOUT_MS} ms:\n${gateway.output().slice(-4000)}`);
}

