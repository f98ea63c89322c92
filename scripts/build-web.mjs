#!/usr/bin/env node
// Builds what the gateway serves, skipping every step whose sources did not change
// (scripts/build/): chaincode, ledger-sim and the gateway (tsc), the portal's API types
// (web/scripts/api-types.mjs reads them from the built gateway), then the portal (typecheck, vite
// build into web/dist, served by the gateway at /). Used by `npm start`, `npm test` and the
// browser suite's global setup.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSteps } from './build/run-steps.cjs';
import { ALL_STEPS } from './build/steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = runSteps(ALL_STEPS, { root, log: (line) => console.log(line) });
