// Runs build steps (steps.mjs) in order, skipping each one whose stored key still matches its
// inputs (freshness.cjs). A step's stored key is removed before it runs and written only after all
// its commands succeeded, so an interrupted or failed build is never taken for a finished one.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { formatDuration } = require('../duration.cjs');
const { STAMP_NAME, fileReader, freshness, listInputs, stepKey } = require('./freshness.cjs');

/**
 * Builds what is stale among `steps` under `root`. Returns 0, or the exit status of the command
 * that failed. `log` gets one line per step that runs and its duration; when nothing had to be
 * built, one summary line, unless `quietWhenFresh`.
 */
function runSteps(steps, { root, log, quietWhenFresh = false }) {
  const startedAt = Date.now();
  const keys = new Map();
  const skipped = [];
  for (const step of steps) {
    const key = keyOf(step, root, keys);
    keys.set(step.name, key);
    const stampFile = join(root, step.outputDir, STAMP_NAME);
    const decision = freshness({
      storedKey: existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : undefined,
      currentKey: key,
      outputsPresent: step.outputs.map((file) => existsSync(join(root, file))),
    });
    if (decision.fresh) {
      skipped.push(step.name);
      continue;
    }
    rmSync(stampFile, { force: true });
    for (const [label, command, args] of step.commands) {
      const status = runCommand(root, label, decision.reason, command, args, log);
      if (status !== 0) return status;
    }
    mkdirSync(join(root, step.outputDir), { recursive: true });
    writeFileSync(stampFile, `${key}\n`);
  }
  summarise(skipped, steps.length, Date.now() - startedAt, quietWhenFresh, log);
  return 0;
}

function summarise(skipped, stepCount, took, quietWhenFresh, log) {
  if (skipped.length < stepCount) {
    const reused = skipped.length > 0 ? `; reused ${skipped.join(', ')}` : '';
    log(`[build] done in ${formatDuration(took)}${reused}`);
  } else if (!quietWhenFresh) {
    log(`[build] up to date: ${skipped.join(', ')} (sources unchanged; checked in ${formatDuration(took)})`);
  }
}

function keyOf(step, root, keys) {
  const upstreamKeys = step.upstream.map((name) => {
    const key = keys.get(name);
    if (key === undefined) throw new Error(`build step ${step.name} needs ${name}, which must come before it`);
    return key;
  });
  const { files, missing } = listInputs(root, step.inputs);
  const recipe = JSON.stringify({ inputs: step.inputs, outputs: step.outputs, commands: step.commands });
  return stepKey({ recipe, files, missing, upstreamKeys }, fileReader(root));
}

function runCommand(root, label, reason, command, args, log) {
  log(`[build] ${label}… (${reason})`);
  const startedAt = Date.now();
  // The contract API logs every decorator at INFO; keep warnings and up.
  const env = { CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...process.env };
  // The tools' own output goes to stderr, so that a command's stdout (npm run apikey) stays its own.
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2], env });
  const took = formatDuration(Date.now() - startedAt);
  if (result.status !== 0) {
    log(`[build] ${label} FAILED after ${took}${result.error ? `: ${result.error.message}` : ''}`);
    return result.status ?? 1;
  }
  log(`[build]   done in ${took}`);
  return 0;
}

module.exports = { runSteps };
