import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileContent } from '@medledger/chaincode/client';
import { DecryptStream } from '../../files/crypto/decrypt-stream';
import { EncryptStream, type EncryptionResult } from '../../files/crypto/encrypt-stream';
import { DATA_KEY_BYTES, KEY_REF_BYTES } from '../../files/crypto/format';
import { FileError, FileIntegrityError } from '../../files/errors';
import type { DataKeyRecord, KeyVault } from '../../files/keys/key-vault';
import { type DataKeyBinding, unwrapDataKey, wrapDataKey } from '../../files/keys/key-wrap';
import type { BlobStore, StoredBlob } from '../../files/storage/blob-store';

/**
 * One stored file version as the chain records it: the contract's file content plus the IDs.
 * contentSha256 hashes the uploaded bytes (for clientEncrypted uploads: the client's ciphertext);
 * ciphertextSha256 hashes the stored blob, which is also its content address.
 */
export type FileContentMetadata = FileContent & { fileId: string; patientId: string };

export type DownloadTarget = Pick<FileContentMetadata, 'fileId' | 'patientId' | 'contentSha256' | 'ciphertextSha256' | 'sizeBytes' | 'storageRef'>;

export interface UploadRequest {
  fileId: string;
  patientId: string;
  mediaType: string;
  /** True when the client encrypted the content itself; the gateway still encrypts and wraps it. */
  clientEncrypted?: boolean;
  content: Readable | AsyncIterable<Uint8Array>;
}

export interface ErasureSummary {
  patientId: string;
  kekDestroyed: boolean;
  dataKeysDestroyed: number;
  blobsDeleted: number;
  /** Blobs whose deletion failed; already undecryptable (their data keys are gone), retry delete later. */
  blobDeleteFailures: string[];
}

export interface FileServiceOptions {
  vault: KeyVault;
  store: BlobStore;
  chunkSize?: number;
  clock?: () => Date;
  /** Called for failures that do not fail the operation (a rollback step, a late commit mark). */
  onWarning?: (message: string, error: unknown) => void;
  /**
   * True for a recordOnChain error after which the transaction may still have committed (default:
   * LedgerError code 'TIMEOUT'). Such an upload is kept pending for recoverPending() instead of
   * being shredded, so the chain never points at a deleted blob.
   */
  isCommitAmbiguous?: (error: unknown) => boolean;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function requireId(field: string, value: string): void {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new FileError('FILE_INVALID_INPUT', `${field} must be 1-128 letters, digits, '.', '_', ':' or '-'`);
  }
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'TIMEOUT';
}

/**
 * The off-chain half of a medical file. Upload reads like the story: wrap a fresh data key under
 * the patient's KEK, encrypt while storing, keep the wrapped key (pending), let the chain record
 * the metadata, then mark the key committed. Whatever fails before the chain commit is undone, so
 * nothing is visible without its chain record and nothing goes on chain without its blob.
 */
export class FileService {
  readonly #vault: KeyVault;
  readonly #store: BlobStore;
  readonly #chunkSize: number | undefined;
  readonly #clock: () => Date;
  readonly #warn: (message: string, error: unknown) => void;
  readonly #isCommitAmbiguous: (error: unknown) => boolean;

  constructor(options: FileServiceOptions) {
    this.#vault = options.vault;
    this.#store = options.store;
    this.#chunkSize = options.chunkSize;
    this.#clock = options.clock ?? (() => new Date());
    this.#warn = options.onWarning ?? (() => undefined);
    this.#isCommitAmbiguous = options.isCommitAmbiguous ?? isTimeout;
  }

  /**
   * recordOnChain resolves once the transaction committed. It throws when the transaction surely
   * did not commit (the upload is undone), or with an ambiguous error (kept pending, see
   * isCommitAmbiguous and recoverPending).
   */
  async upload<T>(request: UploadRequest, recordOnChain: (metadata: FileContentMetadata) => Promise<T>): Promise<{ metadata: FileContentMetadata; chain: T }> {
    requireId('fileId', request.fileId);
    requireId('patientId', request.patientId);
    const { binding, wrappedKey, encryptor } = await this.#newDataKey(request.fileId, request.patientId);
    const stored = await this.#encryptAndStore(request.content, encryptor);
    const encrypted = encryptor.result();
    const record: DataKeyRecord = { ...binding, wrappedKey, storageRef: stored.storageRef, state: 'pending', createdAt: this.#clock().toISOString() };
    await this.#keepPendingKey(record, stored, encrypted);

    const metadata: FileContentMetadata = {
      fileId: request.fileId,
      patientId: request.patientId,
      contentSha256: encrypted.plaintextSha256,
      ciphertextSha256: encrypted.ciphertextSha256,
      sizeBytes: encrypted.plaintextBytes,
      mediaType: request.mediaType,
      storageRef: stored.storageRef,
      clientEncrypted: request.clientEncrypted ?? false,
    };
    let chain: T;
    try {
      chain = await recordOnChain(metadata);
    } catch (error) {
      if (!this.#isCommitAmbiguous(error)) {
        await this.#shred(record);
      }
      throw error;
    }
    // The chain has the file now; if this mark fails, recoverPending() settles it from the chain.
    await this.#vault.commitDataKey(record.keyRef).catch((error: unknown) => { this.#warn('cannot mark a data key committed', error); });
    return { metadata, chain };
  }

  /**
   * Authorizes (and logs on chain) first, then streams the decrypted content. Key problems
   * surface here, before any byte; integrity problems error the returned stream, which then
   * never ends cleanly.
   */
  async download(target: DownloadTarget, authorizeAndLog: () => Promise<void>): Promise<Readable> {
    return this.downloadAuthorized(async () => {
      await authorizeAndLog();
      return target;
    });
  }

  /**
   * Like download, for callers that learn the target from the authorization itself (the REST
   * layer: Records:accessFile decides, logs and returns the version's on-chain metadata).
   */
  async downloadAuthorized(authorizeAndLog: () => Promise<DownloadTarget>): Promise<Readable> {
    const target = await authorizeAndLog();
    const record = await this.#vault.findDataKeyByStorageRef(target.storageRef);
    if (record === undefined) {
      throw new FileError('FILE_KEY_UNAVAILABLE', `no data key for ${target.storageRef}: erased, or never stored by this gateway`);
    }
    if (record.patientId !== target.patientId || record.fileId !== target.fileId) {
      throw new FileIntegrityError('key-reference-mismatch', `blob ${target.storageRef} belongs to another file or patient`);
    }
    const dataKey = await this.#openDataKey(record);
    let source: Readable;
    try {
      source = await this.#store.get(target.storageRef);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    const decryptor = new DecryptStream({
      fileId: target.fileId,
      patientId: target.patientId,
      expected: { plaintextSha256: target.contentSha256, ciphertextSha256: target.ciphertextSha256, plaintextBytes: target.sizeBytes },
      resolveKey: (header) =>
        header.keyRef.toString('hex') === record.keyRef
          ? Promise.resolve(dataKey)
          : Promise.reject(new FileIntegrityError('key-reference-mismatch', 'the blob header names another data key than this file has')),
    });
    decryptor.once('close', () => dataKey.fill(0));
    // Errors on either side destroy both; the consumer sees them on the returned stream.
    pipeline(source, decryptor).catch(() => undefined);
    return decryptor;
  }

  /** Shreds every version of one file: its data keys go first (undecryptable at once), then its blobs. */
  async eraseFile(patientId: string, fileId: string): Promise<ErasureSummary> {
    const records = (await this.#vault.listDataKeys(patientId)).filter((record) => record.fileId === fileId);
    return { patientId, kekDestroyed: false, ...(await this.#shredAll(records)) };
  }

  /**
   * Crypto-shreds a patient: the KEK is destroyed first, which alone makes every data key of the
   * patient unwrappable; then the wrapped keys and blobs are deleted. Safe to run again.
   */
  async erasePatient(patientId: string): Promise<ErasureSummary> {
    const records = await this.#vault.listDataKeys(patientId);
    const kekDestroyed = await this.#vault.destroyKek(patientId);
    return { patientId, kekDestroyed, ...(await this.#shredAll(records)) };
  }

  /**
   * Settles uploads interrupted between storage and the chain commit: a pending file the chain
   * knows becomes committed, any other is shredded. Run at start-up, before accepting uploads.
   */
  async recoverPending(isRecordedOnChain: (file: Pick<DataKeyRecord, 'fileId' | 'patientId' | 'storageRef'>) => Promise<boolean>): Promise<{ committed: number; shredded: number }> {
    let committed = 0;
    let shredded = 0;
    for (const record of await this.#vault.listPendingDataKeys()) {
      if (await isRecordedOnChain({ fileId: record.fileId, patientId: record.patientId, storageRef: record.storageRef })) {
        await this.#vault.commitDataKey(record.keyRef);
        committed += 1;
      } else {
        await this.#shred(record);
        shredded += 1;
      }
    }
    return { committed, shredded };
  }

  /** A fresh data key wrapped under the patient's KEK, and the stream that encrypts with it; plain keys are zeroed here. */
  async #newDataKey(fileId: string, patientId: string): Promise<{ binding: DataKeyBinding; wrappedKey: string; encryptor: EncryptStream }> {
    const keyRef = randomBytes(KEY_REF_BYTES);
    const dataKey = randomBytes(DATA_KEY_BYTES);
    const kek = await this.#vault.getOrCreateKek(patientId);
    const binding: DataKeyBinding = { keyRef: keyRef.toString('hex'), kekId: kek.kekId, fileId, patientId };
    try {
      const chunkSize = this.#chunkSize === undefined ? {} : { chunkSize: this.#chunkSize };
      return { binding, wrappedKey: wrapDataKey(kek.key, binding, dataKey), encryptor: new EncryptStream({ dataKey, keyRef, fileId, patientId, ...chunkSize }) };
    } finally {
      kek.key.fill(0);
      dataKey.fill(0);
    }
  }

  /** Keeps the wrapped key before the chain call, so a committed file always has its key; undoes the blob otherwise. */
  async #keepPendingKey(record: DataKeyRecord, stored: StoredBlob, encrypted: EncryptionResult): Promise<void> {
    try {
      if (stored.sha256 !== encrypted.ciphertextSha256 || stored.size !== encrypted.ciphertextBytes) {
        throw new FileIntegrityError('ciphertext-hash-mismatch', 'the blob store stored other bytes than were encrypted');
      }
      await this.#vault.putDataKey(record);
    } catch (error) {
      await this.#store.delete(stored.storageRef).catch((cleanup: unknown) => { this.#warn('cannot delete a blob whose key was not kept', cleanup); });
      throw error;
    }
  }

  async #encryptAndStore(content: UploadRequest['content'], encryptor: EncryptStream): Promise<StoredBlob> {
    let firstError: unknown;
    const remember = (error: unknown): never => {
      firstError ??= error;
      throw error;
    };
    const storing = this.#store.put(encryptor).catch((error: unknown) => {
      // Stops the feeding side too, which would otherwise wait forever for a reader.
      encryptor.destroy(error as Error);
      return remember(error);
    });
    const feeding = pipeline(content, encryptor).catch(remember);
    const [stored] = await Promise.allSettled([storing, feeding]);
    if (firstError !== undefined || stored.status === 'rejected') {
      throw firstError;
    }
    return stored.value;
  }

  async #openDataKey(record: DataKeyRecord): Promise<Buffer> {
    const kek = await this.#vault.getKek(record.patientId);
    if (kek === undefined || kek.kekId !== record.kekId) {
      kek?.key.fill(0);
      throw new FileError('FILE_KEY_UNAVAILABLE', `the patient's key-encryption key for ${record.storageRef} was destroyed`);
    }
    try {
      return unwrapDataKey(kek.key, record, record.wrappedKey);
    } finally {
      kek.key.fill(0);
    }
  }

  async #shredAll(records: DataKeyRecord[]): Promise<Omit<ErasureSummary, 'patientId' | 'kekDestroyed'>> {
    let dataKeysDestroyed = 0;
    let blobsDeleted = 0;
    const blobDeleteFailures: string[] = [];
    for (const record of records) {
      if (await this.#vault.deleteDataKey(record.keyRef)) {
        dataKeysDestroyed += 1;
      }
      try {
        await this.#store.delete(record.storageRef);
        blobsDeleted += 1;
      } catch (error) {
        this.#warn('cannot delete an erased blob', error);
        blobDeleteFailures.push(record.storageRef);
      }
    }
    return { dataKeysDestroyed, blobsDeleted, blobDeleteFailures };
  }

  /** Data key first: once it is gone the blob is undecryptable even if deleting the blob fails. */
  async #shred(record: DataKeyRecord): Promise<void> {
    await this.#vault.deleteDataKey(record.keyRef).catch((error: unknown) => { this.#warn('cannot delete a data key during rollback', error); });
    await this.#store.delete(record.storageRef).catch((error: unknown) => { this.#warn('cannot delete a blob during rollback', error); });
  }
}
