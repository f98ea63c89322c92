import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../test-support/free-port';
import { s3ClientOf, type S3Settings } from '../s3-bucket';

// gateway/src/files/storage/test-support → the repository root.
const REPOSITORY = resolve(__dirname, '../../../../..');
const GO_TOOL = join(REPOSITORY, 'scripts/go-tools/go-tool.sh');
// A loaded 2-core CI machine starts the master, volume, filer and S3 servers slowly.
const START_TIMEOUT_MS = 90_000;

export type SeaweedFsBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where scripts/go-tools/go-tool.sh keeps the pinned `weed` (.ci/run builds it from the Go module
 * proxy). The script, not this file, knows the version and the cache layout.
 */
export function seaweedFsBinary(): SeaweedFsBinary {
  const located = spawnSync('bash', [GO_TOOL, 'path', 'seaweedfs'], { encoding: 'utf8' });
  const path = located.stdout.trim();
  if (located.status !== 0 || path === '') {
    return { found: false, reason: `${GO_TOOL} path seaweedfs failed: ${located.stderr.trim()}` };
  }
  return existsSync(path) ? { found: true, path } : { found: false, reason: `weed is not built (looked for ${path}); build it with: bash scripts/go-tools/go-tool.sh install seaweedfs` };
}

export interface SeaweedFs {
  /** Settings for s3ClientOf, as the gateway reads them from MEDLEDGER_S3_*: endpoint and credentials of this server. */
  s3: Omit<S3Settings, 'bucket'>;
  stop(): Promise<void>;
}

/**
 * Starts a real SeaweedFS (`weed server` with its S3 gateway) on free loopback ports with a fresh
 * data directory and random S3 credentials, and resolves once the S3 API answers a signed request.
 * A port found free can be taken before weed binds it; a weed that exits is started once more.
 */
export async function startSeaweedFs(binary: string): Promise<SeaweedFs> {
  try {
    return await startOnce(binary);
  } catch (error) {
    if (!(error instanceof WeedExited)) {
      throw error;
    }
    return startOnce(binary);
  }
}

class WeedExited extends Error {}

async function startOnce(binary: string): Promise<SeaweedFs> {
  const home = await mkdtemp(join(tmpdir(), 'medledger-seaweedfs-'));
  const credentials = { accessKeyId: `test-${randomBytes(8).toString('hex')}`, secretAccessKey: randomBytes(24).toString('base64url') };
  const identities = [{ name: 'medledger', credentials: [{ accessKey: credentials.accessKeyId, secretKey: credentials.secretAccessKey }], actions: ['Admin', 'Read', 'List', 'Write'] }];
  await writeFile(join(home, 's3.json'), JSON.stringify({ identities }), { mode: 0o600 });
  const [master, masterGrpc, volume, volumeGrpc, filer, filerGrpc, s3, s3Grpc] = await distinctFreePorts(8);
  const server = spawn(
    binary,
    [
      '-logtostderr',
      'server',
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      `-dir=${home}`,
      `-master.port=${master}`,
      `-master.port.grpc=${masterGrpc}`,
      // No anonymous usage reports: this machine reaches no such host.
      '-master.telemetry=false',
      '-master.volumeSizeLimitMB=64',
      `-volume.port=${volume}`,
      `-volume.port.grpc=${volumeGrpc}`,
      '-volume.preStopSeconds=0',
      '-filer',
      `-filer.port=${filer}`,
      `-filer.port.grpc=${filerGrpc}`,
      `-filer.localSocket=${join(home, 'filer.sock')}`,
      '-s3',
      `-s3.port=${s3}`,
      `-s3.port.grpc=${s3Grpc}`,
      `-s3.localSocket=${join(home, 's3.sock')}`,
      '-s3.port.iceberg=0',
      '-s3.port.lance=0',
      `-s3.config=${join(home, 's3.json')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const exited = new Promise<void>((done) => {
    server.once('exit', () => {
      done();
    });
  });

  // SIGKILL: a graceful stop takes weed about 15 s, and its data is deleted right after anyway.
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited;
    }
    await rm(home, { recursive: true, force: true });
  };

  const settings = { region: 'us-east-1', endpoint: `http://127.0.0.1:${s3}`, forcePathStyle: true, credentials };
  try {
    await untilS3Answers(settings, () => server.exitCode !== null || server.signalCode !== null);
  } catch (error) {
    await stop();
    const Failure = error instanceof WeedExited ? WeedExited : Error;
    throw new Failure(`SeaweedFS did not start: ${(error as Error).message}\n--- weed output (tail) ---\n${output.slice(-4000)}`);
  }
  return { s3: settings, stop };
}

async function untilS3Answers(settings: Omit<S3Settings, 'bucket'>, hasExited: () => boolean): Promise<void> {
  const client = s3ClientOf({ ...settings, bucket: 'unused' });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError: unknown;
  try {
    while (Date.now() < deadline) {
      if (hasExited()) {
        throw new WeedExited('weed exited');
      }
      try {
        await client.send(new ListBucketsCommand({}));
        return;
      } catch (error) {
        lastError = error;
        await new Promise((done) => setTimeout(done, 250));
      }
    }
    throw new Error(`the S3 API did not answer within ${START_TIMEOUT_MS} ms (last error: ${String(lastError)})`);
  } finally {
    client.destroy();
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    ports.add(await freePort());
  }
  return [...ports];
}
