// What `npm start`, `npm test` and `npm run apikey` build, in order: each step's inputs (files and
// directories, relative to the repository root), the steps whose output it uses, its output (the
// directory that holds its stored key, and the files that must exist) and its commands. A step is
// skipped when its key (freshness.cjs) matches the one stored beside its output, so every input a
// step's output depends on must be listed here; its recipe (this definition) is part of the key.

/** The dependency versions (lockfile) and the strict base every workspace extends. */
const SHARED = ['package-lock.json', 'tsconfig.json'];

function workspace(name, upstream, outputs) {
  return {
    name,
    inputs: [`${name}/src`, `${name}/package.json`, `${name}/tsconfig.build.json`, ...SHARED],
    upstream,
    outputDir: `${name}/dist`,
    outputs: outputs.map((file) => `${name}/dist/${file}`),
    commands: [[`compiling ${name} (tsc)`, 'npm', ['run', 'build', '--silent', '-w', name]]],
  };
}

/** The workspaces the gateway runs on, the gateway itself last. */
export const GATEWAY_STEPS = [
  workspace('chaincode', [], ['index.js']),
  workspace('ledger-sim', [], ['index.js']),
  workspace('gateway', ['chaincode', 'ledger-sim'], ['server.js', 'cli/api-keys.js']),
];

/** Everything the gateway serves: the workspaces, then the portal, whose API types come from the built gateway (so the order matters). */
export const ALL_STEPS = [
  ...GATEWAY_STEPS,
  {
    name: 'api-types',
    inputs: ['web/scripts/api-types.mjs', 'package-lock.json'],
    upstream: ['gateway'],
    outputDir: 'web/src/api/generated',
    outputs: ['web/src/api/generated/schema.d.ts'],
    commands: [['generating the portal’s API types from the gateway’s OpenAPI document', 'node', ['web/scripts/api-types.mjs']]],
  },
  {
    name: 'portal',
    // web/src holds the generated API types, so their content is an input: a gateway change that
    // leaves the API as it was does not rebuild the portal.
    inputs: ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/package.json', 'package-lock.json'],
    upstream: [],
    outputDir: 'web/dist',
    outputs: ['web/dist/index.html'],
    commands: [
      ['typechecking the portal (tsc -p web)', 'npx', ['tsc', '-p', 'web/tsconfig.json']],
      ['bundling the portal (vite build)', 'npx', ['vite', 'build', 'web', '--logLevel', 'warn']],
    ],
  },
];
