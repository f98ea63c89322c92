import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describeBlobStoreContract } from './test-support/blob-store-contract';
import { S3BlobStore } from './s3-blob-store';
import { ensureBucket, s3ClientOf } from './s3-bucket';
import { type SeaweedFs, seaweedFsBinary, startSeaweedFs } from './test-support/seaweedfs';

// The S3 blob store against a real S3-compatible server: SeaweedFS, built from the Go module
// proxy by .ci/run (scripts/go-tools/go-tool.sh). Under CI=true a missing `weed` fails this file;
// elsewhere its tests are reported skipped (not run), never counted as passed.
jest.setTimeout(120_000);

const weed = seaweedFsBinary();
const onSeaweedFs = weed.found ? describe : describe.skip;
const title = weed.found ? 'S3 blob store on SeaweedFS' : `S3 blob store on SeaweedFS: NOT RUN (${weed.reason})`;

if (!weed.found && process.env.CI === 'true') {
  test('SeaweedFS is installed (CI builds it: bash scripts/go-tools/go-tool.sh install seaweedfs)', () => {
    throw new Error(weed.reason);
  });
}

// One bucket, a fresh key prefix per case: SeaweedFS gives each bucket its own volumes, and a
// bucket per case would exhaust the volume server's slots.
const BUCKET = 'medledger-files';
let server: SeaweedFs | undefined;
let client: S3Client | undefined;

function running(): { server: SeaweedFs; client: S3Client } {
  if (server === undefined || client === undefined) {
    throw new Error('SeaweedFS did not start');
  }
  return { server, client };
}

async function keysUnder(bucket: string, prefix: string): Promise<string[]> {
  const listed = await running().client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

onSeaweedFs(title, () => {
  beforeAll(async () => {
    if (weed.found) {
      server = await startSeaweedFs(weed.path);
      client = s3ClientOf({ ...server.s3, bucket: BUCKET });
      await ensureBucket(client, BUCKET);
    }
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  // With a 1 MiB threshold the contract's large blob goes up as a multipart upload and the others
  // as one PutObject carrying its SHA-256.
  describeBlobStoreContract('S3 blob store on SeaweedFS', async () => {
    const prefix = `contract-${randomBytes(6).toString('hex')}/`;
    const spoolDirectory = await mkdtemp(join(tmpdir(), 'medledger-s3-spool-'));
    return {
      store: new S3BlobStore({ client: running().client, bucket: BUCKET, prefix, spoolDirectory, multipartThreshold: 1024 * 1024 }),
      countBlobs: async () => (await keysUnder(BUCKET, prefix)).length,
      leftoverTempFiles: () => readdir(spoolDirectory),
      close: () => rm(spoolDirectory, { recursive: true, force: true }),
    };
  });

  it('when the gateway starts on a server without its bucket, then ensureBucket creates it once and a second start finds it', async () => {
    const bucket = `fresh-${randomBytes(6).toString('hex')}`;
    await ensureBucket(running().client, bucket);
    await ensureBucket(running().client, bucket);
    expect(await keysUnder(bucket, '')).toEqual([]);
  });

  it('when the secret key is wrong, then puts and look-ups fail as STORAGE_FAILED, never as a missing blob', async () => {
    const { s3 } = running().server;
    const impostor = s3ClientOf({ ...s3, bucket: BUCKET, credentials: { accessKeyId: s3.credentials?.accessKeyId ?? '', secretAccessKey: randomBytes(24).toString('base64url') } });
    const spoolDirectory = await mkdtemp(join(tmpdir(), 'medledger-s3-spool-'));
    try {
      const prefix = `guarded-${randomBytes(6).toString('hex')}/`;
      const store = new S3BlobStore({ client: impostor, bucket: BUCKET, prefix, spoolDirectory });
      await expect(store.put(Readable.from([randomBytes(100)]))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      await expect(store.exists(`sha256:${'d'.repeat(64)}`)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      expect(await keysUnder(BUCKET, prefix)).toEqual([]);
      expect(await readdir(spoolDirectory)).toEqual([]);
    } finally {
      impostor.destroy();
      await rm(spoolDirectory, { recursive: true, force: true });
    }
  });
});
