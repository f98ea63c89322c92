import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { FilesConfig } from '../../config';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import { LedgerError } from '../../ledger/ledger-port';
import { FileService } from './file-service';
import { importJsonVaultFile } from '../../files/keys/json-vault-import';
import type { KeyVaultStore } from '../../files/keys/key-vault-repository';
import { openStoreKeyVault } from '../../files/keys/store-key-vault';
import type { BlobStore } from '../../files/storage/blob-store';
import { LocalBlobStore } from '../../files/storage/local-blob-store';
import type { PrincipalRepository } from '../../identity/principals/principal-repository';
import { isCommitAmbiguous, MedicalFiles } from './medical-files';
import { UploadJournal, type InFlightUpload } from './upload-journal';

export interface FilesFeatureInputs {
  config: Readonly<FilesConfig>;
  logger: Logger;
  ledger: LedgerCalls;
  principals: Pick<PrincipalRepository, 'get'>;
  /** The gateway store, which holds the key vault (every gateway on the database shares it). */
  keyStore: KeyVaultStore;
  masterKey: Uint8Array;
  /** Tests: a blob store of their own (e.g. one that fails). */
  store?: BlobStore;
}

/** The files feature as the app sees it: the upload limit, and the use cases once start-up recovery has run. */
export interface FilesFeature {
  readonly maxBytes: number;
  /** Opens the key vault and settles interrupted uploads, once; every files request waits for it. */
  ready(): Promise<MedicalFiles>;
}

/**
 * Builds the files feature lazily: nothing is opened until start-up (openGateway calls ready()) or
 * the first files request, so gateways that never serve files never create a vault. Blobs go to
 * the local file system under <data dir>/files/blobs, or to an S3-compatible bucket when
 * MEDLEDGER_S3_BUCKET is set. The key vault lives in the gateway store, sealed under keys the file
 * core derives from the gateway's master key (HKDF, its own salt and info), and refuses any other
 * master key; a key vault file of an earlier version is imported into it once.
 */
export function buildFilesFeature(inputs: FilesFeatureInputs): FilesFeature {
  let opening: Promise<MedicalFiles> | undefined;
  return {
    maxBytes: inputs.config.maxBytes,
    ready: () => {
      opening ??= open(inputs);
      return opening;
    },
  };
}

async function open({ config, logger, ledger, principals, keyStore, masterKey, store }: FilesFeatureInputs): Promise<MedicalFiles> {
  const log = logger.child({ component: 'files' });
  const vault = await openStoreKeyVault(keyStore.fileKeys, Buffer.from(masterKey));
  const imported = await importJsonVaultFile(config.legacyVaultFile, keyStore, Buffer.from(masterKey));
  if (imported !== undefined) {
    log.info(imported, 'key vault file imported into the gateway store');
  }
  const blobs = store ?? (await blobStoreOf(config));
  const files = new FileService({
    vault,
    store: blobs,
    isCommitAmbiguous,
    onWarning: (message, error) => { log.warn({ err: error }, message); },
  });
  const journal = new UploadJournal(join(config.directory, 'in-flight'));
  const medicalFiles = new MedicalFiles(files, ledger, journal, log);

  const uploads = new Map<string, InFlightUpload[]>();
  for (const entry of await journal.entries()) {
    uploads.set(entry.fileId, [...(uploads.get(entry.fileId) ?? []), entry]);
  }
  const recovered = await files.recoverPending(async ({ fileId, storageRef }) => {
    for (const { principalId, kind } of uploads.get(fileId) ?? []) {
      const principal = await principals.get(principalId);
      if (principal === undefined || principal.disabledAt !== undefined) {
        continue;
      }
      try {
        return await medicalFiles.isStoredOnChain(principal, fileId, storageRef, kind);
      } catch (error) {
        if (error instanceof LedgerError && error.code === 'NOT_FOUND') {
          return false;
        }
        log.warn({ err: error, fileId }, 'cannot check an interrupted upload on chain as its uploader');
      }
    }
    // Nobody can tell: keep it (an orphan blob) rather than risk shredding a file the chain has.
    log.warn({ fileId, storageRef }, 'an interrupted upload could not be checked on chain; kept');
    return true;
  });
  await journal.clear();
  const staleTempFiles = blobs instanceof LocalBlobStore ? await blobs.removeStaleTempFiles() : await removeSpool(config);
  if (recovered.committed + recovered.shredded + staleTempFiles > 0) {
    log.warn({ ...recovered, staleTempFiles }, 'settled uploads interrupted by the last shutdown');
  }
  return medicalFiles;
}

async function blobStoreOf(config: Readonly<FilesConfig>): Promise<BlobStore> {
  if (config.s3 === undefined) {
    return new LocalBlobStore(join(config.directory, 'blobs'));
  }
  // Loaded in S3 mode only: the AWS SDK takes a noticeable part of a second to load, which every
  // gateway on local blobs and every operator CLI command would otherwise pay.
  const [{ S3BlobStore }, { ensureBucket, s3ClientOf }] = await Promise.all([import('../../files/storage/s3-blob-store'), import('../../files/storage/s3-bucket')]);
  const client = s3ClientOf(config.s3);
  await ensureBucket(client, config.s3.bucket);
  return new S3BlobStore({ client, bucket: config.s3.bucket, spoolDirectory: spoolDirectoryOf(config) });
}

function spoolDirectoryOf(config: Readonly<FilesConfig>): string {
  return join(config.directory, 's3-spool');
}

/** Spool files of uploads a crash interrupted (S3 mode); nothing else lives there. */
async function removeSpool(config: Readonly<FilesConfig>): Promise<number> {
  await rm(spoolDirectoryOf(config), { recursive: true, force: true });
  return 0;
}
