import { freePort } from '../../../test-support/free-port';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// gateway/src/ledger/fabric/test-support → the repository root.
const REPOSITORY = resolve(__dirname, '../../../../..');
const START_TIMEOUT_MS = 15_000;

export interface NativeCa {
  url: string;
  caName: string;
  tlsCaCertPem: string;
  registrarId: string;
  registrarSecret: string;
  stop(): Promise<void>;
}

/** Where install-fabric.sh puts the binaries ($FABRIC_HOME/bin, by default <repo>/.fabric/bin). */
export function fabricCaServerPath(): string {
  return join(process.env.FABRIC_HOME ?? join(REPOSITORY, '.fabric'), 'bin', 'fabric-ca-server');
}

/**
 * Starts a real fabric-ca-server (TLS on, fresh home directory, random bootstrap secret, free
 * port on 127.0.0.1) and resolves once it listens. A missing binary is an error, never a skip:
 * these tests are the only check of enrollment against a real CA.
 */
export async function startNativeCa(caName = 'ca-test'): Promise<NativeCa> {
  const binary = fabricCaServerPath();
  if (!existsSync(binary)) {
    throw new Error(`fabric-ca-server is not built (looked for ${binary}). Build it with: cd ${REPOSITORY} && bash network/scripts/install-fabric.sh ca`);
  }
  const home = mkdtempSync(join(tmpdir(), 'medledger-ca-'));
  const port = await freePort();
  const registrarSecret = randomBytes(16).toString('hex');
  const server = spawn(
    binary,
    ['start', '-b', `admin:${registrarSecret}`, '--ca.name', caName, '--tls.enabled', '--csr.hosts', 'localhost,127.0.0.1', '--address', '127.0.0.1', '-p', String(port), '-H', home],
    // the operations server defaults to a fixed port (9443) another CA may hold
    { env: { ...process.env, FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS: '127.0.0.1:0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((done) => {
    server.once('exit', () => {
      done();
    });
  });
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const killer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(home, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => {
        fail(new Error(`fabric-ca-server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
      }, START_TIMEOUT_MS);
      const watch = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Listening on https://')) {
          clearTimeout(timer);
          ready();
        }
      };
      server.stdout.on('data', watch);
      server.stderr.on('data', watch);
      server.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      server.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`fabric-ca-server exited with ${String(code)} before listening:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `https://127.0.0.1:${port}`,
    caName,
    tlsCaCertPem: readFileSync(join(home, 'ca-cert.pem'), 'utf8'), // it also signed its own TLS certificate
    registrarId: 'admin',
    registrarSecret,
    stop,
  };
}

