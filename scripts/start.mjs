#!/usr/bin/env node
// `npm start`: builds what changed (the workspaces the gateway runs on, then the web portal;
// scripts/build/), then starts the gateway on its embedded default ledger. Called through
// bootstrap.mjs, which installs dependencies first.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSteps } from './build/run-steps.cjs';
import { ALL_STEPS } from './build/steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const built = runSteps(ALL_STEPS, { root, log: (line) => console.log(line) });
if (built !== 0) process.exit(built);
console.log('[start] starting the gateway (it prints its address when it is listening)…');
// The contract API logs every decorator at INFO; the embedded gateway keeps warnings and up.
const env = { CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...process.env };
const gateway = spawnSync('node', ['gateway/dist/server.js'], { cwd: root, stdio: 'inherit', env });
process.exit(gateway.status ?? 1);
