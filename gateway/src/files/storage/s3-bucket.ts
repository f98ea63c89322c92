import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** Where the blobs go when MEDLEDGER_S3_BUCKET is set (config.ts reads it from MEDLEDGER_S3_*). */
export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The S3 client the gateway talks to its bucket with (AWS S3, MinIO in docker compose, SeaweedFS in
 * tests). The SDK gets its own copy of the credentials: it records on that object where they came
 * from (`$source`), and the settings arrive frozen from the configuration, so signing the first
 * request with them would throw.
 */
export function s3ClientOf(settings: S3Settings): S3Client {
  const { region, endpoint, forcePathStyle, credentials } = settings;
  return new S3Client({ region, forcePathStyle, ...(endpoint === undefined ? {} : { endpoint }), ...(credentials === undefined ? {} : { credentials: { ...credentials } }) });
}

/** A fresh MinIO (docker compose) has no buckets: create ours once; any other failure stops the start. */
export async function ensureBucket(client: Pick<S3Client, 'send'>, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) {
      throw error;
    }
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
}
