import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SseClient } from '../features/notifications/test-support/sse-client';
import { seaweedFsBinary, startSeaweedFs, type SeaweedFs } from '../files/storage/test-support/seaweedfs';
import { sessionCookie } from '../test-support/dev-idp-browser';
import { describeWithPostgres } from '../test-support/postgres-cluster';
import { fabricTestEnvironment } from '../test-support/test-gateway';
import { openPostgresStore } from '../wiring/postgres-store';
import { buildGateway, startGatewayProcess, type GatewayProcess } from './test-support/gateway-process';
import { postAnswer, signIn, startLogin, type Session } from './test-support/saml-browser';
import { createTestIdp, type TestIdp } from './test-support/test-idp';

/**
 * Two gateway processes as replicas behind a load balancer without sticky sessions: the built
 * server (gateway/dist/server.js), each with its own port and data directory, on one PostgreSQL
 * database, one S3 bucket (SeaweedFS), the same master key and the same IdP, both on the native
 * Fabric network. The test plays the load balancer: it sends each request to the process it names.
 * (gateway/src/acceptance/two-gateways.test.ts covers the same in one process, on the embedded ledger.)
 *
 * PostgreSQL comes from Debian (/usr/lib/postgresql/<version>/bin), SeaweedFS from the go-tool
 * cache (scripts/go-tools/go-tool.sh install seaweedfs). Without either, outside CI the file is
 * reported NOT RUN (skipped, never passed); under CI=true it fails.
 */

/** The one address both replicas answer to: their SAML endpoints and the IdP's answers name it. */
const PUBLIC_URL = 'http://gateways.medledger.test';
const BUCKET = 'medledger-replicas';
/** An event is ordered, committed, delivered to the listening gateway, stored and published: seconds on the network. */
const NOTIFICATION_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 240_000;

const weed = seaweedFsBinary();
const whenSeaweedFs = weed.found || process.env.CI === 'true' ? describe : describe.skip;
if (!weed.found && process.env.CI !== 'true') {
  process.stderr.write(`[seaweedfs] NOT RUN: two gateway processes: ${weed.reason}; its tests are skipped, not passed.\n`);
}

describeWithPostgres('two gateway processes on one PostgreSQL database and one S3 store', (cluster) => {
  whenSeaweedFs('on the Fabric network', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medledger-replicas-'));
    let s3: SeaweedFs | undefined;
    let gateways: GatewayProcess[] = [];
    let idp: TestIdp;
    let databaseUrl: string;

    beforeAll(async () => {
      if (!weed.found) throw new Error(`SeaweedFS is missing (CI builds it: bash scripts/go-tools/go-tool.sh install seaweedfs): ${weed.reason}`);
      buildGateway();
      idp = createTestIdp(PUBLIC_URL, directory);
      const [database, seaweedFs] = await Promise.all([cluster.createDatabase(), startSeaweedFs(weed.path)]);
      [databaseUrl, s3] = [database, seaweedFs];
      const shared = sharedEnvironment(databaseUrl, seaweedFs, idp);
      // Started in parallel, as replicas are: both migrate the one database and open the one bucket at once.
      const started = await Promise.allSettled(['A', 'B'].map((name) => startGatewayProcess(name, { ...shared, MEDLEDGER_DATA_DIR: mkdtempSync(join(directory, `gateway-${name}-`)) })));
      gateways = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const failed = started.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }, START_TIMEOUT_MS);

    afterAll(async () => {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await s3?.stop();
      rmSync(directory, { recursive: true, force: true });
    }, START_TIMEOUT_MS);

    const gateway = (name: 'A' | 'B'): GatewayProcess => {
      const found = gateways.find((candidate) => candidate.name === name);
      if (found === undefined) throw new Error(`gateway ${name} did not start`);
      return found;
    };
    const withSession = (test: request.Test, session: Session): request.Test => test.set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken);

    it('when a sign-in starts on A and the IdP’s answer is posted to B, then B signs the person in, the session works on A, and the answer replayed to A is refused', async () => {
      const person = idp.person('patient');
      const started = await startLogin(gateway('A'));
      const answer = idp.answer(started.location, person);

      const onB = await postAnswer(gateway('B'), started, answer);
      expect(onB.status).toBe(303);
      const cookie = sessionCookie(onB);
      const me = await request(gateway('A').baseUrl).get('/me').set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ principal: { role: 'patient', displayName: person.displayName } });

      const replayed = await postAnswer(gateway('A'), started, answer);
      expect(replayed.status).toBe(401);
      expect(sessionCookie(replayed)).toBe('');
    });

    it('when a token is minted on A, then B accepts it; when B revokes it, then A refuses it', async () => {
      const session = await signIn(gateway('A'), idp, idp.person('patient'));
      const minted = await withSession(request(gateway('A').baseUrl).post('/me/tokens'), session).send({ name: 'replicas', scopes: ['read', 'write'] });
      expect(minted.status).toBe(201);
      const { token, id } = minted.body as { token: string; id: string };
      const bearer = `Bearer ${token}`;

      expect((await request(gateway('B').baseUrl).get('/me').set('Authorization', bearer)).status).toBe(200);
      expect((await request(gateway('B').baseUrl).delete(`/me/tokens/${id}`).set('Authorization', bearer)).status).toBe(204);

      expect((await request(gateway('A').baseUrl).get('/me').set('Authorization', bearer)).status).toBe(401);
    });

    it('when an admin verifies a doctor through A, then the doctor’s stream on B receives stakeholder.updated, stored once for both gateways', async () => {
      const [admin, doctor] = await Promise.all([signIn(gateway('A'), idp, idp.person('admin')), signIn(gateway('B'), idp, idp.person('doctor'))]);
      const stream = await SseClient.open(`${gateway('B').baseUrl}/me/notifications/stream`, { Cookie: doctor.cookie });
      try {
        expect(stream.response.statusCode).toBe(200);
        const licenceHash = createHash('sha256').update(`licence of ${doctor.stakeholderId}`).digest('hex');
        const verified = await withSession(request(gateway('A').baseUrl).post(`/stakeholders/${doctor.stakeholderId}/verification`), admin).send({ licenceHash });
        expect(verified.status).toBe(200);

        const [event] = await stream.waitFor(1, NOTIFICATION_TIMEOUT_MS);
        expect(event?.event).toBe('stakeholder.updated');
        // Both gateways listen for chaincode events, but only the lease holder stores them.
        const store = await openPostgresStore({ url: databaseUrl });
        try {
          const backlog = await store.notifications.after(doctor.principalId, 0, 10);
          expect(backlog.map((notification) => notification.body.type)).toEqual(['stakeholder.updated']);
        } finally {
          await store.close();
        }
      } finally {
        stream.close();
      }
    });

    it('when a patient uploads a medical file through A, then B downloads it intact', async () => {
      const session = await signIn(gateway('A'), idp, idp.person('patient'));
      const content = randomBytes(64 * 1024);

      const uploaded = await withSession(request(gateway('A').baseUrl).post('/files'), session)
        .set('Content-Type', 'application/octet-stream')
        .set('X-Patient-Id', session.stakeholderId)
        .set('X-Category', 'lab')
        .send(content);
      expect(uploaded.status).toBe(201);
      const { fileId } = (uploaded.body as { file: { fileId: string } }).file;

      const downloaded = await request(gateway('B').baseUrl)
        .get(`/files/${fileId}/content`)
        .set('Cookie', session.cookie)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
          });
          response.on('end', () => {
            done(null, Buffer.concat(chunks));
          });
        });
      expect(downloaded.status).toBe(200);
      expect((downloaded.body as Buffer).equals(content)).toBe(true);
    });
  });
});

/** What replicas share: the network, the database, the bucket, the master key (the network's environment, which the integration project hands over) and the IdP. */
function sharedEnvironment(databaseUrl: string, seaweedFs: SeaweedFs, idp: TestIdp): Record<string, string> {
  const { endpoint = '', region, credentials } = seaweedFs.s3;
  return {
    ...fabricTestEnvironment(),
    MEDLEDGER_PUBLIC_URL: PUBLIC_URL,
    MEDLEDGER_DATABASE_URL: databaseUrl,
    MEDLEDGER_S3_ENDPOINT: endpoint,
    MEDLEDGER_S3_REGION: region,
    MEDLEDGER_S3_BUCKET: BUCKET,
    MEDLEDGER_S3_ACCESS_KEY_ID: credentials?.accessKeyId ?? '',
    MEDLEDGER_S3_SECRET_ACCESS_KEY: credentials?.secretAccessKey ?? '',
    MEDLEDGER_S3_FORCE_PATH_STYLE: 'true',
    MEDLEDGER_SAML_IDP_METADATA_FILE: idp.metadataFile,
  };
}
