import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// Import boundaries (CONVENTIONS.md: "Arrows point down: features use api/, ledger/, identity/,
// platform/; nothing below imports a feature; domain code imports nothing from HTTP; test support
// never reaches into another package's tests").
//
// no-restricted-imports matches the import as written. Every import here is relative or a package
// name, so a folder is recognised by its path segment: `through('features')` is any import whose
// path goes through a folder called features. Each file gets ONE list of restrictions (a later
// config object would replace an earlier one's options, not add to them): boundaries() below
// builds that list for every area from the arrows here.
// ---------------------------------------------------------------------------------------------

const through = (...folders) => `(^|/)(${folders.join('|')})/`;
const named = (...modules) => `(^|/)(${modules.join('|')})$`;
const anyOf = (...regexes) => regexes.join('|');

/** What a package's source may never import: tests or test support, its own or another package's. */
const testCode = { regex: anyOf(through('test-support', 'acceptance', 'test'), '\\.i?test$'), message: 'Source ships nothing test-only: import test support from tests only.' };
/** Another package's tests. The repository's cross-package suite (test/) is one of them. */
const otherPackagesTests = (...packages) => ({
  regex: anyOf(...packages.map((name) => (name === 'test' ? through('test') : `(^|/)${name}/(.*/)?(test-support/|[^/]*\\.test$)`))),
  message: "Test support never reaches into another package's tests: move what both need to a shared non-test place, or hand it over (environment, setup file).",
});
/**
 * Packages use each other through the package name (its index, or a subpath its package.json
 * `exports` declares, such as @medledger/chaincode/client), never a path into its folder.
 */
const intoPackage = (...packages) => ({
  regex: `(^|(?<!^@medledger)/)(${packages.join('|')})/`,
  message: 'Import another package by its name (@medledger/..., or a subpath its package.json exports), never a path into its folder.',
});
const neverPackage = (...packages) => ({ regex: anyOf(through(...packages), ...packages.map((name) => `^@medledger/${name}(/|$)`)), message: 'This package does not depend on that one.' });

/**
 * The gateway's layers, top first; each may import the ones below it (CONVENTIONS.md "The shape of
 * the repository"). The entry points and the configuration (app.ts, server.ts, config.ts, wiring/,
 * cli/) are at the top: they know every layer, so no layer imports them.
 *   features/<feature>  may use any layer below (and another feature)
 *   api/ identity/      the HTTP edge: api/ authenticates with identity/, identity/ answers with
 *                       api/'s problems and validation; they import each other, nothing above
 *   fhir/               chaincode records as FHIR R4 resources: plain mapping, no HTTP, no ledger
 *   ledger/             the ledger port and its backends; takes only the Principal type from identity
 *   files/              crypto, keys, storage
 *   platform/           the bottom: imports no other layer
 * Each entry is what the layer may NOT import.
 */
const top = [through('features', 'wiring', 'cli'), named('app', 'server', 'config')];
const gatewayLayers = {
  features: [through('wiring', 'cli'), named('app', 'server')],
  api: top,
  identity: top,
  fhir: [...top, through('api', 'identity', 'ledger', 'files', 'platform')],
  ledger: [...top, through('api'), '(^|/)identity/(?!principals/principal$)'],
  files: [...top, through('api', 'identity', 'ledger')],
  platform: [...top, through('api', 'identity', 'ledger', 'files')],
};
const layerMessage = 'Arrows point down (eslint.config.mjs: gatewayLayers): this layer may not import that one.';

// Hashing is deterministic and allowed; randomness, key generation and I/O are not.
const chaincodeDeterminism = [
  ...['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads'].flatMap((name) =>
    [name, `node:${name}`].map((path) => ({ name: path, message: 'Chaincode does no I/O.' })),
  ),
  ...['crypto', 'node:crypto'].map((name) => ({
    name,
    importNames: ['randomBytes', 'randomUUID', 'randomInt', 'randomFill', 'randomFillSync', 'getRandomValues', 'generateKeyPair', 'generateKeyPairSync', 'webcrypto'],
    message: 'Chaincode must be deterministic: no randomness.',
  })),
];

const TESTS = ['**/*.test.ts', '**/*.itest.ts', '**/test-support/**', '**/acceptance/**'];
const testsOf = (folder) => TESTS.map((glob) => `${folder}/${glob}`);

/** One config object per area: files, the paths and the patterns they may not import. */
function boundaries() {
  const areas = [
    { name: 'chaincode', files: ['chaincode/src/**/*.ts'], ignores: TESTS, paths: chaincodeDeterminism, patterns: [neverPackage('gateway', 'ledger-sim'), testCode] },
    { name: 'chaincode tests', files: testsOf('chaincode/src'), patterns: [neverPackage('gateway'), intoPackage('ledger-sim'), otherPackagesTests('test')] },
    { name: 'ledger-sim', files: ['ledger-sim/src/**/*.ts'], ignores: TESTS, patterns: [neverPackage('gateway'), intoPackage('chaincode'), testCode] },
    { name: 'ledger-sim tests', files: testsOf('ledger-sim/src'), patterns: [neverPackage('gateway'), intoPackage('chaincode'), otherPackagesTests('test')] },
    ...Object.entries(gatewayLayers).map(([layer, group]) => ({
      name: `gateway ${layer}`,
      files: [layer === 'features' ? 'gateway/src/features/**/*.ts' : `gateway/src/${layer}/**/*.ts`],
      ignores: TESTS,
      patterns: [{ regex: anyOf(...group), message: layerMessage }, intoPackage('chaincode', 'ledger-sim'), testCode],
    })),
    { name: 'gateway top', files: ['gateway/src/*.ts', 'gateway/src/wiring/**/*.ts', 'gateway/src/cli/**/*.ts'], ignores: TESTS, patterns: [intoPackage('chaincode', 'ledger-sim'), testCode] },
    { name: 'gateway tests', files: testsOf('gateway/src'), patterns: [intoPackage('chaincode', 'ledger-sim'), otherPackagesTests('test')] },
    { name: 'test', files: ['test/**/*.ts'], patterns: [otherPackagesTests('chaincode', 'ledger-sim', 'gateway')] },
    { name: 'network tests', files: ['network/test/**/*.ts'], patterns: [otherPackagesTests('chaincode', 'ledger-sim', 'gateway', 'test')] },
    // The portal talks to the gateway over HTTP only (its types come from /openapi.json).
    { name: 'web', files: ['web/src/**/*.{ts,tsx}'], patterns: [neverPackage('gateway', 'chaincode', 'ledger-sim', 'test')] },
  ];
  return areas.map(({ name, files, ignores = [], paths = [], patterns }) => ({
    name: `boundaries/${name}`,
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  }));
}

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'web/src/api/generated/**', '.fabric/**', '.network/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      // The root tsconfig.json includes every package's sources and tests, test/ and network/test.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      // Numbers read well in messages and their formatting is unambiguous; everything else
      // (objects, unknown, nullish) still has to be turned into a string on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      complexity: ['error', 10],
      'max-lines': ['error', 400],
    },
  },
  {
    // Scripts are plain JavaScript outside the TypeScript project: no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // CommonJS on purpose: scripts/build/ is loaded by jest's CommonJS runtime (its unit tests) and by the ESM scripts.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Chaincode must be deterministic: no wall clock, no randomness, no I/O (imports: boundaries()).
    files: ['chaincode/src/**/*.ts'],
    ignores: ['chaincode/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the transaction timestamp.' },
        { object: 'Math', property: 'random', message: 'Chaincode must be deterministic.' },
      ],
    },
  },
  {
    // The portal runs in the browser; hooks must follow React's rules.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...boundaries(),
  {
    files: ['scripts/**/*.mjs', 'web/scripts/**/*.mjs', 'test/support/**/*.ts', 'network/**/*.ts', 'network/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
