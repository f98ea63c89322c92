import '../../src/platform/logging/quiet-contract-logs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/platform/logging/logger';
import { openGateway, closeGateway } from '../../src/wiring/open-gateway';
import pino from 'pino';
import { createBenchPrincipal, type BenchPrincipal } from './bench-principal';
import { runClosedLoop, type Call } from './closed-loop';
import { ownCpuMs, processCpuMs } from './cpu-time';
import { cpuUsedBetween, networkCpuMs } from './network-cpu';
import { directFabricClient, type CommitObservations } from './direct-fabric-client';
import { startGateway, type GatewayProcess } from './gateway-process';
import { batchTimeoutMs, fabricBinariesPresent, fabricVariables, networkCommand, networkIsRunning, networkLogSizes, STATE_DIR } from './network';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { printProfile } from './profile-summary';
import { restClient } from './rest-client';
import { checkTargets, compare, formatPercent, percentile, summarise, type Kind, type Point, type RoundResult, type Summary } from './statistics';
import { EVALUATE, SUBMIT, type BenchClient } from './workload';

const MASTER_KEY = Buffer.alloc(32, 13);
/** Warm-up per client and kind before the measured rounds: JIT, connections, the gateway's caches. */
const WARM_UP_SECONDS = 3;
const write = (text: string) => process.stdout.write(text);

/**
 * The ledger benchmark (issue 13): the REST gateway against @hyperledger/fabric-gateway called
 * directly, on the native network when FABRIC_HOME has the binaries (the embedded ledger
 * otherwise, and it says so), in one run of interleaved rounds; or, with --soak, a long mixed load
 * and the log volume it wrote. A script, not a test: the numbers depend on the machine.
 */
async function main(): Promise<void> {
  const options = optionsOrExit();
  const onFabric = options.ledger === 'fabric' || (options.ledger === 'auto' && fabricBinariesPresent());
  const startedNetwork = onFabric && !networkIsRunning();
  if (startedNetwork) {
    process.stderr.write('[bench] starting the native network (network/network.sh up)\n');
    networkCommand('up');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'medledger-ledger-bench-'));
  const opened: { gateway?: GatewayProcess; clients: BenchClient[] } = { clients: [] };
  try {
    await run(options, onFabric, dataDir, opened);
  } finally {
    await Promise.all(opened.clients.map((client) => client.close()));
    await opened.gateway?.stop();
    const profile = options.profileDir === undefined ? undefined : newestProfile(options.profileDir);
    if (profile !== undefined) printProfile(profile, write);
    rmSync(dataDir, { recursive: true, force: true });
    if (startedNetwork && !options.keepNetwork) {
      process.stderr.write('[bench] bringing the network down\n');
      networkCommand('down');
    }
  }
}

function optionsOrExit(): BenchOptions {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return process.exit(0);
  }
  try {
    return parseOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return process.exit(2);
  }
}

/** Everything between the network and its teardown; what it opens goes into `opened`, for main to close. */
async function run(options: BenchOptions, onFabric: boolean, dataDir: string, opened: { gateway?: GatewayProcess; clients: BenchClient[] }): Promise<void> {
  const environment: Record<string, string> = {
    MEDLEDGER_MASTER_KEY: MASTER_KEY.toString('base64'),
    MEDLEDGER_DATA_DIR: dataDir,
    // the gateway's production default; the soak measures what it writes
    MEDLEDGER_LOG_LEVEL: 'info',
    // one client address sends everything: the operator's limit is raised for the benchmark (config.ts), not bypassed
    MEDLEDGER_RATE_LIMIT_PER_MINUTE: '100000',
    // and so is the per-principal limit: the benchmark is one patient calling at full speed
    MEDLEDGER_PRINCIPAL_RATE_LIMIT_PER_MINUTE: '100000',
    MEDLEDGER_DEV_IDP: 'off',
    ...requestLogSettings(),
    ...(onFabric ? fabricVariables() : {}),
  };
  const config = loadConfig(environment);
  process.stderr.write('[bench] creating the benchmark patient (enrollment and Stakeholder:register)\n');
  const bench = await createBenchPrincipal(config, MASTER_KEY);
  const profileDir = options.profileDir === undefined ? undefined : prepareProfileDir(options.profileDir);
  const gateway = await startGateway(join(__dirname, '..', '..', 'src', 'server.js'), environment, dataDir, profileDir);
  opened.gateway = gateway;
  const rest = restClient(gateway.baseUrl, bench.token, bench.principal.stakeholderId, Math.max(...options.concurrencies));
  opened.clients.push(rest);
  write(header(onFabric, options, gateway, config.requestLog));
  if (options.soakSeconds > 0) {
    await soak(rest, options.soakSeconds, options.concurrencies[0] ?? 128, gateway, config.requestLog.slowMs);
    return;
  }
  const direct = onFabric ? directOnFabric(config, bench) : await directEmbedded(config, bench);
  opened.clients.push(direct);
  await compareClients(rest, direct, options, gateway);
}

/**
 * The operator's request log settings from this process's environment (gateway/README.md): the
 * soak measures what a gateway configured like this writes. Passed on explicitly so that they are
 * validated here and the header shows them.
 */
function requestLogSettings(): Record<string, string> {
  const names = ['MEDLEDGER_REQUEST_LOG_SAMPLE', 'MEDLEDGER_REQUEST_LOG_SLOW_MS'];
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = process.env[name];
      return value === undefined || value === '' ? [] : [[name, value] as const];
    }),
  );
}

function header(onFabric: boolean, options: BenchOptions, gateway: GatewayProcess, requestLog: Config['requestLog']): string {
  const ledger = onFabric
    ? `the native Fabric network (3 Raft orderers, 2 peers; state ${STATE_DIR}, BatchTimeout ${batchTimeoutMs()} ms)`
    : 'the EMBEDDED ledger (ledger-sim in the gateway process): no Fabric binaries in FABRIC_HOME, so these are NOT network figures';
  return [
    `ledger benchmark on ${ledger}`,
    `gateway ${gateway.baseUrl} (pid ${gateway.pid}, log level info, node ${process.version})`,
    `request log: ${requestLog.sampleRate} of successful requests, and every request answered in ${requestLog.slowMs} ms or more, refused or failed (MEDLEDGER_REQUEST_LOG_SAMPLE, MEDLEDGER_REQUEST_LOG_SLOW_MS)`,
    options.soakSeconds > 0
      ? `soak: ${options.soakSeconds} s of REST load, 1 ${SUBMIT.transaction} : 3 ${EVALUATE.transaction}, concurrency ${options.concurrencies[0] ?? 128}`
      : `submit ${SUBMIT.transaction}, evaluate ${EVALUATE.transaction}; ${options.rounds} interleaved rounds of ${options.seconds} s per client; figures are medians over rounds\nCPU ms/call: REST = the gateway process + the HTTP client, direct = the fabric-gateway client (this process)`,
    '',
  ].join('\n');
}

function directOnFabric(config: Readonly<Config>, bench: BenchPrincipal): BenchClient & { observations: CommitObservations } {
  if (config.fabric === undefined || bench.identity === undefined) {
    throw new Error('the direct Fabric client needs the Fabric configuration and the patient’s enrolled identity');
  }
  const peers = new Map(
    config.fabric.orgs.map((org) => [org.mspId, org.peers.map((peer) => ({ endpoint: peer.endpoint, tlsCaCertPem: readFileSync(peer.tlsCaCertFile, 'utf8'), ...(peer.hostOverride === undefined ? {} : { hostOverride: peer.hostOverride }) }))]),
  );
  return directFabricClient(config.fabric, peers, bench.identity, bench.principal.stakeholderId);
}

/** On the embedded ledger, "direct" is the same ledger code called in this process, without HTTP (it reads the gateway's saved ledger). */
async function directEmbedded(config: Readonly<Config>, bench: BenchPrincipal): Promise<BenchClient> {
  const services = await openGateway(config, createLogger('warn', pino.destination(2)), { role: 'cli' });
  const submitArgs = SUBMIT.args(bench.principal.stakeholderId);
  const evaluateArgs = EVALUATE.args(bench.principal.stakeholderId);
  return {
    name: 'direct',
    submit: async () => {
      await services.ledger.submit(bench.principal, SUBMIT.transaction, submitArgs);
    },
    evaluate: async () => {
      await services.ledger.evaluate(bench.principal, EVALUATE.transaction, evaluateArgs);
    },
    close: () => closeGateway(services),
  };
}

async function compareClients(rest: BenchClient, direct: BenchClient & { observations?: CommitObservations }, options: BenchOptions, gateway: GatewayProcess): Promise<void> {
  await warmUp([rest, direct], options.kinds);
  const conflictsBefore = gatewayReadConflicts(gateway);
  const commitsBefore = direct.observations?.commitMs.length ?? 0;
  const points: Point[] = [];
  write(`${'kind'.padEnd(9)}${'c'.padStart(4)}  ${'REST TPS'.padStart(9)} ${'direct'.padStart(8)} ${'ratio'.padStart(6)}  ${'REST p50/p95 ms'.padStart(16)} ${'direct p50/p95'.padStart(15)}  ${'p50 +'.padStart(7)}  ${'CPU ms/call'.padStart(11)}  failed R/d\n`);
  for (const concurrency of options.concurrencies) {
    for (const kind of options.kinds) {
      points.push(await measurePoint(rest, direct, kind, concurrency, options, gateway.pid));
    }
  }
  if (direct.observations !== undefined && options.kinds.includes('submit')) {
    printCommits(direct.observations.commitMs.slice(commitsBefore));
    write(`read conflicts (MVCC/phantom) at commit, each proposed again: direct ${direct.observations.readConflicts}, REST gateway ${gatewayReadConflicts(gateway) - conflictsBefore} (its log: "read conflict at commit")\n`);
  }
  write('\ntargets:\n');
  for (const check of checkTargets(points)) {
    write(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
  }
}

async function warmUp(clients: BenchClient[], kinds: readonly Kind[]): Promise<void> {
  for (const client of clients) {
    for (const kind of kinds) {
      await runClosedLoop(callOf(client, kind), 8, WARM_UP_SECONDS);
    }
  }
}

/** One round, with the CPU the client side used: this process, plus the gateway process for REST. */
async function measuredRound(client: BenchClient, kind: Kind, concurrency: number, seconds: number, gatewayPid: number | undefined): Promise<RoundResult> {
  client.startRound?.();
  const cpu = () => ownCpuMs() + (gatewayPid === undefined ? 0 : (processCpuMs(gatewayPid) ?? Number.NaN));
  const before = cpu();
  const networkBefore = networkCpuMs();
  const result = await runClosedLoop(callOf(client, kind), concurrency, seconds);
  const used = cpu() - before;
  const networkUsed = cpuUsedBetween(networkBefore, networkCpuMs());
  return { ...result, ...(Number.isNaN(used) ? {} : { cpuMs: used }), ...(networkUsed.size === 0 ? {} : { networkCpuMs: networkUsed }) };
}

/** Interleaved rounds of both clients at one kind and concurrency; prints its line. */
async function measurePoint(rest: BenchClient, direct: BenchClient, kind: Kind, concurrency: number, options: BenchOptions, gatewayPid: number): Promise<Point> {
  const results: Record<'rest' | 'direct', RoundResult[]> = { rest: [], direct: [] };
  for (let round = 0; round < options.rounds; round += 1) {
    // alternate who goes first, so a drift in the machine's load favours neither
    const order = round % 2 === 0 ? (['rest', 'direct'] as const) : (['direct', 'rest'] as const);
    for (const side of order) {
      results[side].push(await measuredRound(side === 'rest' ? rest : direct, kind, concurrency, options.seconds, side === 'rest' ? gatewayPid : undefined));
    }
  }
  const restSummary = summarise(results.rest);
  const directSummary = summarise(results.direct);
  const comparison = compare(restSummary, directSummary);
  const latencies = (summary: Summary) => `${summary.p50Ms.toFixed(1)}/${summary.p95Ms.toFixed(1)}`;
  const cpu = `${restSummary.cpuMsPerCall.toFixed(2)}/${directSummary.cpuMsPerCall.toFixed(2)}`;
  write(
    `${kind.padEnd(9)}${String(concurrency).padStart(4)}  ${restSummary.tps.toFixed(1).padStart(9)} ${directSummary.tps.toFixed(1).padStart(8)} ${comparison.tpsRatio.toFixed(2).padStart(6)}  ${latencies(restSummary).padStart(16)} ${latencies(directSummary).padStart(15)}  ${formatPercent(comparison.p50Overhead).padStart(7)}  ${cpu.padStart(11)}  ${restSummary.failed}/${directSummary.failed}\n`,
  );
  write(networkCpuLine(restSummary, directSummary));
  const firstError = [...results.rest, ...results.direct].find((result) => result.firstError !== undefined)?.firstError;
  if (firstError !== undefined) write(`  first failure: ${firstError}\n`);
  return { kind, concurrency, comparison, failed: restSummary.failed + directSummary.failed };
}

/** The network processes' CPU per call on each side, where either side used a measurable amount (≥ 0.05 ms). */
function networkCpuLine(rest: Summary, direct: Summary): string {
  const names = [...new Set([...rest.networkCpuMsPerCall.keys(), ...direct.networkCpuMsPerCall.keys()])].sort();
  const shown = names.filter((name) => Math.max(rest.networkCpuMsPerCall.get(name) ?? 0, direct.networkCpuMsPerCall.get(name) ?? 0) >= 0.05);
  if (shown.length === 0) {
    return '';
  }
  const figure = (summary: Summary, name: string) => (summary.networkCpuMsPerCall.get(name) ?? Number.NaN).toFixed(2);
  const total = (summary: Summary) => [...summary.networkCpuMsPerCall.values()].reduce((sum, ms) => sum + ms, 0).toFixed(2);
  return `  network CPU ms/call REST/direct: ${shown.map((name) => `${name} ${figure(rest, name)}/${figure(direct, name)}`).join(', ')}; all ${total(rest)}/${total(direct)}\n`;
}

function printCommits(commits: number[]): void {
  const batchTimeout = batchTimeoutMs();
  const p50 = percentile(commits, 50);
  write(
    `\ncommit latency (direct submits, from handing the endorsed transaction to the orderer to its VALID status; ${commits.length} commits):\n  p50 ${p50.toFixed(0)} ms, p95 ${percentile(commits, 95).toFixed(0)} ms, against BatchTimeout ${batchTimeout} ms: p50 = ${(p50 / batchTimeout).toFixed(2)}× BatchTimeout\n`,
  );
}

function callOf(client: BenchClient, kind: Kind): Call {
  return kind === 'submit' ? () => client.submit() : () => client.evaluate();
}

/** Mixed REST load for `seconds`, then the bytes the network's and the gateway's logs grew by meanwhile. */
async function soak(rest: BenchClient, seconds: number, concurrency: number, gateway: GatewayProcess, slowMs: number): Promise<void> {
  const networkBefore = networkLogSizes();
  const gatewayBefore = gateway.logBytes();
  let turn = 0;
  const mixed: Call = () => (turn++ % 4 === 0 ? rest.submit() : rest.evaluate());
  rest.startRound?.();
  const result = await runClosedLoop(mixed, concurrency, seconds);
  const networkAfter = networkLogSizes();
  const written = [...networkAfter].map(([file, size]) => [file, size - (networkBefore.get(file) ?? 0)] as const).sort((a, b) => b[1] - a[1]);
  const networkBytes = written.reduce((sum, [, bytes]) => sum + bytes, 0);
  const gatewayBytes = gateway.logBytes() - gatewayBefore;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  write(`${result.ok} calls answered (${(result.ok / seconds).toFixed(1)}/s), ${result.failed} failed${result.firstError === undefined ? '' : ` (first: ${result.firstError})`}\n`);
  const slow = result.latenciesMs.filter((ms) => ms >= slowMs).length;
  write(`p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms, p95 ${percentile(result.latenciesMs, 95).toFixed(1)} ms; ${slow} calls took ${slowMs} ms or more (logged whatever the sample)\n\nlog bytes written during the soak:\n`);
  for (const [file, bytes] of written) write(`  ${file.padEnd(36)} ${mb(bytes).padStart(12)}\n`);
  write(`  ${'network logs (.network/logs/*.log)'.padEnd(36)} ${mb(networkBytes).padStart(12)}\n`);
  write(`  ${'gateway log'.padEnd(36)} ${mb(gatewayBytes).padStart(12)}\n`);
  write(`  ${'total'.padEnd(36)} ${mb(networkBytes + gatewayBytes).padStart(12)}  (target < 20 MB per 10 minutes)\n`);
}

/** Read-conflict retries the gateway logged so far (fabric-ledger-client.ts logs each one). */
function gatewayReadConflicts(gateway: GatewayProcess): number {
  return readFileSync(gateway.logFile, 'utf8').split('\n').filter((line) => line.includes('read conflict at commit')).length;
}

function prepareProfileDir(directory: string): string {
  mkdirSync(directory, { recursive: true });
  return directory;
}

function newestProfile(directory: string): string | undefined {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(directory, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:ledger failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
