#!/usr/bin/env node
// Builds what the web portal needs, in order: the gateway's workspaces (the API types are read from
// the built gateway), the portal's API types (web/scripts/api-types.mjs), a typecheck of the
// portal against them, and the portal's static assets (web/dist, served by the gateway at /).
// Used by `npm start`, `npm test` and the browser suite's global setup.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(label, command, args) {
  console.log(`[build-web] ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...process.env } });
  if (result.status !== 0) {
    console.error(`[build-web] ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const steps = process.argv.includes('--skip-gateway') ? [] : [['building chaincode, ledger-sim and gateway', 'npm', ['run', 'build', '--silent', '-w', 'chaincode', '-w', 'ledger-sim', '-w', 'gateway']]];
steps.push(
  ['generating the portal’s API types from the gateway’s OpenAPI document', 'node', ['web/scripts/api-types.mjs']],
  ['typechecking the portal', 'npx', ['tsc', '-p', 'web/tsconfig.json']],
  ['bundling the portal (vite build)', 'npx', ['vite', 'build', 'web', '--logLevel', 'warn']],
);
for (const [label, command, args] of steps) run(label, command, args);
