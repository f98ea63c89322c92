/**
 * docker-compose.yml through the real docker compose CLI (`config`, no Docker engine needed):
 * the file loads and validates, each variable it requires stops it when unset, and its resolved
 * model agrees with what the static checks (compose-repository.test.ts) read with js-yaml.
 * .ci/run builds the CLI; without it these tests are reported skipped, except under CI=true,
 * where a missing CLI fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeBinary, runCompose } from './compose-cli';
import { loadConfig } from '../../gateway/src/config';
import { DATABASE_URL_VARIABLE, dependencyCondition, parseCompose, requiredVariables } from './compose-checks';
import { checkStartsInFabricMode, operatorVariables } from './gateway-environment-checks';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '..', '..');
const composeFile = path.join(repoRoot, 'docker-compose.yml');
const staticView = parseCompose(readFileSync(composeFile, 'utf8'));
const required = requiredVariables(staticView);
// One value per required variable; distinct, so the resolved model shows which went where.
const variables = operatorVariables(required);

const compose = composeBinary();
const withCompose = compose.found ? describe : describe.skip;
const title = compose.found ? 'docker compose config' : `docker compose config: NOT RUN (${compose.reason})`;
if (!compose.found && process.env.CI === 'true') {
  test('the docker compose CLI is installed (CI builds it: bash scripts/go-tools/go-tool.sh install compose)', () => {
    throw new Error(compose.reason);
  });
}

function binary(): string {
  if (!compose.found) {
    throw new Error(compose.reason);
  }
  return compose.path;
}

interface ResolvedService {
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition?: string }>;
}

withCompose(title, () => {
  test('accepts docker-compose.yml once the required variables are set', () => {
    const run = runCompose(binary(), composeFile, ['config', '--quiet'], variables);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test.each(required)('when %s is unset, then it refuses the file and names the variable', (name) => {
    const others = Object.fromEntries(Object.entries(variables).filter(([key]) => key !== name));
    const run = runCompose(binary(), composeFile, ['config', '--quiet'], others);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(name);
  });

  test('resolves the same services the static checks read, and the gateway waits for a healthy postgres it reaches by URL', () => {
    const run = runCompose(binary(), composeFile, ['config', '--format', 'json'], variables);
    expect(run.stderr).toBe('');
    const model = JSON.parse(run.stdout) as { services: Record<string, ResolvedService> };
    expect(Object.keys(model.services).sort()).toEqual(Object.keys(staticView.services).sort());
    const gateway = model.services.gateway ?? {};
    expect(dependencyCondition(gateway, 'postgres')).toBe('service_healthy');
    const postgres = model.services.postgres?.environment ?? {};
    const url = new URL(gateway.environment?.[DATABASE_URL_VARIABLE] ?? '');
    expect({ host: url.host, user: url.username, password: url.password, database: url.pathname.slice(1) }).toEqual({
      host: 'postgres:5432',
      user: postgres.POSTGRES_USER,
      password: variables.POSTGRES_PASSWORD,
      database: postgres.POSTGRES_DB,
    });
  });

  test('resolves a gateway environment that starts the gateway in Fabric mode on PostgreSQL and MinIO', () => {
    const run = runCompose(binary(), composeFile, ['config', '--format', 'json'], variables);
    const model = JSON.parse(run.stdout) as { services: Record<string, ResolvedService> };
    const resolved = Object.fromEntries(Object.entries(model.services.gateway?.environment ?? {}).map(([name, value]) => [name, value ?? '']));
    expect(checkStartsInFabricMode(resolved, loadConfig)).toEqual([]);
    expect(dependencyCondition(model.services.gateway ?? {}, 'setup')).toBe('service_completed_successfully');
  });

  test('refuses a file that depends on a service it does not define (the check can fail)', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'medledger-compose-bad-'));
    try {
      const broken = path.join(scratch, 'docker-compose.yml');
      writeFileSync(broken, 'services:\n  gateway:\n    image: node:20.20.2-bookworm-slim\n    depends_on:\n      postgres: {condition: service_healthy}\n');
      const run = runCompose(binary(), broken, ['config', '--quiet'], {});
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('postgres');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
