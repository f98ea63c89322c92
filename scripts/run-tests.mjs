#!/usr/bin/env node
// Runs every check in order: the build of the gateway and the web portal, lint, typecheck, unit
// tests, the portal in a real browser, API conformance (schemathesis against the embedded
// gateway), then the integration suite against a real Fabric network. Ends with the plain
// line "N passed, N failed", computed from jest's JSON reports and schemathesis' summary (one test
// per API operation and run), because CI reads that line and not the tools' own summaries.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'reports');
// network.sh exits with this code when the Go module proxy refuses the pinned Fabric release.
const EXIT_PROXY_REFUSED = 3;

function exec(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function jestProject(project, extraArgs = [], env = {}) {
  const outputFile = join(reports, `${project}.json`);
  const status = exec('npx', ['jest', '--selectProjects', project, '--json', `--outputFile=${outputFile}`, ...extraArgs], env);
  return { status, report: outputFile };
}

// The network scripts and the Go tool builder are bash; shellcheck is a Debian package that .ci/run installs.
function shellcheck() {
  const probe = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' });
  if (probe.error) {
    if (process.env.CI === 'true') {
      console.error('[tests] shellcheck is missing (.ci/run installs it from Debian packages)');
      return 1;
    }
    console.log('[tests] shellcheck not installed here; skipping the shell lint (CI runs it)');
    return 0;
  }
  const scripts = ['network/network.sh', 'network/scripts', 'network/setup', 'network/builders/ccaas/bin', 'scripts/dev-login.sh', 'scripts/go-tools']
    .flatMap((path) => listShellScripts(join(root, path)));
  return exec('shellcheck', ['-x', ...scripts]);
}

// Shell scripts are the .sh files, plus the extensionless external-builder programs.
function listShellScripts(path) {
  if (!statSync(path).isDirectory()) return isShellScript(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => listShellScripts(join(path, name)));
}

function isShellScript(path) {
  const name = path.split('/').pop() ?? '';
  return name.endsWith('.sh') || !name.includes('.');
}

function countResults(reportFiles) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of reportFiles) {
    if (!existsSync(file)) {
      totals.failed += 1; // the runner died before writing its report: count it, never hide it
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
  return totals;
}

/**
 * scripts/schemathesis.mjs: one test per API operation and run (patient, pharmacy). Without
 * schemathesis installed it reports itself not run and counts nothing (CI=true: one failure).
 */
function conformanceStage() {
  const summaryFile = join(reports, 'schemathesis', 'summary.json');
  const status = exec('node', ['scripts/schemathesis.mjs']);
  if (!existsSync(summaryFile)) {
    return { ok: false, totals: { passed: 0, failed: 1, skipped: 0 }, ran: true }; // died before its summary: count it
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  return { ok: status === 0, totals: { passed: summary.passed, failed: summary.failed, skipped: summary.skipped }, ran: summary.ran, reason: summary.reason };
}

function integrationStage() {
  const install = exec('bash', ['network/network.sh', 'install']);
  if (install === EXIT_PROXY_REFUSED && process.env.MEDLEDGER_REQUIRE_NETWORK !== '1') {
    console.log('\n[tests] integration suite NOT RUN: the Go module proxy refuses the pinned Fabric release, so no');
    console.log('[tests] native network can be built here (issue 2 is blocked on this). Its tests are not counted.');
    return { ok: true, reports: [], blocked: true };
  }
  if (install !== 0) {
    console.error('[tests] installing the Fabric binaries failed; the integration suite cannot run');
    return { ok: false, reports: [], blocked: false };
  }
  const { status, report } = jestProject('integration', ['--runInBand']);
  return { ok: status === 0, reports: [report], blocked: false };
}

/** The static checks, then the Fabric CA every unit run needs: the name of each stage that failed. */
function checkStages() {
  const failures = [];
  // First: the portal's API types are generated from the built gateway, and lint reads them.
  if (exec('node', ['scripts/build-web.mjs']) !== 0) failures.push('build (gateway and web portal)');
  if (exec('npx', ['eslint', '.']) !== 0) failures.push('lint');
  if (shellcheck() !== 0) failures.push('shellcheck');
  for (const project of ['tsconfig.json', 'web/e2e/tsconfig.json']) {
    if (exec('npx', ['tsc', '-p', project]) !== 0) failures.push(`typecheck (${project})`);
  }
  // Some unit tests enroll against a real fabric-ca-server, which builds from the module proxy.
  if (exec('bash', ['network/network.sh', 'install', 'ca']) !== 0) failures.push('fabric-ca install');
  return failures;
}

/**
 * Whether the PostgreSQL store suites could run: the lookup of gateway/src/test-support/postgres-cluster.ts
 * (Debian's /usr/lib/postgresql/<version>/bin, else the PATH). Without it they are skipped, and under
 * CI=true they fail instead (.ci/run installs the package).
 */
function postgresInstalled() {
  const debian = '/usr/lib/postgresql';
  const dirs = [...(existsSync(debian) ? readdirSync(debian).map((version) => join(debian, version, 'bin')) : []), ...(process.env.PATH ?? '').split(':')];
  return dirs.some((dir) => dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** What the summary says besides the counts: the failed stages, a conformance suite that did not run, a blocked integration suite, missing PostgreSQL. */
function reportStages(failures, conformance, integration) {
  if (failures.length > 0) {
    console.log(`\n[tests] failed stages: ${failures.join(', ')}`);
  }
  if (!conformance.ran) {
    console.log(`[tests] ${conformance.reason}`);
  }
  if (integration.blocked) {
    console.log('[tests] integration suite: not run (blocked), 0 of its tests counted');
  }
  if (!postgresInstalled()) {
    console.log('[tests] PostgreSQL store suites: NOT RUN (no PostgreSQL here; apt-get install postgresql), their tests are counted as skipped');
  }
}

function main() {
  const startedAt = Date.now();
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const failures = checkStages();
  const unit = jestProject('unit');
  if (unit.status !== 0) failures.push('unit tests');
  // The portal in Debian's Chromium, on the build above (screenshots: reports/screenshots).
  const browser = jestProject('browser', ['--runInBand'], { MEDLEDGER_WEB_PREBUILT: '1' });
  if (browser.status !== 0) failures.push('browser tests');
  const conformance = conformanceStage();
  if (!conformance.ok) failures.push('API conformance (schemathesis)');
  const integration = integrationStage();
  if (!integration.ok) failures.push('integration tests');

  const totals = countResults([unit.report, browser.report, ...integration.reports]);
  for (const key of ['passed', 'failed', 'skipped']) totals[key] += conformance.totals[key];
  reportStages(failures, conformance, integration);
  console.log(`[tests] finished in ${Math.round((Date.now() - startedAt) / 1000)}s`);
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
}

main();
