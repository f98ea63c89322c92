import { join } from 'node:path';
import type { S3Settings } from './files/storage/s3-bucket';

/** Where encrypted files and their keys live: the files part of the gateway's configuration (config.ts). */
export interface FilesConfig {
  maxBytes: number;
  /** Local blobs (when no S3 bucket is set), the in-flight upload journal, S3 spool files. */
  directory: string;
  /**
   * The JSON key vault file of earlier versions (sealed KEKs, wrapped data keys). The vault now
   * lives in the gateway store; at start-up this file, if present, is imported and renamed.
   */
  legacyVaultFile: string;
  /** An S3-compatible bucket (MinIO in docker compose) instead of local blobs. */
  s3?: S3Settings;
}

/** The already validated variables filesConfig reads (config.ts's schema checks each one). */
export interface FilesEnvironment {
  MEDLEDGER_DATA_DIR: string;
  MEDLEDGER_FILE_MAX_BYTES: number;
  MEDLEDGER_S3_ENDPOINT?: string | undefined;
  MEDLEDGER_S3_BUCKET?: string | undefined;
  MEDLEDGER_S3_REGION: string;
  MEDLEDGER_S3_ACCESS_KEY_ID?: string | undefined;
  MEDLEDGER_S3_SECRET_ACCESS_KEY?: string | undefined;
  MEDLEDGER_S3_FORCE_PATH_STYLE?: 'true' | 'false' | undefined;
}

export function filesConfig(env: FilesEnvironment): FilesConfig {
  const { MEDLEDGER_S3_BUCKET: bucket, MEDLEDGER_S3_ENDPOINT: endpoint, MEDLEDGER_S3_ACCESS_KEY_ID: accessKeyId, MEDLEDGER_S3_SECRET_ACCESS_KEY: secretAccessKey } = env;
  const s3: FilesConfig['s3'] =
    bucket === undefined
      ? undefined
      : {
          bucket,
          region: env.MEDLEDGER_S3_REGION,
          ...(endpoint === undefined ? {} : { endpoint }),
          // MinIO and most self-hosted stores need path-style URLs; AWS S3 does not.
          forcePathStyle: (env.MEDLEDGER_S3_FORCE_PATH_STYLE ?? (endpoint === undefined ? 'false' : 'true')) === 'true',
          ...(accessKeyId === undefined || secretAccessKey === undefined ? {} : { credentials: { accessKeyId, secretAccessKey } }),
        };
  return {
    maxBytes: env.MEDLEDGER_FILE_MAX_BYTES,
    directory: join(env.MEDLEDGER_DATA_DIR, 'files'),
    legacyVaultFile: join(env.MEDLEDGER_DATA_DIR, 'file-key-vault.json'),
    ...(s3 === undefined ? {} : { s3 }),
  };
}
