/**
 * Static checks of docker-compose.yml, its Dockerfiles, configtx.yaml and the README's compose
 * section. Docker is not needed: the files are parsed and compared with the project's decisions.
 *
 * Every check returns a list of human-readable violations (empty = fine), so one test can report
 * all problems at once, and the tests can feed small broken fixtures to prove that each check
 * actually catches what it claims to. One module per concern; this one is what the tests import.
 */
export * from './compose-model';
export * from './compose-image-checks';
export * from './compose-path-checks';
export * from './compose-port-checks';
export * from './compose-security-checks';
export * from './compose-readme-checks';
export * from './compose-database-checks';
export * from './configtx-checks';
export * from './compose-setting-checks';
