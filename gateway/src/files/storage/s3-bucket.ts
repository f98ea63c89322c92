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

/**
 * A fresh MinIO (docker compose) has no buckets: create ours once; any other failure stops the start.
 * Replicas started together on a fresh store both find it missing: the one whose create loses
 * (409, the bucket already exists) goes on once the bucket answers.
 */
export async function ensureBucket(client: Pick<S3Client, 'send'>, bucket: string): Promise<void> {
  const head = () => client.send(new HeadBucketCommand({ Bucket: bucket }));
  try {
    await head();
  } catch (error) {
    if (statusOf(error) !== 404) {
      throw error;
    }
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (createError) {
      if (statusOf(createError) !== 409) {
        throw createError;
      }
      await head();
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
