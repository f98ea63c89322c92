import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.fabric/**', '.network/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Chaincode must be deterministic: no wall clock, no randomness, no I/O.
    files: ['chaincode/src/**/*.ts'],
    ignores: ['chaincode/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the transaction timestamp.' },
        { object: 'Math', property: 'random', message: 'Chaincode must be deterministic.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'worker_threads'].flatMap(
              (name) => [name, `node:${name}`].map((path) => ({ name: path, message: 'Chaincode does no I/O.' })),
            ),
            // Hashing is deterministic and allowed; randomness and key generation are not.
            ...['crypto', 'node:crypto'].map((name) => ({
              name,
              importNames: ['randomBytes', 'randomUUID', 'randomInt', 'randomFill', 'randomFillSync', 'getRandomValues', 'generateKeyPair', 'generateKeyPairSync', 'webcrypto'],
              message: 'Chaincode must be deterministic: no randomness.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/support/**/*.ts', 'network/**/*.ts', 'network/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
