/**
 * The gateway image (gateway/Dockerfile) checked without building it: a pinned Node base, an
 * unprivileged user, no secret in the image, a health check on a real gateway route, and a CMD
 * that runs a file the repository's build produces.
 */
import path from 'node:path';
import { SECRET_VARIABLE } from './compose-security-checks';
import { type Dockerfile, type Instruction, type Stage, copyOf, execForm, finalStage, lastOf, workdirAt } from './dockerfile-model';

/** Node 20 on Debian bookworm-slim, pinned to a patch release (optionally also by digest). */
export const PINNED_NODE_BASE = /^(?:docker\.io\/)?(?:library\/)?node:20\.\d+\.\d+-bookworm-slim(?:@sha256:[0-9a-f]{64})?$/;

/** A route as the gateway defines it (api/operation.ts). */
export interface Route {
  readonly method: string;
  readonly path: string;
  readonly access: unknown;
}

/** Every stage starts from the pinned Node image or from an earlier stage. */
export function checkNodeBase(dockerfile: Dockerfile): string[] {
  const earlier = new Set<string>();
  const violations: string[] = [];
  for (const stage of dockerfile.stages) {
    if (!earlier.has(stage.base.toLowerCase()) && !PINNED_NODE_BASE.test(stage.base)) {
      violations.push(`FROM ${stage.base}: must be node:20.<minor>.<patch>-bookworm-slim (or an earlier stage)`);
    }
    if (stage.name !== undefined) earlier.add(stage.name);
  }
  return violations;
}

/** The image's user: set, and neither root nor uid 0. */
export function checkRunsUnprivileged(dockerfile: Dockerfile): string[] {
  const user = lastOf(finalStage(dockerfile), 'USER')?.args;
  if (user === undefined) {
    return ['the final stage sets no USER, so the gateway would run as root'];
  }
  const name = user.split(':')[0]?.trim() ?? '';
  return name === 'root' || name === '0' ? [`USER ${user}: the gateway must not run as root`] : [];
}

/** Sources that hold secrets or local state: .env files, keys, the local network's crypto, the gateway's data. */
const SECRET_SOURCE = /(^|\/)\.env(\.|$)|\.(pem|key|p12|pfx|crt)$|(^|\/)(\.network|\.fabric|\.data|keystore|crypto|secrets?)(\/|$)|master\.key/i;
/** A source that copies the whole build context, and with it whatever the ignore file lets through. */
const WHOLE_CONTEXT = /^\.?\/?\*?$/;

/** What a COPY or ADD from the build context would bake in (copies from another stage are checked where they are made). */
function copiedSecrets(instruction: Instruction): string[] {
  const copy = copyOf(instruction);
  if (copy.from !== undefined) return [];
  return copy.sources.flatMap((source) => {
    if (WHOLE_CONTEXT.test(source)) return [`${instruction.keyword} ${source}: copies the whole build context; name what the build needs`];
    return SECRET_SOURCE.test(source) ? [`${instruction.keyword} ${source}: secrets and local state never go into the image`] : [];
  });
}

/** ENV or ARG that gives a secret variable a value. */
function declaredSecrets(instruction: Instruction): string[] {
  return [...instruction.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => SECRET_VARIABLE.test(name))
    .map((name) => `${instruction.keyword} ${name}: a secret is set at run time, never baked into the image`);
}

/** Nothing secret is copied from the build context or set as ENV/ARG: secrets come at run time. */
export function checkNoSecretsBakedIn(dockerfile: Dockerfile): string[] {
  return dockerfile.stages.flatMap((stage) =>
    stage.instructions.flatMap((instruction) => {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') return copiedSecrets(instruction);
      return instruction.keyword === 'ENV' || instruction.keyword === 'ARG' ? declaredSecrets(instruction) : [];
    }),
  );
}

/** The ignore file starts by excluding everything, and lets no secret or local state back in. */
export function checkDockerignore(text: string | undefined): string[] {
  if (text === undefined) {
    return ['gateway/Dockerfile.dockerignore is missing: the build context would be the whole checkout'];
  }
  const patterns = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const violations = patterns[0] === '*' ? [] : ['the ignore file must start with "*" (an allow-list), so .env and local state stay out of the context'];
  return [
    ...violations,
    ...patterns.filter((pattern) => pattern.startsWith('!') && SECRET_SOURCE.test(pattern.slice(1))).map((pattern) => `${pattern}: lets secrets or local state into the context`),
  ];
}

/** The request paths a health check command names: in URLs, or as quoted path literals. */
export function healthcheckPaths(command: string): string[] {
  const inUrls = [...command.matchAll(/https?:\/\/[^/\s'"`]+(\/[^\s'"`?]*)/g)].map((match) => match[1] ?? '');
  const literals = [...command.matchAll(/['"`](\/[A-Za-z0-9_./-]*)['"`]/g)].map((match) => match[1] ?? '');
  return [...new Set([...inUrls, ...literals])];
}

/** The image checks its health with an unauthenticated GET of a route the gateway defines. */
export function checkHealthcheckRoute(dockerfile: Dockerfile, routes: readonly Route[]): string[] {
  const healthcheck = lastOf(finalStage(dockerfile), 'HEALTHCHECK')?.args;
  if (healthcheck === undefined || /^NONE$/i.test(healthcheck)) {
    return ['the final stage has no HEALTHCHECK'];
  }
  const paths = healthcheckPaths(healthcheck);
  if (paths.length === 0) {
    return [`HEALTHCHECK names no request path: ${healthcheck}`];
  }
  return paths
    .filter((requested) => !routes.some((route) => route.method === 'get' && route.path === requested && route.access === 'public'))
    .map((requested) => `HEALTHCHECK requests ${requested}, which is not a public GET route of the gateway`);
}

/**
 * Where `entry` (absolute, in the final stage) comes from: a stage and the path in it, through the
 * COPY --from whose destination holds it most closely (`COPY --from=build /src/gateway/dist
 * gateway/dist` rather than the `gateway/` its package.json went to).
 */
function copiedFrom(final: Stage, entry: string): { stage: string; path: string } | undefined {
  const candidates = final.instructions.flatMap((instruction, index) => {
    const copy = instruction.keyword === 'COPY' ? copyOf(instruction) : undefined;
    const source = copy?.sources[0];
    if (copy?.from === undefined || source === undefined) return [];
    const destination = path.posix.resolve(workdirAt(final, index), copy.destination);
    if (!(entry === destination || entry.startsWith(`${destination}/`))) return [];
    // COPY --from of a directory copies its contents; paths in the other stage are from its root.
    return [{ destination, stage: copy.from, path: path.posix.join(path.posix.resolve('/', source), path.posix.relative(destination, entry)) }];
  });
  const closest = candidates.sort((a, b) => b.destination.length - a.destination.length)[0];
  return closest === undefined ? undefined : { stage: closest.stage, path: closest.path };
}

/** The build outputs (absolute, in `stage`) of the repository build scripts its RUN instructions call. */
function builtIn(stage: Stage, outputsOf: (script: string) => readonly string[] | undefined): string[] {
  return stage.instructions.flatMap((instruction, index) => {
    const scripts = instruction.keyword === 'RUN' ? [...instruction.args.matchAll(/scripts\/[\w./-]+\.mjs/g)].map((match) => match[0]) : [];
    return scripts.flatMap((script) => (outputsOf(script) ?? []).map((output) => path.posix.resolve(workdirAt(stage, index), output)));
  });
}

/**
 * The CMD runs `node <file>` directly, and the file is copied from a stage that ran one of the
 * repository's build scripts, which lists it among its outputs. `outputsOf` gives the outputs
 * (repository-relative) of a build script, or undefined when the path is not one.
 */
export function checkEntryIsBuilt(dockerfile: Dockerfile, outputsOf: (script: string) => readonly string[] | undefined): string[] {
  const final = finalStage(dockerfile);
  const cmdIndex = final.instructions.map((instruction) => instruction.keyword).lastIndexOf('CMD');
  const command = execForm(final.instructions[cmdIndex]?.args ?? '');
  const file = command?.[0] === 'node' ? command[1] : undefined;
  if (file === undefined || file.startsWith('-')) {
    return ['CMD must be the exec form ["node", "<entry file>", ...]: node as PID 1 receives SIGTERM and shuts the gateway down cleanly'];
  }
  const entry = path.posix.resolve(workdirAt(final, cmdIndex), file);
  const origin = copiedFrom(final, entry);
  const stage = dockerfile.stages.find((candidate) => candidate.name === origin?.stage);
  if (origin === undefined || stage === undefined) {
    return [`CMD runs ${entry}, which no COPY --from=<build stage> puts into the image`];
  }
  return builtIn(stage, outputsOf).includes(origin.path) ? [] : [`CMD runs ${entry}, copied from ${origin.path} in stage ${origin.stage}, which no build script run there produces`];
}
