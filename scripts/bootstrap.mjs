#!/usr/bin/env node
// Dependency-free entry point behind `npm start` and `npm test`: it makes a fresh clone work with
// nothing else. It runs `npm ci` when node_modules is missing or older than package-lock.json,
// then hands over to the real command. Only Node's standard library (and this folder's own
// dependency-free modules) may be used here.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDuration } from './duration.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.medledger-lock-hash');
const commands = {
  start: ['node', ['scripts/start.mjs']],
  test: ['node', ['scripts/run-tests.mjs']],
};

function requireNode20() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) {
    fail(`Node 20 or newer is required; this is ${process.version}.`);
  }
}

function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

function installIfStale() {
  const wanted = lockHash();
  const installed = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (installed === wanted) {
    return;
  }
  console.log('[bootstrap] installing dependencies (npm ci; it compiles native modules, which takes minutes on a slow machine)…');
  const startedAt = Date.now();
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stampFile, `${wanted}\n`);
  console.log(`[bootstrap]   done in ${formatDuration(Date.now() - startedAt)}`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) {
    fail(`could not run ${command}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

function fail(message) {
  console.error(`[bootstrap] ${message}`);
  process.exit(1);
}

const name = process.argv[2] ?? '';
const command = commands[name];
if (command === undefined) {
  fail(`usage: bootstrap.mjs ${Object.keys(commands).join('|')}`);
}
requireNode20();
installIfStale();
run(command[0], command[1]);
