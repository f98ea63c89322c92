import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SERVER = join(ROOT, 'gateway', 'dist', 'server.js');

/** A running gateway, exactly as `npm start` runs it (embedded ledger, development IdP), on its own port and data. */
export interface PortalGateway {
  origin: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function waitUntilReady(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}) before it was ready:\n${output()}`);
    try {
      if ((await fetch(`${origin}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the gateway was not ready within 30 s:\n${output()}`);
}

/**
 * Starts gateway/dist/server.js (built with web/dist by scripts/build-web.mjs, which the browser
 * project's global setup runs) with a fresh data directory, so each suite starts from an empty ledger.
 */
export async function startPortalGateway(environment: Record<string, string> = {}): Promise<PortalGateway> {
  if (!existsSync(SERVER) || !existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('gateway/dist or web/dist is missing: run node scripts/build-web.mjs');
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'medledger-portal-'));
  let output = '';
  const child = spawn(process.execPath, [SERVER], {
    env: { ...process.env, MEDLEDGER_PORT: String(port), MEDLEDGER_HOST: '127.0.0.1', MEDLEDGER_PUBLIC_URL: origin, MEDLEDGER_DATA_DIR: dataDir, MEDLEDGER_LOG_LEVEL: 'warn', CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000', MEDLEDGER_LOGIN_RATE_LIMIT_PER_MINUTE: '10000', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  await waitUntilReady(origin, child, () => output);
  return {
    origin,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
