/**
 * The benchmark's arithmetic: percentiles of latencies, medians over rounds, REST-to-direct
 * ratios and the targets they are judged by. Pure functions, so the unit tests can break them.
 */

/** The p-th percentile (0..100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (p < 0 || p > 100 || Number.isNaN(p)) {
    throw new RangeError(`percentile ${p} is outside 0..100`);
  }
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** The median: the middle value, or the mean of the two middle values; NaN for no samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** What one client did in one round at one concurrency. */
export interface RoundResult {
  /** Calls that answered successfully. */
  ok: number;
  /** Calls that failed (any error, HTTP status ≥ 400 included). */
  failed: number;
  seconds: number;
  /** Latency of each successful call, in milliseconds. */
  latenciesMs: number[];
  /** The first failure's message, to say why calls failed. */
  firstError?: string;
  /** CPU milliseconds the client side (for REST: the gateway and the HTTP client) used during the round. */
  cpuMs?: number;
  /** CPU milliseconds each network process (peers, orderers, chaincode servers) used during the round, by name. */
  networkCpuMs?: ReadonlyMap<string, number>;
}

/** A client's figures over all rounds at one concurrency: medians of the per-round figures. */
export interface Summary {
  tps: number;
  p50Ms: number;
  p95Ms: number;
  ok: number;
  failed: number;
  rounds: number;
  /** CPU milliseconds per successful call (median over rounds); NaN when not measured. */
  cpuMsPerCall: number;
  /** Each network process's CPU milliseconds per successful call (median over rounds). */
  networkCpuMsPerCall: Map<string, number>;
}

/** Medians over rounds (interleaved with the other client's, so a load change hits both alike). */
export function summarise(rounds: readonly RoundResult[]): Summary {
  return {
    tps: median(rounds.map((round) => round.ok / round.seconds)),
    p50Ms: median(rounds.map((round) => percentile(round.latenciesMs, 50))),
    p95Ms: median(rounds.map((round) => percentile(round.latenciesMs, 95))),
    ok: rounds.reduce((sum, round) => sum + round.ok, 0),
    failed: rounds.reduce((sum, round) => sum + round.failed, 0),
    rounds: rounds.length,
    cpuMsPerCall: median(rounds.filter((round) => round.cpuMs !== undefined && round.ok > 0).map((round) => (round.cpuMs as number) / round.ok)),
    networkCpuMsPerCall: perCallByProcess(rounds),
  };
}

function perCallByProcess(rounds: readonly RoundResult[]): Map<string, number> {
  const measured = rounds.filter((round) => round.networkCpuMs !== undefined && round.ok > 0);
  const names = new Set(measured.flatMap((round) => [...(round.networkCpuMs as ReadonlyMap<string, number>).keys()]));
  return new Map(
    [...names].map((name) => [name, median(measured.filter((round) => round.networkCpuMs?.has(name)).map((round) => (round.networkCpuMs?.get(name) as number) / round.ok))] as const),
  );
}

/** REST against the direct client: TPS ratio (higher is better) and p50 overhead (0.1 = 10 % slower). */
export interface Comparison {
  tpsRatio: number;
  p50Overhead: number;
  p95Overhead: number;
}

export function compare(rest: Summary, direct: Summary): Comparison {
  return {
    tpsRatio: rest.tps / direct.tps,
    p50Overhead: rest.p50Ms / direct.p50Ms - 1,
    p95Overhead: rest.p95Ms / direct.p95Ms - 1,
  };
}

export type Kind = 'submit' | 'evaluate';

/** One measured point: a kind of call at a concurrency. */
export interface Point {
  kind: Kind;
  concurrency: number;
  comparison: Comparison;
  /** Failed calls on either side: a point with failures compares unlike work, so it never passes. */
  failed: number;
}

export interface TargetCheck {
  name: string;
  pass: boolean;
  /** What was measured, for the PASS/FAIL line. */
  detail: string;
}

/** Issue 13's targets for the REST gateway. */
export const TARGETS = {
  /** REST evaluate TPS ≥ this share of the direct client's, at every concurrency. */
  evaluateTpsRatio: 0.8,
  /** REST submit TPS ≥ this share of the direct client's at SUBMIT_TPS_CONCURRENCY. */
  submitTpsRatio: 0.9,
  submitTpsConcurrency: 128,
  /** REST submit p50 latency at most this much above the direct client's, at every concurrency. */
  submitP50Overhead: 0.1,
} as const;

/**
 * The targets judged on the points measured. A target whose points were not measured (e.g. a
 * quick run without concurrency 128) is reported as not measured, never as passed.
 */
export function checkTargets(points: readonly Point[]): TargetCheck[] {
  const evaluates = points.filter((point) => point.kind === 'evaluate');
  const submits = points.filter((point) => point.kind === 'submit');
  const atHighLoad = submits.filter((point) => point.concurrency === TARGETS.submitTpsConcurrency);
  return [
    allOf(`REST evaluate TPS ≥ ${TARGETS.evaluateTpsRatio}× direct at every concurrency`, evaluates, (point) => point.comparison.tpsRatio >= TARGETS.evaluateTpsRatio, (point) => `${point.comparison.tpsRatio.toFixed(2)}×`),
    allOf(`REST submit TPS ≥ ${TARGETS.submitTpsRatio}× direct at ${TARGETS.submitTpsConcurrency}`, atHighLoad, (point) => point.comparison.tpsRatio >= TARGETS.submitTpsRatio, (point) => `${point.comparison.tpsRatio.toFixed(2)}×`),
    allOf(`REST submit p50 overhead ≤ ${TARGETS.submitP50Overhead * 100}% at every concurrency`, submits, (point) => point.comparison.p50Overhead <= TARGETS.submitP50Overhead, (point) => formatPercent(point.comparison.p50Overhead)),
  ];
}

function allOf(name: string, points: readonly Point[], passes: (point: Point) => boolean, measured: (point: Point) => string): TargetCheck {
  if (points.length === 0) {
    return { name, pass: false, detail: 'not measured in this run' };
  }
  const detail = points.map((point) => `c=${point.concurrency} ${measured(point)}${point.failed > 0 ? ` (${point.failed} failed calls)` : ''}`).join(', ');
  // NaN (a client with no successful call) never passes: every comparison with it is false
  return { name, pass: points.every((point) => point.failed === 0 && passes(point)), detail };
}

export function formatPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}
