#!/usr/bin/env node
// `npm start`: builds the workspaces the gateway runs on and the web portal, then starts the gateway on its embedded
// default ledger. Called through bootstrap.mjs, which installs dependencies first.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  // The contract API logs every decorator at INFO; the embedded gateway keeps warnings and up.
  const env = { CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...process.env };
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

// The workspaces, then the portal the gateway serves at / (its API types come from the built gateway).
run('node', ['scripts/build-web.mjs']);
run('node', ['gateway/dist/server.js']);
