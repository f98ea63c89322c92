import { ConfigError, loadConfig } from '../../config';
import { thrownBy } from '../../test-support/thrown-by';

const KEY = Buffer.alloc(32, 3).toString('base64');

/** The variables a refused configuration names. */
function issuesOf(environment: Record<string, string>): string[] {
  const error = thrownBy(() => loadConfig({ MEDLEDGER_MASTER_KEY: KEY, ...environment }));
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues.map((issue) => issue.variable);
}

describe('files configuration', () => {
  it('when nothing is set, then blobs are local under the data directory and uploads may be 256 MiB', () => {
    const { files } = loadConfig({ MEDLEDGER_MASTER_KEY: KEY, MEDLEDGER_DATA_DIR: '/var/lib/medledger' });

    expect(files).toEqual({ maxBytes: 256 * 1024 * 1024, directory: '/var/lib/medledger/files', legacyVaultFile: '/var/lib/medledger/file-key-vault.json' });
  });

  it('when an S3 endpoint and bucket are set, then blobs go to the bucket with path-style URLs and the given credentials', () => {
    const { files } = loadConfig({
      MEDLEDGER_MASTER_KEY: KEY,
      MEDLEDGER_FILE_MAX_BYTES: '1048576',
      MEDLEDGER_S3_ENDPOINT: 'http://minio:9000',
      MEDLEDGER_S3_BUCKET: 'medledger-files',
      MEDLEDGER_S3_ACCESS_KEY_ID: 'medledger',
      MEDLEDGER_S3_SECRET_ACCESS_KEY: 'not-a-real-secret',
    });

    expect(files.maxBytes).toBe(1048576);
    expect(files.s3).toEqual({
      bucket: 'medledger-files',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'medledger', secretAccessKey: 'not-a-real-secret' },
    });
  });

  it('when S3 settings are incomplete or malformed, then start-up names each bad variable', () => {
    expect(issuesOf({ MEDLEDGER_S3_ENDPOINT: 'http://minio:9000' })).toEqual(['MEDLEDGER_S3_BUCKET']);
    expect(issuesOf({ MEDLEDGER_S3_BUCKET: 'files', MEDLEDGER_S3_ACCESS_KEY_ID: 'id' })).toEqual(['MEDLEDGER_S3_ACCESS_KEY_ID']);
    expect(issuesOf({ MEDLEDGER_S3_BUCKET: 'Not_A_Bucket' })).toEqual(['MEDLEDGER_S3_BUCKET']);
    expect(issuesOf({ MEDLEDGER_FILE_MAX_BYTES: '-1' })).toEqual(['MEDLEDGER_FILE_MAX_BYTES']);
  });
});
