import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ActiveFileVersion, Amendment, AmendmentDetails, FileAccess, FileDetails, FileMetadataView, MedicalFile } from '@medledger/chaincode/client';
import type { Logger } from 'pino';
import type { LedgerCalls } from '../../ledger/ledger-calls';
import type { ResultOf } from '../../ledger/transaction-results';
import { LedgerError } from '../../ledger/ledger-port';
import { FileError } from '../../files/errors';
import type { DownloadTarget, FileContentMetadata, FileService } from './file-service';
import { disclose, purposeTransient } from '../../api/ledger-operations';
import { parseWith } from '../../api/validate';
import type { Principal } from '../../identity/principals/principal';
import { addVersionSchema, createFileSchema, proposeAmendmentSchema } from './file-schemas';
import { PatientErasures } from './erasure';
import type { UploadBody } from './upload-body';
import type { UploadJournal, UploadKind } from './upload-journal';

/** The Records transactions that record uploaded content, and what each returns. */
type UploadTransaction = 'Records:createFile' | 'Records:addVersion' | 'Records:proposeAmendment';

export interface Download {
  version: ActiveFileVersion;
  fileName: string;
  content: Readable;
}

const PAGE_SIZE = 100;

/** Lets the chain's answer stay undecided when the commit's outcome is unknown (the file core keeps such uploads pending). */
export function isCommitAmbiguous(error: unknown): boolean {
  return error instanceof LedgerError && (error.code === 'TIMEOUT' || error.code === 'COMMIT_STATUS_UNKNOWN');
}

export function newFileId(): string {
  return `file-${randomBytes(12).toString('hex')}`;
}

/**
 * The medical-files use cases, reading like the story: the gateway encrypts and stores the
 * content, the Records contract records hashes and metadata (and decides who may), downloads are
 * authorized and logged on chain before a byte is read, and a patient's erasure destroys their
 * key, their blobs and their private details, then leaves a trace on chain.
 */
export class MedicalFiles {
  /** A patient's erasure and its receipt (erasure.ts). */
  readonly erasures: PatientErasures;

  constructor(
    private readonly files: FileService,
    private readonly ledger: LedgerCalls,
    private readonly journal: UploadJournal,
    logger: Logger,
  ) {
    this.erasures = new PatientErasures(files, ledger, logger);
  }

  async create(principal: Principal, body: UploadBody): Promise<{ view: FileMetadataView; txId: string }> {
    return discardOnFailure(body, () => this.createFile(principal, body));
  }

  async addVersion(principal: Principal, fileId: string, body: UploadBody): Promise<{ view: FileMetadataView; txId: string }> {
    return discardOnFailure(body, () => this.addFileVersion(principal, fileId, body));
  }

  /**
   * The patient side uploads the corrected content of a file: it is encrypted and stored exactly as a
   * version of that file is (its data key bound to the file and its patient), and recorded as a
   * pending amendment. Once a doctor approves it, it is the file's next version and downloads as one.
   */
  async proposeAmendment(principal: Principal, fileId: string, body: UploadBody): Promise<{ amendment: Amendment; txId: string }> {
    return discardOnFailure(body, () => this.proposeFileAmendment(principal, fileId, body));
  }

  private async createFile(principal: Principal, body: UploadBody): Promise<{ view: FileMetadataView; txId: string }> {
    const fields = parseWith(createFileSchema, { ...body.fields, mediaType: body.mediaType });
    const fileId = fields.fileId ?? newFileId();
    const chain = await this.upload(principal, { fileId, patientId: fields.patientId, kind: 'version' }, fields, body.content, 'Records:createFile', (content) => ({
      args: [fileId, fields.patientId, fields.category, ...contentArgs(content), fields.confidentiality],
      transient: fileTransient(fileId, fields.fileName),
    }));
    return { view: chain.result, txId: chain.txId };
  }

  private async addFileVersion(principal: Principal, fileId: string, body: UploadBody): Promise<{ view: FileMetadataView; txId: string }> {
    const fields = parseWith(addVersionSchema, { ...body.fields, mediaType: body.mediaType });
    const current = await this.activeFile(principal, fileId);
    const chain = await this.upload(principal, { fileId, patientId: current.file.patientId, kind: 'version' }, fields, body.content, 'Records:addVersion', (content) => ({
      args: [fileId, ...contentArgs(content)],
      transient: fileTransient(fileId, fields.fileName),
    }));
    return { view: chain.result, txId: chain.txId };
  }

  private async proposeFileAmendment(principal: Principal, fileId: string, body: UploadBody): Promise<{ amendment: Amendment; txId: string }> {
    const fields = parseWith(proposeAmendmentSchema, { ...body.fields, mediaType: body.mediaType });
    const current = await this.activeFile(principal, fileId);
    // The chain inherits clientEncrypted from the version the amendment corrects; the gateway encrypts either way.
    const chain = await this.upload(principal, { fileId, patientId: current.file.patientId, kind: 'amendment' }, { ...fields, clientEncrypted: false }, body.content, 'Records:proposeAmendment', (content) => ({
      args: [fileId, content.contentSha256, content.ciphertextSha256, String(content.sizeBytes), content.mediaType, content.storageRef],
      transient: { amendment: JSON.stringify({ reason: fields.reason, fileName: fields.fileName, description: fields.description }) },
    }));
    return { amendment: chain.result, txId: chain.txId };
  }

  /**
   * A file that takes new content (a version or an amendment), as the caller may see it. Its data key
   * is bound to the file's patient as the chain knows it, never to a client's claim, so the content
   * decrypts as a version of this file.
   */
  private async activeFile(principal: Principal, fileId: string): Promise<FileMetadataView> {
    const current = await this.metadata(principal, fileId);
    if (current.file.status !== 'active') {
      throw new FileError('FILE_KEY_UNAVAILABLE', `medical file ${fileId} was erased`);
    }
    return current;
  }

  async metadata(principal: Principal, fileId: string): Promise<FileMetadataView> {
    return this.ledger.evaluateJson(principal, 'Records:getFileMetadata', [fileId]);
  }

  /** GET /files/{fileId}: a read of patient data, disclosed like the builders' (submitted and logged unless the caller is the patient). */
  async disclosedMetadata(principal: Principal, fileId: string, purpose: string | undefined): Promise<FileMetadataView> {
    return (await disclose(this.ledger, principal, 'Records:getFileMetadata', [fileId], transientOf(purpose), {})) as FileMetadataView;
  }

  async versions(principal: Principal, fileId: string, pageSize: number, bookmark: string, purpose?: string): Promise<{ items: MedicalFile[]; bookmark: string }> {
    const page = await disclose(this.ledger, principal, 'Records:getVersionHistory', [fileId, String(pageSize), bookmark], transientOf(purpose), {});
    return page as { items: MedicalFile[]; bookmark: string };
  }

  /**
   * Records:accessFile (submitted: the consent decision and the access-log entry) comes first and
   * names the version; then the content is decrypted and checked against that version's hashes.
   */
  async download(principal: Principal, fileId: string, version: number | undefined, purpose?: string): Promise<Download> {
    let granted: { version: ActiveFileVersion; fileName: string } | undefined;
    const content = await this.files.downloadAuthorized(async () => {
      const access = await this.accessFile(principal, fileId, version ?? 0, purpose);
      const active = activeVersion(access.file);
      granted = { version: active, fileName: access.details?.fileName ?? fileId };
      return downloadTarget(active);
    });
    if (granted === undefined) {
      throw new Error('downloadAuthorized returned content without asking the ledger');
    }
    return { ...granted, content };
  }

  /**
   * One version as the patient's take-out reads it: Records:accessFile decides (evaluated: decided
   * like a download, but nothing is committed, see features/export), and names the version and its
   * private details; `open` then decrypts and verifies its content when the zip reaches it.
   */
  async readableVersion(principal: Principal, fileId: string, version: number): Promise<{ version: ActiveFileVersion; details: FileDetails | null; open: () => Promise<Readable> }> {
    const access = await this.ledger.evaluateJson(principal, 'Records:accessFile', [fileId, String(version)]);
    const active = activeVersion(access.file);
    return { version: active, details: access.details, open: () => this.files.downloadAuthorized(() => Promise.resolve(downloadTarget(active))) };
  }

  /**
   * One amendment as the take-out reads it: Records:accessAmendment decides (evaluated) and names
   * its private details; `open` decrypts the proposed content, which is stored like a version of
   * the file (its data key bound to the file and its patient). An erased amendment has none.
   */
  async readableAmendment(principal: Principal, amendmentId: string): Promise<{ amendment: Amendment; details: AmendmentDetails | null; open?: () => Promise<Readable> }> {
    const { amendment, details } = await this.ledger.evaluateJson(principal, 'Records:accessAmendment', [amendmentId]);
    if (amendment.status === 'erased') {
      return { amendment, details };
    }
    const { fileId, patientId, contentSha256, ciphertextSha256, sizeBytes, storageRef } = amendment;
    return { amendment, details, open: () => this.files.downloadAuthorized(() => Promise.resolve({ fileId, patientId, contentSha256, ciphertextSha256, sizeBytes, storageRef })) };
  }

  /**
   * Is this upload's blob one of the file's versions (or, for an amendment upload, one of its
   * amendments) on chain? For start-up recovery, as a principal who may read it.
   */
  async isStoredOnChain(principal: Principal, fileId: string, storageRef: string, kind: UploadKind = 'version'): Promise<boolean> {
    const list = kind === 'amendment' ? 'Records:listAmendments' : 'Records:getVersionHistory';
    let bookmark = '';
    for (;;) {
      const page: { items: (MedicalFile | Amendment)[]; bookmark: string } = await this.ledger.evaluateJson(principal, list, [fileId, String(PAGE_SIZE), bookmark]);
      if (page.items.some((item) => 'storageRef' in item && item.storageRef === storageRef)) {
        return true;
      }
      if (page.bookmark === '' || page.items.length < PAGE_SIZE) {
        return false;
      }
      bookmark = page.bookmark;
    }
  }

  /**
   * Encrypts and stores the content under a data key bound to (fileId, patientId), then records it
   * on chain with `transaction`. The journal remembers the upload, and what kind it is, until the
   * chain's answer is known.
   */
  private async upload<F extends UploadTransaction>(
    principal: Principal,
    target: { fileId: string; patientId: string; kind: UploadKind },
    fields: { clientEncrypted: boolean; mediaType: string },
    content: Readable,
    fn: F,
    transaction: (content: FileContentMetadata) => { args: string[]; transient: Record<string, string> },
  ): Promise<{ txId: string; result: ResultOf<F> }> {
    const { fileId, patientId, kind } = target;
    const entry = await this.journal.begin({ fileId, principalId: principal.id, kind });
    let ambiguous = false;
    try {
      const { chain } = await this.files.upload({ fileId, patientId, mediaType: fields.mediaType, clientEncrypted: fields.clientEncrypted, content }, async (metadata) => {
        const { args, transient } = transaction(metadata);
        return this.ledger.submitWithTxId(principal, fn, args, transient);
      });
      return chain;
    } catch (error) {
      ambiguous = isCommitAmbiguous(error);
      throw error;
    } finally {
      // An ambiguous commit stays in the journal: recovery at the next start asks the chain.
      if (!ambiguous) {
        await this.journal.end(entry);
      }
    }
  }

  private async accessFile(principal: Principal, fileId: string, version: number, purpose?: string): Promise<FileAccess> {
    try {
      return await this.ledger.submitJson(principal, 'Records:accessFile', [fileId, String(version)], transientOf(purpose));
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'INVALID_STATE' && (await this.isErased(principal, fileId))) {
        throw new FileError('FILE_KEY_UNAVAILABLE', `medical file ${fileId} was erased`);
      }
      throw error;
    }
  }

  private async isErased(principal: Principal, fileId: string): Promise<boolean> {
    try {
      return (await this.metadata(principal, fileId)).file.status === 'erased';
    } catch {
      return false;
    }
  }
}

async function discardOnFailure<T>(body: UploadBody, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    body.discard();
    throw error;
  }
}

/** Transient 'file': a file without a name is named by its ID (as a download without private details is). */
function fileTransient(fileId: string, fileName: string | undefined): Record<string, string> {
  return { file: JSON.stringify({ fileName: fileName ?? fileId }) };
}

function contentArgs(content: FileContentMetadata): string[] {
  return [content.contentSha256, content.ciphertextSha256, String(content.sizeBytes), content.mediaType, content.storageRef, String(content.clientEncrypted)];
}

/** The version the ledger granted, if its content still exists (an erased version's is shredded). */
function activeVersion(file: MedicalFile): ActiveFileVersion {
  if (file.status !== 'active') {
    throw new FileError('FILE_KEY_UNAVAILABLE', `version ${file.version} of medical file ${file.fileId} was erased`);
  }
  return file;
}

function downloadTarget(file: ActiveFileVersion): DownloadTarget {
  const { fileId, patientId, contentSha256, ciphertextSha256, sizeBytes, storageRef } = file;
  return { fileId, patientId, contentSha256, ciphertextSha256, sizeBytes, storageRef };
}

/** The stated purpose as the transient map, or none. */
function transientOf(purpose: string | undefined): Record<string, string> | undefined {
  const transient = purposeTransient({ purpose });
  return Object.keys(transient).length === 0 ? undefined : transient;
}
