#!/usr/bin/env node
// API conformance: schemathesis (from PyPI) against a fresh gateway on the embedded ledger, once as
// a patient (a personal access token from the development IdP) and once as a pharmacy (an
// organisation API key), with every check and a fixed seed. It fails on any disagreement between
// the API and its own /openapi.json. Configuration: schemathesis.toml (what it configures, and why,
// is in the README's "API conformance (schemathesis)" section).
//
//   node scripts/schemathesis.mjs [--no-build] [--only patient|pharmacy] [--max-examples N] [--seed N]
//
// It writes one JUnit report per run (one test case per API operation, plus the stateful phase)
// and reports/schemathesis/summary.json: {ran, passed, failed, skipped, runs}, which
// scripts/run-tests.mjs adds to its "N passed, N failed" line. Schemathesis is looked for in
// $MEDLEDGER_SCHEMATHESIS, then in the venv .ci/run makes, then on PATH, and must be the version
// pinned in scripts/schemathesis-requirements.txt. Without it the run is reported as not run and
// counted as nothing; under CI=true that is a failure. Only Node's standard library is used.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = join(root, 'reports', 'schemathesis');
const summaryFile = join(reportDir, 'summary.json');
const requirementsFile = join(root, 'scripts', 'schemathesis-requirements.txt');
const configFile = join(root, 'schemathesis.toml');
const GATEWAY_START_TIMEOUT_MS = 60_000;

// Two runs of this size take about a minute and a half each on two cores (see the README).
const DEFAULTS = { seed: 20260914, maxExamples: 25 };

const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    only: { type: 'string' },
    'max-examples': { type: 'string', default: String(DEFAULTS.maxExamples) },
    seed: { type: 'string', default: String(DEFAULTS.seed) },
  },
});

function log(message) {
  console.log(`[schemathesis] ${message}`);
}

function pinnedVersion() {
  const pin = /^schemathesis==(\S+)$/m.exec(readFileSync(requirementsFile, 'utf8'));
  if (pin === null) {
    throw new Error(`${requirementsFile} pins no schemathesis version`);
  }
  return pin[1];
}

/** The venv .ci/run installs the pinned version into (one per version, reused by later clones). */
function defaultVenv(version) {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'medledger', `schemathesis-${version}`);
}

/** The `st` executable of the pinned version, or why there is none. */
function findSchemathesis(version) {
  const candidates = [process.env.MEDLEDGER_SCHEMATHESIS, join(defaultVenv(version), 'bin', 'st'), 'st'].filter((candidate) => candidate !== undefined && candidate !== '');
  const found = [];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.error !== undefined || probe.status !== 0) continue;
    const actual = /version (\S+)/.exec(probe.stdout)?.[1] ?? 'unknown';
    if (actual === version) return { st: candidate };
    found.push(`${candidate} is ${actual}`);
  }
  return { missing: found.length === 0 ? 'not installed' : `version ${version} is pinned, but ${found.join(', ')}` };
}

function writeSummary(summary) {
  mkdirSync(reportDir, { recursive: true });
  writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
}

function build() {
  log('building chaincode, ledger-sim and gateway');
  const result = spawnSync('npm', ['run', 'build', '--silent', '-w', 'chaincode', '-w', 'ledger-sim', '-w', 'gateway'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The environment of a fresh development gateway: what `npm start` gives a newcomer, on its own
 * port and data directory. The rate limits are lifted because the fuzzer sends thousands of requests
 * from one address in a few minutes; the limiter itself is tested in gateway/src/api/rate-limits.test.ts.
 */
function gatewayEnvironment(port, dataDir) {
  return {
    ...process.env,
    MEDLEDGER_MODE: 'development',
    MEDLEDGER_HOST: '127.0.0.1',
    MEDLEDGER_PORT: String(port),
    MEDLEDGER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    MEDLEDGER_DATA_DIR: dataDir,
    MEDLEDGER_DEV_IDP: 'on',
    MEDLEDGER_LOG_LEVEL: 'warn',
    MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000',
    MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000',
    MEDLEDGER_LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    MEDLEDGER_CREDENTIAL_RATE_LIMIT_PER_HOUR: '10000',
    CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING',
  };
}

async function startGateway(environment, baseUrl) {
  const logFile = join(reportDir, 'gateway.log');
  const output = createWriteStream(logFile);
  await once(output, 'open');
  const child = spawn('node', ['gateway/dist/server.js'], { cwd: root, env: environment, stdio: ['ignore', output, output] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the gateway exited with ${code} before it was ready; see ${logFile}`);
  });
  const deadline = Date.now() + GATEWAY_START_TIMEOUT_MS;
  const ready = (async () => {
    while (Date.now() < deadline) {
      const status = await fetch(`${baseUrl}/readyz`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the gateway was not ready within ${GATEWAY_START_TIMEOUT_MS / 1000}s; see ${logFile}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => undefined);
  log(`gateway ready at ${baseUrl} (pid ${child.pid}, log ${logFile})`);
  return child;
}

async function stopGateway(child) {
  if (child === undefined || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** What the README's curl session does: a patient signs in through the development IdP and makes a token. */
function patientToken(baseUrl) {
  const result = spawnSync('bash', ['scripts/dev-login.sh', 'alice-patient', baseUrl], { cwd: root, encoding: 'utf8' });
  const token = result.stdout.trim();
  if (result.status !== 0 || !/^mlpat_\w+$/.test(token)) throw new Error(`dev-login failed: ${result.stderr.trim()}`);
  return token;
}

/** What `npm run apikey -- create ...` does after its build, against the running gateway's database. */
function pharmacyApiKey(environment) {
  const args = ['gateway/dist/cli/api-keys.js', 'create', '--org', 'Schemathesis Pharmacy', '--role', 'pharmacy', '--scopes', 'read,write', '--days', '1'];
  const result = spawnSync('node', args, { cwd: root, env: environment, encoding: 'utf8' });
  const key = result.stdout.split('\n').find((line) => line.startsWith('mlk_'));
  if (result.status !== 0 || key === undefined) throw new Error(`the API key CLI failed: ${result.stderr.trim()}`);
  return key;
}

/** Test cases of a schemathesis JUnit report: one per API operation, plus "Stateful tests". */
function countJUnit(xml) {
  const cases = xml.match(/<testcase\b[^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  const failedCases = cases.filter((testCase) => /<(failure|error)\b/.test(testCase));
  const skipped = cases.filter((testCase) => /<skipped\b/.test(testCase) && !/<(failure|error)\b/.test(testCase)).length;
  const names = (list) => list.map((testCase) => /name="([^"]*)"/.exec(testCase)?.[1] ?? '?').map(unescapeXml);
  return { passed: cases.length - failedCases.length - skipped, failed: failedCases.length, skipped, failedNames: names(failedCases) };
}

function unescapeXml(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

async function runSchemathesis(st, run, baseUrl) {
  const junit = join(reportDir, `${run.name}.junit.xml`);
  rmSync(junit, { force: true });
  const args = [
    '--config-file',
    configFile,
    '--no-color',
    'run',
    `${baseUrl}/openapi.json`,
    '--checks',
    'all',
    '--header',
    run.header,
    '--seed',
    options.seed,
    '--max-examples',
    options['max-examples'],
    '--report',
    'junit,ndjson',
    '--report-junit-path',
    junit,
    '--report-ndjson-path',
    join(reportDir, `${run.name}.ndjson`),
  ];
  log(`run "${run.name}": st ${args.join(' ').replace(run.header, `${run.header.split(':')[0]}: <${run.name} credential>`)}`);
  const startedAt = Date.now();
  const child = spawn(st, args, { cwd: root, stdio: 'inherit' });
  const [status] = await once(child, 'exit');
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  if (!existsSync(junit)) {
    log(`run "${run.name}": schemathesis exited with ${status} and wrote no report (${seconds}s)`);
    return { name: run.name, status, seconds, passed: 0, failed: 1, skipped: 0, failedNames: ['(no report)'] };
  }
  const counts = countJUnit(readFileSync(junit, 'utf8'));
  // A non-zero exit without a failed test case (a schema error, a crash) must still count.
  const failed = status !== 0 && counts.failed === 0 ? 1 : counts.failed;
  log(`run "${run.name}": ${counts.passed} operations passed, ${failed} failed in ${seconds}s (exit ${status}; report ${junit})`);
  return { name: run.name, status, seconds, ...counts, failed };
}

async function main() {
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  const version = pinnedVersion();
  const found = findSchemathesis(version);
  if (found.st === undefined) {
    const why = `schemathesis: not run (${found.missing}; .ci/run installs it)`;
    log(`looked in $MEDLEDGER_SCHEMATHESIS, ${defaultVenv(version)} and PATH`);
    writeSummary({ ran: false, reason: why, passed: 0, failed: process.env.CI === 'true' ? 1 : 0, skipped: 0, runs: [] });
    if (process.env.CI === 'true') {
      console.error(`[schemathesis] ${why}; CI requires it`);
      return 1;
    }
    console.log(why);
    return 0;
  }
  if (!options['no-build']) build();
  const dataDir = mkdtempSync(join(tmpdir(), 'medledger-schemathesis-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const environment = gatewayEnvironment(port, dataDir);
  let gateway;
  const runs = [];
  try {
    gateway = await startGateway(environment, baseUrl);
    const identities = [
      { name: 'patient', header: () => `Authorization: Bearer ${patientToken(baseUrl)}` },
      { name: 'pharmacy', header: () => `X-API-Key: ${pharmacyApiKey(environment)}` },
    ].filter((identity) => options.only === undefined || identity.name === options.only);
    for (const identity of identities) {
      runs.push(await runSchemathesis(found.st, { name: identity.name, header: identity.header() }, baseUrl));
    }
  } catch (error) {
    console.error(`[schemathesis] ${error instanceof Error ? error.message : String(error)}`);
    runs.push({ name: 'setup', status: 1, seconds: 0, passed: 0, failed: 1, skipped: 0, failedNames: [String(error)] });
  } finally {
    await stopGateway(gateway);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const total = (key) => runs.reduce((sum, run) => sum + run[key], 0);
  writeSummary({ ran: true, version, seed: Number(options.seed), maxExamples: Number(options['max-examples']), passed: total('passed'), failed: total('failed'), skipped: total('skipped'), runs });
  for (const run of runs.filter((item) => item.failed > 0)) {
    log(`${run.name}: failed ${run.failedNames.join('; ')}`);
  }
  log(`${total('passed')} passed, ${total('failed')} failed (schemathesis ${version}, seed ${options.seed}, ${options['max-examples']} examples per operation)`);
  return total('failed') > 0 ? 1 : 0;
}

process.exitCode = await main();
