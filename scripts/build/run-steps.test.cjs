// runSteps (run-steps.cjs) on a throwaway folder with two small steps whose commands record each
// run: what runs, what is skipped, and what a failure leaves behind.
'use strict';
const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { STAMP_NAME } = require('./freshness.cjs');
const { runSteps } = require('./run-steps.cjs');

/** A command that appends the step's name to runs.log, then copies its source into its output (or fails when the source says FAIL). */
const build = (name, source, output) => [
  `building ${name}`,
  process.execPath,
  ['-e', `const fs = require('fs'); fs.appendFileSync('runs.log', '${name}\\n'); const text = fs.readFileSync('${source}', 'utf8'); if (text === 'FAIL') process.exit(3); fs.mkdirSync('${name}-out', { recursive: true }); fs.writeFileSync('${output}', text);`],
];

const STEPS = [
  { name: 'lib', inputs: ['lib/src'], upstream: [], outputDir: 'lib-out', outputs: ['lib-out/lib.txt'], commands: [build('lib', 'lib/src/lib.txt', 'lib-out/lib.txt')] },
  { name: 'app', inputs: ['app/src'], upstream: ['lib'], outputDir: 'app-out', outputs: ['app-out/app.txt'], commands: [build('app', 'app/src/app.txt', 'app-out/app.txt')] },
];

describe('runSteps', () => {
  let root;
  let lines;
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** Runs the steps; returns the exit status and the names of the steps whose commands ran. */
  const run = () => {
    rmSync(join(root, 'runs.log'), { force: true });
    const status = runSteps(STEPS, { root, log: (line) => lines.push(line) });
    const ran = existsSync(join(root, 'runs.log')) ? readFileSync(join(root, 'runs.log'), 'utf8').split('\n').filter(Boolean) : [];
    return { status, ran };
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'medledger-run-steps-'));
    lines = [];
    write('lib/src/lib.txt', 'lib v1');
    write('app/src/app.txt', 'app v1');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('when nothing was built, then every step runs in order, says why and how long it took, and stores its key', () => {
    expect(run()).toEqual({ status: 0, ran: ['lib', 'app'] });
    expect(readFileSync(join(root, 'app-out/app.txt'), 'utf8')).toBe('app v1');
    expect(lines).toContainEqual('[build] building lib… (not built yet)');
    expect(lines.filter((line) => /^\[build\] {3}done in \d+\.\d s$/.test(line))).toHaveLength(2);
    expect(readFileSync(join(root, 'lib-out', STAMP_NAME), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('when nothing changed since, then nothing runs and one line says so', () => {
    run();
    lines = [];
    expect(run()).toEqual({ status: 0, ran: [] });
    expect(lines).toEqual([expect.stringMatching(/^\[build\] up to date: lib, app \(sources unchanged; checked in \d+\.\d s\)$/)]);
  });

  it('when a step’s source changes, then that step and the steps that use its output run again', () => {
    run();
    write('lib/src/lib.txt', 'lib v2');
    expect(run()).toEqual({ status: 0, ran: ['lib', 'app'] });
    expect(lines).toContainEqual('[build] building lib… (sources changed)');
  });

  it('when only the last step’s source changes, then the steps before it are reused', () => {
    run();
    write('app/src/app.txt', 'app v2');
    expect(run()).toEqual({ status: 0, ran: ['app'] });
    expect(readFileSync(join(root, 'app-out/app.txt'), 'utf8')).toBe('app v2');
  });

  it('when an output was deleted, then its step runs again', () => {
    run();
    rmSync(join(root, 'app-out/app.txt'));
    expect(run()).toEqual({ status: 0, ran: ['app'] });
    expect(lines).toContainEqual('[build] building app… (output missing)');
  });

  it('when a command fails, then its status is returned, later steps do not run, and the failed step runs again next time', () => {
    run();
    write('lib/src/lib.txt', 'FAIL');
    expect(run()).toEqual({ status: 3, ran: ['lib'] });
    expect(lines).toContainEqual(expect.stringMatching(/^\[build\] building lib FAILED after \d+\.\d s$/));
    expect(existsSync(join(root, 'lib-out', STAMP_NAME))).toBe(false);
    expect(run()).toEqual({ status: 3, ran: ['lib'] });
    // Back to the sources of the last good build: a failed command may have half-written its
    // output, so that step runs again; the step after it was built from the same key and is reused.
    write('lib/src/lib.txt', 'lib v1');
    expect(run()).toEqual({ status: 0, ran: ['lib'] });
  });

  it('when quiet while fresh, then an up-to-date run prints nothing', () => {
    run();
    lines = [];
    expect(runSteps(STEPS, { root, log: (line) => lines.push(line), quietWhenFresh: true })).toBe(0);
    expect(lines).toEqual([]);
  });
});
