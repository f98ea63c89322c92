// The content key decides whether build output may be reused (freshness.cjs): it must change with
// every input that can change the output, and only with those.
'use strict';
const { afterEach, beforeEach, describe, expect, it } = require('@jest/globals');
const { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { STAMP_NAME, fileReader, freshness, listInputs, stepKey } = require('./freshness.cjs');

const BASE = {
  recipe: 'tsc -p tsconfig.build.json',
  files: ['src/a.ts', 'src/b.ts'],
  missing: ['public'],
  upstreamKeys: ['k1'],
  contents: { 'src/a.ts': 'export const a = 1;', 'src/b.ts': 'export const b = 2;' },
};

function keyOf({ contents, ...parts }) {
  return stepKey(parts, (path) => Buffer.from(contents[path], 'utf8'));
}

describe('stepKey', () => {
  it('when nothing changed, then the key is the same', () => {
    expect(keyOf(structuredClone(BASE))).toBe(keyOf(BASE));
    expect(keyOf(BASE)).toMatch(/^[0-9a-f]{64}$/);
  });

  const changes = {
    'a file’s content changes': (inputs) => ({ ...inputs, contents: { ...inputs.contents, 'src/b.ts': 'export const b = 3;' } }),
    'a file is renamed': (inputs) => ({ ...inputs, files: ['src/a.ts', 'src/c.ts'], contents: { 'src/a.ts': inputs.contents['src/a.ts'], 'src/c.ts': inputs.contents['src/b.ts'] } }),
    'a file is added': (inputs) => ({ ...inputs, files: [...inputs.files, 'src/c.ts'], contents: { ...inputs.contents, 'src/c.ts': '' } }),
    'a file is removed': (inputs) => ({ ...inputs, files: ['src/a.ts'] }),
    'a missing input path appears': (inputs) => ({ ...inputs, missing: [] }),
    'the recipe changes': (inputs) => ({ ...inputs, recipe: 'tsc -p tsconfig.json' }),
    'an upstream step’s key changes': (inputs) => ({ ...inputs, upstreamKeys: ['k2'] }),
    'a byte moves from a file’s content into its name': (inputs) => ({
      ...inputs,
      files: ['src/a.ts', 'src/b.tse'],
      contents: { 'src/a.ts': inputs.contents['src/a.ts'], 'src/b.tse': 'xport const b = 2;' },
    }),
  };
  it.each(Object.entries(changes))('when %s, then the key changes', (_what, change) => {
    expect(keyOf(change(BASE))).not.toBe(keyOf(BASE));
  });
});

describe('freshness', () => {
  const current = 'abc';
  it.each([
    ['no key was stored', { storedKey: undefined, currentKey: current, outputsPresent: [true] }, 'not built yet'],
    ['the stored key differs', { storedKey: 'abd\n', currentKey: current, outputsPresent: [true] }, 'sources changed'],
    ['an output is missing', { storedKey: `${current}\n`, currentKey: current, outputsPresent: [true, false] }, 'output missing'],
  ])('when %s, then the step runs and says why', (_when, state, reason) => {
    expect(freshness(state)).toEqual({ fresh: false, reason });
  });

  it('when the stored key (with its newline) matches and every output exists, then the step is skipped', () => {
    expect(freshness({ storedKey: `${current}\n`, currentKey: current, outputsPresent: [true, true] })).toEqual({ fresh: true });
  });
});

describe('listInputs and the key of a real folder', () => {
  let root;
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const keyOfFolder = () => {
    const { files, missing } = listInputs(root, ['pkg/src', 'pkg/tsconfig.json', 'pkg/public']);
    return stepKey({ recipe: 'r', files, missing }, fileReader(root));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'medledger-freshness-'));
    write('pkg/src/index.ts', 'export * from "./lib/x";');
    write('pkg/src/lib/x.ts', 'export const x = 1;');
    write('pkg/tsconfig.json', '{}');
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('lists nested files sorted by root-relative path, and input paths that do not exist', () => {
    expect(listInputs(root, ['pkg/tsconfig.json', 'pkg/src', 'pkg/public'])).toEqual({
      files: ['pkg/src/index.ts', 'pkg/src/lib/x.ts', 'pkg/tsconfig.json'],
      missing: ['pkg/public'],
    });
  });

  it('skips dependencies, build output and stored keys, which are not sources', () => {
    const before = keyOfFolder();
    write('pkg/src/node_modules/dep/index.js', 'x');
    write('pkg/src/dist/index.js', 'x');
    write(`pkg/src/generated/${STAMP_NAME}`, 'abc');
    expect(listInputs(root, ['pkg/src']).files).toEqual(['pkg/src/index.ts', 'pkg/src/lib/x.ts']);
    expect(keyOfFolder()).toBe(before);
  });

  it('when a file is only touched (new time, same bytes), then the key stays', () => {
    const before = keyOfFolder();
    utimesSync(join(root, 'pkg/src/lib/x.ts'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(keyOfFolder()).toBe(before);
  });

  it.each([
    ['a nested source is edited', () => write('pkg/src/lib/x.ts', 'export const x = 2;')],
    ['a source is added', () => write('pkg/src/lib/y.ts', '')],
    ['a source is deleted', () => rmSync(join(root, 'pkg/src/lib/x.ts'))],
    ['a missing input path is created', () => write('pkg/public/favicon.svg', '<svg/>')],
    ['a config file is edited', () => write('pkg/tsconfig.json', '{"compilerOptions":{}}')],
  ])('when %s, then the key changes', (_when, change) => {
    const before = keyOfFolder();
    change();
    expect(keyOfFolder()).not.toBe(before);
  });
});
