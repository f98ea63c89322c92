/**
 * What one of the repository's build scripts (scripts/build-web.mjs, scripts/build-gateway.mjs)
 * produces: the outputs of the step list it hands to runSteps, read from scripts/build/steps.mjs
 * by Node itself (the lists are ES modules, which this CommonJS test code cannot import).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository-relative outputs of `script`, or undefined when it is not a build script that runs steps. */
export function buildScriptOutputs(repoRoot: string, script: string): readonly string[] | undefined {
  const file = path.join(repoRoot, script);
  if (!existsSync(file)) {
    return undefined;
  }
  const text = readFileSync(file, 'utf8');
  const list = /runSteps\(\s*([A-Za-z_$][\w$]*)/.exec(text)?.[1];
  const module = list === undefined ? undefined : new RegExp(`import\\s*\\{[^}]*\\b${list}\\b[^}]*\\}\\s*from\\s*'([^']+)'`).exec(text)?.[1];
  if (list === undefined || module === undefined) {
    return undefined;
  }
  const url = pathToFileURL(path.resolve(path.dirname(file), module)).href;
  const program = `const steps = (await import(${JSON.stringify(url)}))[${JSON.stringify(list)}]; console.log(JSON.stringify(steps.flatMap((step) => step.outputs)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`reading the outputs of ${script} failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as string[];
}
