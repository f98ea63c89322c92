// One jest run, two projects: fast unit tests next to the code, and the cross-package suite in
// test/ that needs a real Fabric network (run on its own, in band, with the network up; see
// test/README.md).
//
// The REST stories in gateway/src/features/*/ (and the foreign-cursor test in acceptance/) run in BOTH projects: embedded in `unit` (every story), and
// against the network in `integration` (MEDLEDGER_TEST_LEDGER=fabric, set by
// test/support/fabric-ledger.ts). Fabric keeps wall-clock time, so a story that moves the gateway's
// clock across a deadline cannot run there; such stories live in their own files, listed under
// `embedded only`, and are left out of the integration project by file (never skipped in place):
//   both modes:    consent-story, prescription-story, insurance-story, visits-story, foreign-cursors, fhir-client-story
//   embedded only: visits-deadlines-story (appointment completed 49 h after booking, the hospital's
//                  72-hour quote deadline: both need ledger-clock-gateway's manual ledger clock)
const storiesOnFabric = [
  ...['consent/consent', 'prescriptions/prescription', 'insurance/insurance', 'care/visits', 'care/referral'].map((story) => `<rootDir>/gateway/src/features/${story}-story.test.ts`),
  '<rootDir>/gateway/src/acceptance/foreign-cursors.test.ts',
  // A hospital system through a real FHIR client (fhir-kit-client): consents, disclosures, booking, prescribing, claiming.
  '<rootDir>/gateway/src/features/fhir/fhir-client-story.test.ts',
];
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } }];
const workspaceSources = {
  '^@medledger/chaincode$': '<rootDir>/chaincode/src/index.ts',
  '^@medledger/chaincode/client$': '<rootDir>/chaincode/src/client.ts',
  '^@medledger/ledger-sim$': '<rootDir>/ledger-sim/src/index.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper: workspaceSources,
      setupFiles: ['<rootDir>/test/support/quiet-chaincode-logs.ts'],
      testMatch: [
        '<rootDir>/chaincode/src/**/*.test.ts',
        '<rootDir>/ledger-sim/src/**/*.test.ts',
        '<rootDir>/gateway/src/**/*.test.ts',
        '<rootDir>/gateway/bench/**/*.test.ts',
        '<rootDir>/network/test/**/*.test.ts',
        '<rootDir>/scripts/**/*.test.cjs',
      ],
    },
    {
      // The web portal in a real Chromium against the gateway as `npm start` runs it (web/e2e/).
      displayName: 'browser',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/web/e2e/tsconfig.json', diagnostics: { warnOnly: false } }] },
      testMatch: ['<rootDir>/web/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/web/e2e/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/web/e2e/support/browser-timeout.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper: workspaceSources,
      // gateway/src/**/*.itest.ts: the gateway's own tests that need the network (two gateway processes on it).
      testMatch: ['<rootDir>/test/**/*.itest.ts', '<rootDir>/gateway/src/**/*.itest.ts', ...storiesOnFabric],
      setupFiles: ['<rootDir>/test/support/quiet-chaincode-logs.ts', '<rootDir>/test/support/fabric-ledger.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
  ],
};
