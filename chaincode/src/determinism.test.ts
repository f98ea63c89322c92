import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Static guard: chaincode must give every endorsing peer the same result, so its shipped sources
 * may not read the clock, draw random numbers, or do I/O. ESLint enforces the same rules while
 * editing; this test makes CI fail even if a lint rule is disabled inline.
 */
const FORBIDDEN: { rule: string; pattern: RegExp }[] = [
  { rule: 'Date.now', pattern: /\bDate\s*\.\s*now\b/ },
  { rule: 'argument-less new Date()', pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { rule: 'Math.random', pattern: /\bMath\s*\.\s*random\b/ },
  { rule: 'crypto randomness', pattern: /\b(randomBytes|randomUUID|getRandomValues)\b/ },
  { rule: 'fs / network / process modules', pattern: /(?:from\s+|require\(\s*)['"](?:node:)?(?:fs|fs\/promises|http|https|http2|net|tls|dgram|dns|child_process|worker_threads)['"]/ },
  { rule: 'global fetch', pattern: /\bfetch\s*\(/ },
  { rule: 'setTimeout/setInterval', pattern: /\bset(?:Timeout|Interval|Immediate)\s*\(/ },
  { rule: 'environment variables', pattern: /\bprocess\s*\.\s*env\b/ },
];

function shippedSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === 'test-support' ? [] : shippedSources(path);
    }
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

export function findNondeterminism(source: string): string[] {
  const code = stripComments(source);
  return FORBIDDEN.filter(({ pattern }) => pattern.test(code)).map(({ rule }) => rule);
}

describe('chaincode determinism (static check)', () => {
  const sources = shippedSources(__dirname);

  it('when the shipped sources are listed, then the contracts and lib are among them', () => {
    expect(sources.some((path) => path.includes(join('contracts', 'platform-contract.ts')))).toBe(true);
    expect(sources.some((path) => path.endsWith('.test.ts'))).toBe(false);
  });

  it.each(sources.map((path) => [relative(__dirname, path), path]))(
    'when %s is scanned, then it uses no clock, randomness or I/O',
    (_name, path) => {
      expect(findNondeterminism(readFileSync(path, 'utf8'))).toEqual([]);
    },
  );

  it.each([
    ['Date.now', 'const t = Date.now();'],
    ['argument-less new Date()', 'const t = new Date();'],
    ['Math.random', 'const r = Math.random();'],
    ['crypto randomness', "import { randomUUID } from 'crypto'; randomUUID();"],
    ['fs / network / process modules', "import { readFileSync } from 'node:fs';"],
    ['global fetch', "await fetch('http://x');"],
    ['setTimeout/setInterval', 'setTimeout(() => 1, 5);'],
    ['environment variables', 'const v = process.env.X;'],
  ])('when code uses %s, then the check reports it', (rule, snippet) => {
    expect(findNondeterminism(snippet)).toContain(rule);
  });

  it('when a Date is built from the transaction timestamp, then the check accepts it', () => {
    expect(findNondeterminism('const at = new Date(ctx.stub.getTxTimestamp().seconds * 1000);')).toEqual([]);
  });
});
