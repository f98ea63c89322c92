/**
 * gateway/Dockerfile without Docker: the real file against the real gateway (its routes, its
 * build script's outputs), and each check against a small Dockerfile that breaks one rule, to
 * prove it catches what it claims to.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { probeOperations } from '../../gateway/src/features/system/probes';
import { buildScriptOutputs } from './build-outputs';
import { parseDockerfile } from './dockerfile-model';
import {
  checkDockerignore,
  checkEntryIsBuilt,
  checkHealthcheckRoute,
  checkNodeBase,
  checkNoSecretsBakedIn,
  checkRunsUnprivileged,
  healthcheckPaths,
  type Route,
} from './gateway-image-checks';

const repoRoot = path.resolve(__dirname, '..', '..');
const read = (relative: string): string | undefined => {
  const file = path.join(repoRoot, relative);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};

/** The gateway's probes: where a health route lives (features/system/probes.ts). */
const ROUTES: readonly Route[] = probeOperations({ ledger: 'test', chaincodeVersion: () => Promise.resolve('0') });
const outputsOf = (script: string) => buildScriptOutputs(repoRoot, script);

describe('gateway/Dockerfile', () => {
  const text = read('gateway/Dockerfile');
  const dockerfile = parseDockerfile(text ?? '');

  test('exists, next to its ignore file', () => {
    expect({ dockerfile: text !== undefined, ignore: read('gateway/Dockerfile.dockerignore') !== undefined }).toEqual({ dockerfile: true, ignore: true });
  });

  test('every stage starts from the pinned node:20 bookworm-slim image', () => {
    expect(dockerfile.stages.length).toBeGreaterThan(1);
    expect(checkNodeBase(dockerfile)).toEqual([]);
  });

  test('runs as an unprivileged user', () => {
    expect(checkRunsUnprivileged(dockerfile)).toEqual([]);
  });

  test('copies no secret or local state into the image and sets no secret', () => {
    expect(checkNoSecretsBakedIn(dockerfile)).toEqual([]);
  });

  test('its build context is an allow-list', () => {
    expect(checkDockerignore(read('gateway/Dockerfile.dockerignore'))).toEqual([]);
  });

  test('checks its health with a public GET route of the gateway', () => {
    expect(checkHealthcheckRoute(dockerfile, ROUTES)).toEqual([]);
  });

  test('runs the gateway entry file that the repository build script produces', () => {
    expect(checkEntryIsBuilt(dockerfile, outputsOf)).toEqual([]);
  });
});

const GOOD = `ARG NODE_IMAGE=node:20.20.2-bookworm-slim
FROM \${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json ./
RUN npm ci && node scripts/build-gateway.mjs
FROM \${NODE_IMAGE}
WORKDIR /app
COPY --from=build /src/gateway/package.json gateway/
COPY --from=build /src/gateway/dist gateway/dist
USER node
HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz')"]
CMD ["node", "gateway/dist/server.js"]
`;
/** GOOD with one line replaced. */
const breaking = (line: string, replacement: string) => {
  if (!GOOD.includes(line)) throw new Error(`the fixture has no line ${line}`);
  return parseDockerfile(GOOD.replace(line, replacement));
};

describe('the checks, on fixtures', () => {
  test('accept the valid fixture', () => {
    const good = parseDockerfile(GOOD);
    expect([checkNodeBase(good), checkRunsUnprivileged(good), checkNoSecretsBakedIn(good), checkHealthcheckRoute(good, ROUTES), checkEntryIsBuilt(good, outputsOf)]).toEqual([[], [], [], [], []]);
  });

  test.each([
    ['an unpinned tag', 'ARG NODE_IMAGE=node:20-bookworm-slim'],
    ['latest', 'ARG NODE_IMAGE=node:latest'],
    ['another Node major', 'ARG NODE_IMAGE=node:22.11.0-bookworm-slim'],
    ['a full Debian image', 'ARG NODE_IMAGE=node:20.20.2-bookworm'],
  ])('when the base is %s, then checkNodeBase catches it', (_what, line) => {
    // both stages start from it
    const refused = expect.stringContaining('must be node:20') as unknown;
    expect(checkNodeBase(breaking('ARG NODE_IMAGE=node:20.20.2-bookworm-slim', line))).toEqual([refused, refused]);
  });

  test.each([
    ['no USER', ''],
    ['USER root', 'USER root'],
    ['USER 0:0', 'USER 0:0'],
  ])('when the image has %s, then checkRunsUnprivileged catches it', (_what, line) => {
    expect(checkRunsUnprivileged(breaking('USER node', line))).toHaveLength(1);
  });

  test.each([
    ['the whole context', 'COPY . .', 'copies the whole build context'],
    ['an .env file', 'COPY .env ./', 'secrets and local state'],
    ['a key', 'COPY tls/server.key /etc/tls/', 'secrets and local state'],
    ['the local network', 'ADD .network/crypto /crypto', 'secrets and local state'],
    ['a secret ENV', 'ENV MEDLEDGER_MASTER_KEY=abc', 'set at run time'],
    ['a secret ARG', 'ARG CA_BOOTSTRAP_PASSWORD=adminpw', 'set at run time'],
  ])('when a stage bakes in %s, then checkNoSecretsBakedIn catches it', (_what, line, expected) => {
    expect(checkNoSecretsBakedIn(breaking('COPY package.json ./', line))).toEqual([expect.stringContaining(expected)]);
  });

  test.each([
    ['no file', undefined, 'missing'],
    ['no deny-all first', '!gateway/src\n*\n', 'must start with "*"'],
    ['an .env re-included', '*\n!gateway/src\n!.env\n', '!.env'],
  ])('when the ignore file has %s, then checkDockerignore catches it', (_what, ignore, expected) => {
    expect(checkDockerignore(ignore)).toEqual([expect.stringContaining(expected)]);
  });

  test('healthcheckPaths reads URLs and quoted path literals', () => {
    expect(healthcheckPaths(`curl -f http://localhost:8080/livez`)).toEqual(['/livez']);
    expect(healthcheckPaths(`fetch('http://127.0.0.1:' + port + '/readyz')`)).toEqual(['/readyz']);
  });

  test.each([
    ['none', 'HEALTHCHECK NONE', 'no HEALTHCHECK'],
    ['a path the gateway does not serve', `HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz')"]`, '/healthz, which is not a public GET route'],
    ['no path', 'HEALTHCHECK CMD ["true"]', 'names no request path'],
  ])('when the health check is %s, then checkHealthcheckRoute catches it', (_what, line, expected) => {
    const broken = breaking(`HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz')"]`, line);
    expect(checkHealthcheckRoute(broken, ROUTES)).toEqual([expect.stringContaining(expected)]);
  });

  test.each([
    ['a file the build does not produce', 'CMD ["node", "gateway/dist/main.js"]', 'which no build script run there produces'],
    ['the source instead of the build', 'CMD ["node", "gateway/src/server.ts"]', 'CMD runs /app/gateway/src/server.ts'],
    ['a file no stage copies in', 'CMD ["node", "/opt/server.js"]', 'which no COPY --from'],
    ['npm as PID 1', 'CMD ["npm", "start"]', 'exec form ["node"'],
    ['the shell form', 'CMD node gateway/dist/server.js', 'exec form ["node"'],
  ])('when the CMD runs %s, then checkEntryIsBuilt catches it', (_what, line, expected) => {
    expect(checkEntryIsBuilt(breaking('CMD ["node", "gateway/dist/server.js"]', line), outputsOf)).toEqual([expect.stringContaining(expected)]);
  });

  test('when the build stage runs no build script, then checkEntryIsBuilt catches it', () => {
    expect(checkEntryIsBuilt(breaking('RUN npm ci && node scripts/build-gateway.mjs', 'RUN npm ci'), outputsOf)).toEqual([expect.stringContaining('which no build script run there produces')]);
  });
});
