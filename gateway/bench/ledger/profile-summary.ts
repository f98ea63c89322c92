import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile (node --cpu-prof) the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  share: number;
}

/**
 * Self time of a CPU profile, by function and by where the code lives (a package under
 * node_modules, a folder of the gateway, node's internals), largest first, idle excluded from the
 * shares so they say where the busy time goes.
 */
export function summariseProfile(profile: CpuProfile, top = 25): { busyMs: number; idleMs: number; byFunction: ProfileLine[]; byArea: ProfileLine[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  const add = (totals: Map<string, number>, name: string, us: number) => totals.set(name, (totals.get(name) ?? 0) + us);
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)?.callFrame;
    if (frame?.functionName === '(idle)') {
      idleUs += us;
    } else if (frame !== undefined) {
      busyUs += us;
      add(byFunction, functionLabel(frame), us);
      add(byArea, areaOf(frame.url, frame.functionName), us);
    }
  }
  const lines = (totals: Map<string, number>) =>
    [...totals.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyUs === 0 ? 0 : us / busyUs }));
  return { busyMs: busyUs / 1000, idleMs: idleUs / 1000, byFunction: lines(byFunction), byArea: lines(byArea) };
}

function functionLabel(frame: { functionName: string; url: string; lineNumber: number }): string {
  return `${frame.functionName || '(anonymous)'}${frame.url === '' ? '' : ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}`}`;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const source = url.indexOf('/src/');
  return source >= 0 ? url.slice(source + 1) : url.replace(/^file:\/\//, '');
}

/** node_modules/<package>, the gateway folder (src/<folder>), node:internals, or V8's own entries ((garbage collector), (program)). */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules !== null) return modules[1] as string;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0] ?? ''}`;
  const source = /\/(?:chaincode|ledger-sim|gateway)\/(?:dist|dist-bench|src)\/(?:src\/)?([^/]+)/.exec(url);
  if (source !== null) return `medledger ${source[1] ?? ''}`;
  return url;
}

export function printProfile(file: string, write: (text: string) => void): void {
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  write(`\nCPU profile of the gateway: ${file}\n  busy ${(summary.busyMs / 1000).toFixed(1)} s, idle ${(summary.idleMs / 1000).toFixed(1)} s\n`);
  const table = (title: string, lines: ProfileLine[]) => {
    write(`  ${title} (self time, share of busy time):\n`);
    for (const line of lines) write(`    ${(line.share * 100).toFixed(1).padStart(5)}%  ${line.selfMs.toFixed(0).padStart(7)} ms  ${line.name}\n`);
  };
  table('by area', summary.byArea.slice(0, 15));
  table('by function', summary.byFunction);
}

if (require.main === module) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: node profile-summary.js <file.cpuprofile>\n');
    process.exit(2);
  }
  printProfile(file, (text) => process.stdout.write(text));
}
