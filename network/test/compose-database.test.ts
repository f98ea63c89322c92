/**
 * checkGatewayDatabase against fixtures: each negative test breaks one thing in the valid fixture
 * (compose-fixtures.ts), whose gateway reaches PostgreSQL in service `db`.
 */
import { checkGatewayDatabase, parseCompose } from './compose-checks';
import { VALID, withService } from './compose-fixtures';

const GATEWAY = `image: node:20.20.2-bookworm-slim
depends_on: {db: {condition: service_healthy}}
environment:`;
const DB = `image: postgres:15.14-bookworm
environment: {POSTGRES_USER: "\${DB_USER:-medledger}", POSTGRES_PASSWORD: "\${DB_PASSWORD:?set it}", POSTGRES_DB: medledger}
volumes: ["db-data:/var/lib/postgresql/data"]
healthcheck: {test: ["CMD", "pg_isready"]}`;
const URL_OK = 'MEDLEDGER_DATABASE_URL: "postgres://${DB_USER:-medledger}:${DB_PASSWORD:?set it}@db:5432/medledger"';

describe('checkGatewayDatabase', () => {
  test('accepts the valid fixture', () => {
    expect(checkGatewayDatabase(parseCompose(VALID))).toEqual([]);
  });

  test('when the gateway has no MEDLEDGER_DATABASE_URL, then it is caught', () => {
    expect(checkGatewayDatabase(withService('gateway', 'image: node:20.20.2-bookworm-slim'))).toEqual(['gateway: MEDLEDGER_DATABASE_URL is not set']);
  });

  test.each([
    ['another scheme', 'mysql://medledger:x@db:3306/medledger', 'must be a postgres:// URL'],
    ['a host that is no service', 'postgres://medledger:${DB_PASSWORD:?set it}@elsewhere:5432/medledger', 'names host elsewhere, which is not a service'],
    ['another port', 'postgres://${DB_USER:-medledger}:${DB_PASSWORD:?set it}@db:6432/medledger', 'must use port 5432'],
    ['another user', 'postgres://admin:${DB_PASSWORD:?set it}@db:5432/medledger', 'the user in MEDLEDGER_DATABASE_URL (admin)'],
    ['another password variable', 'postgres://${DB_USER:-medledger}:${OTHER_PASSWORD:?set it}@db:5432/medledger', 'the password in MEDLEDGER_DATABASE_URL (<OTHER_PASSWORD>)'],
    ['another database', 'postgres://${DB_USER:-medledger}:${DB_PASSWORD:?set it}@db:5432/postgres', 'the database in MEDLEDGER_DATABASE_URL (postgres)'],
  ])('when the URL has %s, then it is caught', (_what, url, expected) => {
    const compose = withService('gateway', `${GATEWAY}\n  MEDLEDGER_DATABASE_URL: "${url}"`);
    expect(checkGatewayDatabase(compose)).toEqual([expect.stringContaining(expected)]);
  });

  test.each([
    ['only started', 'depends_on: {db: {condition: service_started}}'],
    ['listed without a condition', 'depends_on: [db]'],
    ['not a dependency', 'depends_on: {}'],
  ])('when the database is %s, then the gateway not waiting for a healthy database is caught', (_what, dependsOn) => {
    const compose = withService('gateway', `image: node:20.20.2-bookworm-slim\n${dependsOn}\nenvironment:\n  ${URL_OK}`);
    expect(checkGatewayDatabase(compose)).toEqual(['gateway: must depend on db with condition service_healthy']);
  });

  test.each([
    ['another image', DB.replace('postgres:15.14-bookworm', 'bitnami/postgresql:15'), 'must run the official postgres image'],
    ['an unpinned image', DB.replace('postgres:15.14-bookworm', 'postgres:latest'), 'must be pinned to a minor version'],
    ['no healthcheck', DB.replace(/\nhealthcheck:.*/, ''), 'needs a healthcheck'],
    ['its data in the container', DB.replace('db-data:/var/lib/postgresql/data', '/tmp/pg:/var/lib/postgresql/data'), 'must be a named volume'],
  ])('when the database service has %s, then it is caught', (_what, service, expected) => {
    expect(checkGatewayDatabase(withService('db', service))).toEqual([expect.stringContaining(expected)]);
  });
});
