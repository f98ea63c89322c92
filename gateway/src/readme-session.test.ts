import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app';
import { sessionCookieSettings } from './identity/sessions/session-cookie';
import { apiKeyCli } from './cli/api-keys';
import { loadConfig } from './config';
import { createLogger } from './platform/logging/logger';
import { closeGateway, openGateway } from './wiring/open-gateway';
import type { GatewayServices } from './wiring/services';
import { buildSso } from './wiring/sso';
import { containing } from './test-support/response-body';

/**
 * The README's "A worked session with curl", run exactly as written: every ```bash block of that
 * section, concatenated, under `set -euo pipefail`, against the real gateway (the embedded ledger,
 * the development IdP, an on-disk database in a temp dir) listening on a free port. Only two things
 * differ from a newcomer's terminal, both visible below: BASE points at this server, and
 * `npm run apikey -- <args>` (which builds what changed, then runs `node gateway/dist/cli/api-keys.js <args>`)
 * is answered by the same CLI function, apiKeyCli, in this process (so the test builds nothing),
 * with the same environment as the server, so it opens the same database while the server runs.
 */
const ROOT = join(__dirname, '..', '..');
const SECTION = '## A worked session with curl';
const README_BASE = 'BASE=http://localhost:3000';
const SESSION_TIMEOUT_MS = 150_000;

describe('the README worked session with curl', () => {
  let dataDir: string;
  let services: GatewayServices;
  /** What beforeAll opened, so that afterAll closes it even when beforeAll stopped halfway. */
  const opened: { servers: Server[]; services?: GatewayServices } = { servers: [] };
  let baseUrl: string;
  let bridgeUrl: string;
  let environment: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'medledger-readme-'));
    // SAML checks the ACS URL, so the app is built once the port is known.
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
      res.end();
    };
    const gatewayServer = await listening(
      createServer((req, res) => {
        handle(req, res);
      }),
      opened.servers,
    );
    const { port } = gatewayServer.address() as AddressInfo;
    baseUrl = `http://localhost:${port}`;
    // What `npm start` gives a newcomer, except the port and the data directory.
    environment = {
      MEDLEDGER_MODE: 'development',
      MEDLEDGER_HOST: '127.0.0.1',
      MEDLEDGER_PORT: String(port),
      MEDLEDGER_PUBLIC_URL: baseUrl,
      MEDLEDGER_DATA_DIR: dataDir,
      MEDLEDGER_DEV_IDP: 'on',
      MEDLEDGER_LOG_LEVEL: 'silent',
    };
    const config = loadConfig(environment);
    const logger = createLogger('silent');
    services = await openGateway(config, logger);
    opened.services = services;
    // The running server saves its ledger every 10 s; the CLI then starts from that snapshot.
    services.persist?.();
    const sso = buildSso(config, services, logger, sessionCookieSettings(config));
    handle = createApp({ config, logger, services, ...(sso === undefined ? {} : { sso }) });

    const bridgeServer = await listening(
      createServer((req, res) => void runCliFor(req, res, environment)),
      opened.servers,
    );
    bridgeUrl = `http://127.0.0.1:${(bridgeServer.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await Promise.all(opened.servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (opened.services !== undefined) await closeGateway(opened.services);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'when every bash block of the section runs as written, then it exits 0 with the 403 after revocation, the access log, the 409 QUANTITY_EXCEEDED, a policy ID, the step-up refusal and the erasure, and every output the README shows',
    async () => {
      const blocks = sessionBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
      const script = sessionScript(blocks, baseUrl, bridgeUrl, dataDir);

      const run = await runBash(script, dataDir);

      expect(run).toEqual(expect.objectContaining({ code: 0 })); // on failure jest prints the whole run: stdout and stderr
      const lines = run.stdout.split('\n');
      const at = (predicate: (line: string) => boolean) => lines.findIndex(predicate);
      const refusedRead = at((line) => line.includes('"CONSENT_REQUIRED"'));
      expect(refusedRead).toBeGreaterThan(at((line) => line === 'revoked'));
      expect(JSON.parse(lines[refusedRead] ?? '')).toMatchObject({ status: 403, code: 'CONSENT_REQUIRED' });
      const accessLog = JSON.parse(lines.find((line) => line.startsWith('{"items":')) ?? '{}') as { items?: unknown[] };
      // Newest first: the refused read (recorded as its own transaction), then the allowed one.
      expect(accessLog.items).toEqual([
        expect.objectContaining({ accessorRole: 'doctor', action: 'view', category: 'lab', outcome: 'refused', refusalCode: 'CONSENT_REQUIRED' }),
        expect.objectContaining({ accessorRole: 'doctor', action: 'view', category: 'lab', basis: 'grant', outcome: 'allowed' }),
      ]);
      const exceeded = at((line) => line.includes('"QUANTITY_EXCEEDED"'));
      expect(exceeded).toBeGreaterThan(at((line) => line === 'dispensed'));
      expect(JSON.parse(lines[exceeded] ?? '')).toMatchObject({ status: 409, code: 'QUANTITY_EXCEEDED', detail: containing('only 10 units') });
      const approved = lines.lastIndexOf('approved');
      expect(lines[approved + 1]).toMatch(/^pol-[A-Za-z0-9_-]+$/);
      // The erasure comes last: refused without step-up, complete with it, then the visit reason is gone.
      const erasure = at((line) => line === 'STEP_UP_REQUIRED');
      expect(erasure).toBeGreaterThan(approved);
      expect(lines.slice(erasure + 1, erasure + 2)).toEqual(['complete']);
      expect(lines.filter((line) => line !== '').at(-1)).toBe('ERASED');
      expect(unmetExpectations(blocks.join('\n'), lines)).toEqual([]);
    },
    SESSION_TIMEOUT_MS + 30_000,
  );

  it('when dev-login.sh is asked for an unknown demo user, then it fails with the list of demo users and prints no token', async () => {
    const run = await runBash(`scripts/dev-login.sh nobody-at-all ${baseUrl}\n`, dataDir);

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain("no demo user 'nobody-at-all'");
    expect(run.stderr).toContain('alice-patient');
  });

  it('when the gateway has no development IdP (as in production), then dev-login.sh refuses with a clear message and prints no token', async () => {
    const config = loadConfig({ ...environment, MEDLEDGER_DEV_IDP: 'off' });
    const noIdp = await listening(createServer(createApp({ config, logger: createLogger('silent'), services })));
    try {
      const run = await runBash(`scripts/dev-login.sh alice-patient http://localhost:${(noIdp.address() as AddressInfo).port}\n`, dataDir);

      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toContain('no development IdP');
      expect(run.stderr).toContain('only in development mode');
    } finally {
      await new Promise((resolve) => noIdp.close(resolve));
    }
  });
});

/** Every ```bash block of the section, in order, except one that starts the gateway. */
function sessionBlocks(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no section "${SECTION}"`);
  return fencedBlocks(lines.slice(start + 1))
    .filter((block) => block.opening === '```bash')
    .map((block) => block.text)
    .filter((text) => !/^\s*npm start\b/m.test(text));
}

/** The fenced blocks (with their opening line) up to the next `## ` heading outside a fence. */
function fencedBlocks(lines: string[]): { opening: string; text: string }[] {
  const blocks: { opening: string; text: string }[] = [];
  let open: { opening: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (open === undefined && line.startsWith('## ')) break;
    if (!line.startsWith('```')) {
      open?.lines.push(line);
    } else if (open === undefined) {
      open = { opening: line, lines: [] };
    } else {
      blocks.push({ opening: open.opening, text: open.lines.join('\n') });
      open = undefined;
    }
  }
  return blocks;
}

function sessionScript(blocks: string[], baseUrl: string, bridgeUrl: string, dataDir: string): string {
  const session = blocks.join('\n');
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  expect(session.split('\n').filter((line) => line === README_BASE)).toHaveLength(1);
  expect(session.replace(README_BASE, '')).not.toContain('localhost:3000'); // every command goes to $BASE
  // The package.json script the stand-in replaces: build, then the CLI whose main() is apiKeyCli.
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts['apikey']).toMatch(/&& node gateway\/dist\/cli\/api-keys\.js$/);
  const client = join(dataDir, 'apikey-bridge-client.cjs');
  writeFileSync(client, BRIDGE_CLIENT);
  return [
    'set -euo pipefail',
    // `npm run apikey -- <args>` → apiKeyCli(<args>) in the test process; any other npm use fails.
    'npm() {',
    '  if [[ $# -ge 2 && $1 == run && $2 == apikey ]]; then',
    '    shift 2; if [[ ${1-} == -- ]]; then shift; fi',
    `    APIKEY_BRIDGE_URL=${bridgeUrl} node ${client} "$@"`,
    '  else',
    '    echo "readme-session: the session may only run npm run apikey, not: npm $*" >&2; return 127',
    '  fi',
    '}',
    session.replace(README_BASE, `BASE=${baseUrl}`),
    '',
  ].join('\n');
}

const BRIDGE_CLIENT = `fetch(process.env.APIKEY_BRIDGE_URL, { method: 'POST', body: JSON.stringify(process.argv.slice(2)) })
  .then((response) => response.json())
  .then(({ code, stdout, stderr }) => { process.stdout.write(stdout); process.stderr.write(stderr); process.exitCode = code; })
  .catch((error) => { console.error(error); process.exitCode = 1; });
`;

/** The bridge: one CLI run per request, exactly as the CLI's main() runs it, with the server's environment. */
async function runCliFor(req: IncomingMessage, res: ServerResponse, environment: NodeJS.ProcessEnv): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const argv = JSON.parse(Buffer.concat(chunks).toString('utf8')) as string[];
  let stdout = '';
  let stderr = '';
  const code = await apiKeyCli(argv, environment, (text) => (stdout += text), (text) => (stderr += text));
  res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ code, stdout, stderr }));
}

/**
 * The outputs the README shows (`# → …`, `…` = anything), which must appear in this order, each as a
 * whole line of the session's output. Returns the ones that did not.
 */
function unmetExpectations(session: string, lines: string[]): string[] {
  const shown = Array.from(session.matchAll(/# → (.+)$/gm), (match) => (match[1] ?? '').trim());
  const unmet: string[] = [];
  let next = 0;
  for (const expected of shown) {
    const pattern = new RegExp(`^${expected.split('…').map(escapeRegExp).join('.*')}$`);
    const found = lines.findIndex((line, index) => index >= next && pattern.test(line));
    if (found < 0) unmet.push(expected);
    else next = found + 1;
  }
  return unmet;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface BashRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** bash at the repository root, with a plain environment (no MEDLEDGER_* of the test run). */
async function runBash(script: string, dataDir: string): Promise<BashRun> {
  const file = join(dataDir, `session-${Date.now()}.sh`);
  writeFileSync(file, script);
  const child = spawn('bash', [file], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dataDir, LANG: 'C.UTF-8' },
    timeout: SESSION_TIMEOUT_MS,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** Listens on a free port; the server joins `opened` to be closed after the tests. */
async function listening(server: Server, opened: Server[] = []): Promise<Server> {
  opened.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}
