import { batchTimeoutMs } from './network';
import { parseOptions } from './options';
import { checkTargets, compare, median, percentile, summarise, TARGETS, type Point, type RoundResult, type Summary } from './statistics';

const round = (ok: number, seconds: number, latenciesMs: number[], failed = 0): RoundResult => ({ ok, failed, seconds, latenciesMs });
const summary = (tps: number, p50Ms: number, p95Ms = p50Ms * 2): Summary => ({ tps, p50Ms, p95Ms, ok: 1, failed: 0, rounds: 1, cpuMsPerCall: 1, networkCpuMsPerCall: new Map() });
const point = (kind: Point['kind'], concurrency: number, tpsRatio: number, p50Overhead = 0): Point => ({ kind, concurrency, comparison: { tpsRatio, p50Overhead, p95Overhead: 0 }, failed: 0 });

describe('percentile (nearest rank)', () => {
  it.each([
    [[5, 1, 4, 2, 3], 50, 3],
    [[5, 1, 4, 2, 3], 95, 5],
    [[5, 1, 4, 2, 3], 0, 1],
    [[5, 1, 4, 2, 3], 100, 5],
    [[10, 20, 30, 40], 50, 20],
    [[10, 20, 30, 40], 75, 30],
    [[7], 95, 7],
  ])('of %j at p%d is %d, whatever the order of the samples', (samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
    expect(percentile([...samples].reverse(), p)).toBe(expected);
  });

  it('of 100 samples 1..100, p95 is 95 and p50 is 50', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect([percentile(samples, 50), percentile(samples, 95)]).toEqual([50, 95]);
  });

  it('of no samples is NaN, and a p outside 0..100 is refused', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });

  it('leaves the samples in their order', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[9], 9],
  ])('of %j is %d', (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  it('of nothing is NaN', () => {
    expect(median([])).toBeNaN();
  });
});

describe('summarise', () => {
  it('takes the median over rounds of each round’s rate and percentiles, and adds up the counts', () => {
    const rounds = [round(100, 10, [1, 2, 3]), round(300, 10, [10, 20, 30], 2), round(200, 10, [4, 5, 6, 7])];
    expect(summarise(rounds)).toEqual({ tps: 20, p50Ms: 5, p95Ms: 7, ok: 600, failed: 2, rounds: 3, cpuMsPerCall: Number.NaN, networkCpuMsPerCall: new Map() });
  });

  it('gives the median CPU per call over the rounds that measured it', () => {
    const rounds = [{ ...round(100, 10, [1]), cpuMs: 100 }, { ...round(100, 10, [1]), cpuMs: 300 }, round(100, 10, [1]), { ...round(200, 10, [1]), cpuMs: 1000 }];
    expect(summarise(rounds).cpuMsPerCall).toBe(3);
  });

  it('gives each network process its median CPU per call over the rounds that measured it', () => {
    const rounds = [
      { ...round(100, 10, [1]), networkCpuMs: new Map([['peer0-providers', 200], ['orderer1', 10]]) },
      { ...round(100, 10, [1]), networkCpuMs: new Map([['peer0-providers', 400]]) },
      { ...round(200, 10, [1]), networkCpuMs: new Map([['peer0-providers', 1000]]) },
      round(100, 10, [1]),
    ];
    expect(summarise(rounds).networkCpuMsPerCall).toEqual(new Map([['peer0-providers', 4], ['orderer1', 0.1]]));
  });
});

describe('compare', () => {
  it('gives REST’s share of the direct rate and its latency overheads', () => {
    const comparison = compare(summary(80, 11, 30), summary(100, 10, 20));
    expect(comparison.tpsRatio).toBeCloseTo(0.8);
    expect(comparison.p50Overhead).toBeCloseTo(0.1);
    expect(comparison.p95Overhead).toBeCloseTo(0.5);
  });
});

describe('checkTargets', () => {
  const passing = [1, 8, 32, 128].flatMap((concurrency) => [point('evaluate', concurrency, TARGETS.evaluateTpsRatio), point('submit', concurrency, TARGETS.submitTpsRatio, TARGETS.submitP50Overhead)]);

  it('passes every target when each point is exactly at its limit', () => {
    expect(checkTargets(passing).map((check) => check.pass)).toEqual([true, true, true]);
  });

  it.each([
    ['an evaluate below 0.8× at one concurrency', 0, point('evaluate', 32, 0.79)],
    ['a submit below 0.9× at 128', 1, point('submit', 128, 0.89)],
    ['a submit p50 more than 10 % slower at one concurrency', 2, point('submit', 1, 1, 0.11)],
    ['a client that answered nothing (NaN)', 0, point('evaluate', 8, Number.NaN)],
    ['an evaluate whose ratio passes but with failed calls', 0, { ...point('evaluate', 8, 1), failed: 1 }],
    ['a submit at 1 whose figures pass but with failed calls', 2, { ...point('submit', 1, 1), failed: 3 }],
  ])('fails on %s, and only that target', (_case, failing, bad) => {
    const points = passing.map((original) => (original.kind === bad.kind && original.concurrency === bad.concurrency ? bad : original));
    expect(checkTargets(points).map((check) => check.pass)).toEqual([0, 1, 2].map((index) => index !== failing));
  });

  it('never passes a target whose points were not measured', () => {
    const checks = checkTargets(passing.filter((original) => original.concurrency !== 128 && original.kind === 'evaluate'));
    expect(checks.map((check) => [check.pass, check.detail])).toEqual([
      [true, 'c=1 0.80×, c=8 0.80×, c=32 0.80×'],
      [false, 'not measured in this run'],
      [false, 'not measured in this run'],
    ]);
  });
});

describe('batchTimeoutMs', () => {
  it.each([
    ['  BatchTimeout: 250ms', 250],
    ['    BatchTimeout: 2s', 2000],
  ])('reads "%s" from the channel configuration as %d ms', (line, expected) => {
    expect(batchTimeoutMs(`Orderer:\n  OrdererType: etcdraft\n${line}\n  BatchSize:\n`)).toBe(expected);
  });

  it('refuses a configuration without one', () => {
    expect(() => batchTimeoutMs('Orderer:\n  BatchSize:\n')).toThrow('no BatchTimeout');
  });
});

describe('parseOptions', () => {
  it('defaults to 3 rounds of 20 s at 1, 8, 32 and 128, both kinds, no soak', () => {
    expect(parseOptions([])).toEqual({ seconds: 20, rounds: 3, concurrencies: [1, 8, 32, 128], kinds: ['submit', 'evaluate'], soakSeconds: 0, ledger: 'auto', keepNetwork: false });
  });

  it('reads a quick run and a soak', () => {
    expect(parseOptions(['--seconds', '5', '--rounds', '1', '--concurrency', '8, 128', '--kinds', 'evaluate', '--soak', '600', '--profile', '/tmp/p'])).toMatchObject({
      seconds: 5,
      rounds: 1,
      concurrencies: [8, 128],
      kinds: ['evaluate'],
      soakSeconds: 600,
      profileDir: '/tmp/p',
    });
  });

  it.each([
    [['--seconds', '0'], '--seconds'],
    [['--concurrency', '8,x'], '--concurrency'],
    [['--kinds', 'write'], '--kinds'],
    [['--ledger', 'docker'], '--ledger'],
  ])('refuses %j naming the option', (argv, option) => {
    expect(() => parseOptions(argv)).toThrow(option);
  });
});
