import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { perTest } from './per-test';

/**
 * Throwaway PostgreSQL clusters for tests: initdb into a temporary directory, a server that
 * listens only on a unix socket in that directory (no port to collide with other suites or
 * helpers), one database per test, everything removed afterwards. .ci/run installs Debian's
 * `postgresql` package; outside CI a machine without it reports the suites NOT RUN (their tests
 * are skipped, never counted as passed), and under CI=true a missing PostgreSQL is a failure.
 */
export interface PostgresCluster {
  /** A new, empty database: its connection URL. */
  createDatabase(): Promise<string>;
  /** Drops a database made by createDatabase, closing whatever is still connected to it. */
  dropDatabase(url: string): Promise<void>;
}

const run = promisify(execFile);
/** The server process owns the data directory; as root, initdb refuses to run, so it runs as this user. */
const SERVER_USER = 'postgres';
const SUPERUSER = 'medledger';
const START_TIMEOUT_MS = 60_000;
const DEBIAN_BINARIES = '/usr/lib/postgresql';

/** The directory holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/<version>/bin, else the PATH's. */
export function findPostgresBinaries(): string | undefined {
  const debian = existsSync(DEBIAN_BINARIES)
    ? readdirSync(DEBIAN_BINARIES)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(DEBIAN_BINARIES, version, 'bin'))
    : [];
  const onPath = (process.env.PATH ?? '').split(':').filter((dir) => dir !== '');
  return [...debian, ...onPath].find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * describe() whose tests get a running cluster (one per file, started before its first test).
 * Without PostgreSQL outside CI, the tests are skipped and the file says so on stderr.
 */
export function describeWithPostgres(name: string, body: (cluster: PostgresCluster) => void): void {
  const binaries = findPostgresBinaries();
  if (binaries === undefined && process.env.CI !== 'true') {
    process.stderr.write(`[postgres] NOT RUN: "${name}": no PostgreSQL on this machine (apt-get install postgresql); its tests are skipped, not passed.\n`);
    describe.skip(name, () => {
      body(unavailableCluster);
    });
    return;
  }
  describe(name, () => {
    let running: RunningCluster | undefined;
    beforeAll(async () => {
      running = await startCluster(binaries);
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      await running?.stop();
    }, START_TIMEOUT_MS);
    const current = (): RunningCluster => {
      if (running === undefined) throw new Error('the PostgreSQL cluster exists only while the tests of its describe run');
      return running;
    };
    body({ createDatabase: () => current().createDatabase(), dropDatabase: (url) => current().dropDatabase(url) });
  });
}

/** A fresh database for each test of the enclosing describe, dropped after it: `database.url`. */
export function usePostgresDatabase(cluster: PostgresCluster): { readonly url: string } {
  return perTest(
    async () => ({ url: await cluster.createDatabase() }),
    ({ url }) => cluster.dropDatabase(url),
  );
}

const unavailableCluster: PostgresCluster = {
  createDatabase: () => Promise.reject(new Error('PostgreSQL is not installed')),
  dropDatabase: () => Promise.resolve(),
};

interface RunningCluster extends PostgresCluster {
  stop(): Promise<void>;
}

async function startCluster(binaries: string | undefined): Promise<RunningCluster> {
  if (binaries === undefined) {
    throw new Error(`PostgreSQL is missing: CI needs it for the store tests (.ci/run installs Debian's postgresql package; locally: apt-get install -y postgresql).`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'medledger-pg-'));
  const data = join(dir, 'data');
  const asServerUser = serverUserCommand(dir);
  const pgCtl = (...args: string[]) => run(...asServerUser(join(binaries, 'pg_ctl'), ['-D', data, ...args]));
  try {
    await run(...asServerUser(join(binaries, 'initdb'), ['-D', data, '-U', SUPERUSER, '--auth=trust', '--no-sync', '--no-locale', '-E', 'UTF8']));
    // No TCP, the socket in the private directory; durability is irrelevant for a throwaway cluster.
    const options = `-c listen_addresses= -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await pgCtl('start', '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options);
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster with ${binaries}: ${String(error)}\n${log}`);
  }
  const urlOf = (database: string) => `postgresql://${SUPERUSER}@${encodeURIComponent(dir)}/${database}`;
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    createDatabase: async () => {
      const name = `test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      return urlOf(name);
    },
    dropDatabase: async (url) => {
      const name = new URL(url).pathname.slice(1);
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    stop: async () => {
      try {
        await pgCtl('stop', '-m', 'immediate', '-w');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * How to run a server binary on `dir`: as the current user, or, when that is root (containers, CI),
 * as the `postgres` user Debian's package creates, who then owns the directory.
 */
function serverUserCommand(dir: string): (binary: string, args: string[]) => [string, string[]] {
  if (process.getuid?.() !== 0) {
    return (binary, args) => [binary, args];
  }
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, SERVER_USER], { encoding: 'utf8' }).trim()));
  chownSync(dir, uid ?? 0, gid ?? 0);
  return (binary, args) => ['runuser', ['-u', SERVER_USER, '--', binary, ...args]];
}
