#!/usr/bin/env node
// Builds chaincode, ledger-sim and the gateway when their sources changed (scripts/build/), and
// says nothing when they did not: `npm run apikey` runs it before the CLI, whose output is its own.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSteps } from './build/run-steps.cjs';
import { GATEWAY_STEPS } from './build/steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = runSteps(GATEWAY_STEPS, { root, log: (line) => console.error(line), quietWhenFresh: true });
