/**
 * The compose checkers against fixtures: what the README's compose section must say, and the
 * channel profile in configtx.yaml.
 */
import { checkConfigtx, checkReadmeRequiredVariables, checkReadmeServices, parseYaml, readmeComposeServices } from './compose-checks';
import { fixture, VALID, withService } from './compose-fixtures';

describe('checkReadmeRequiredVariables', () => {
  const compose = withService('minio', 'image: minio/minio\nenvironment: {MINIO_ROOT_PASSWORD: "${MINIO_ROOT_PASSWORD:?set it}"}');
  const readme = (body: string): string => `# MedLedger\n\n## Run the network with docker compose\n\n${body}\n\n## Next\n\nMINIO_ROOT_PASSWORD\n`;

  test('when the section names every required variable, then it passes', () => {
    expect(checkReadmeRequiredVariables(readme('Set CA_BOOTSTRAP_PASSWORD, DB_PASSWORD and MINIO_ROOT_PASSWORD first.'), compose)).toEqual([]);
  });

  test('when the section forgets one (a later section does not count), then it is caught', () => {
    expect(checkReadmeRequiredVariables(readme('Set CA_BOOTSTRAP_PASSWORD and DB_PASSWORD first.'), compose)).toEqual([expect.stringContaining('does not mention MINIO_ROOT_PASSWORD')]);
  });
});

describe('checkReadmeServices', () => {
  const compose = fixture(VALID);
  const readme = (services: string): string => `# MedLedger

## Run the network with docker compose

Start it with \`docker compose up\`.

${services}

## Next section

Services: \`not-checked-here\`
`;

  test('accepts a Services line naming existing services', () => {
    expect(readmeComposeServices(readme('Services: `ca`, `peer`, `chaincode`.'))).toEqual(['ca', 'peer', 'chaincode']);
    expect(checkReadmeServices(readme('Services: `ca`, `peer`, `chaincode`.'), compose)).toEqual([]);
  });

  test('catches a listed service that does not exist', () => {
    expect(checkReadmeServices(readme('Services: `ca`, `orderer9`'), compose)).toEqual([
      'README lists `orderer9`, which is not a service in docker-compose.yml',
    ]);
  });

  test('fails when README.md is missing', () => {
    expect(checkReadmeServices(undefined, compose)).toEqual(['README.md does not exist']);
  });

  test('fails when the section is missing', () => {
    expect(checkReadmeServices('# MedLedger\n\n## Run natively\n\nServices: `ca`\n', compose)).toEqual([
      expect.stringContaining('no section headed "## Run the network with docker compose"'),
    ]);
  });

  test('fails when the section has no Services line (a later section does not count)', () => {
    expect(checkReadmeServices(readme('No list here.'), compose)).toEqual([expect.stringContaining('no line starting with "Services:"')]);
  });

  test('fails when the Services line names nothing', () => {
    expect(checkReadmeServices(readme('Services: all of them'), compose)).toEqual([expect.stringContaining('names no')]);
  });
});

describe('checkConfigtx', () => {
  const consenter = (n: number): string =>
    `{Host: orderer${n}.medledger.local, Port: 7050, ClientTLSCert: c${n}.crt, ServerTLSCert: c${n}.crt}`;
  const configtx = (overrides: { consenters?: string; batchTimeout?: string; appCapabilities?: string; extra?: string } = {}): unknown =>
    parseYaml(`
Capabilities:
  Channel: &ch {V3_0: true}
  Application: &app ${overrides.appCapabilities ?? '{V2_5: true}'}
Profiles:
  MedLedgerChannel:
    Capabilities: *ch
${overrides.extra ?? ''}
    Orderer:
      OrdererType: etcdraft
${overrides.batchTimeout ?? '      BatchTimeout: 250ms'}
      EtcdRaft:
        Consenters: ${overrides.consenters ?? `[${[1, 2, 3].map(consenter).join(', ')}]`}
      Capabilities: {V2_0: true}
    Application:
      Capabilities:
        <<: *app
`);

  test('accepts 3 consenters, a BatchTimeout and the agreed capabilities', () => {
    expect(checkConfigtx(configtx())).toEqual([]);
  });

  test('catches a Raft cluster without 3 consenters', () => {
    expect(checkConfigtx(configtx({ consenters: `[${[1, 2].map(consenter).join(', ')}]` }))).toEqual([
      'MedLedgerChannel: Orderer.EtcdRaft.Consenters must list 3 consenters, found 2',
    ]);
  });

  test('catches a consenter without its TLS certificate', () => {
    expect(checkConfigtx(configtx({ consenters: `[${consenter(1)}, ${consenter(2)}, {Host: orderer3, Port: 9050, ServerTLSCert: c3.crt}]` }))).toEqual([
      'MedLedgerChannel: consenter 3 has no ClientTLSCert',
    ]);
  });

  test('catches a missing BatchTimeout', () => {
    expect(checkConfigtx(configtx({ batchTimeout: '' }))).toEqual(['MedLedgerChannel: Orderer.BatchTimeout must be set']);
  });

  test('catches Application capabilities without V2_5', () => {
    expect(checkConfigtx(configtx({ appCapabilities: '{V2_0: true}' }))).toEqual([expect.stringContaining('Application capability V2_5')]);
  });

  test('catches system-channel leftovers and a missing profile', () => {
    expect(checkConfigtx(configtx({ extra: '    Consortium: SampleConsortium' }))).toEqual([expect.stringContaining('must not define Consortium')]);
    expect(checkConfigtx(configtx(), 'OtherProfile')).toEqual(['configtx.yaml has no profile OtherProfile']);
  });
});
