import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Response } from 'supertest';
import type { ActiveFileVersion, MedicalFileHead } from '@medledger/chaincode/client';
import { openStoreKeyVault } from '../../../files/keys/store-key-vault';
import type { Role, Principal } from '../../../identity/principals/principal';
import { createLogger } from '../../../platform/logging/logger';
import { perTest } from '../../../test-support/per-test';
import { personAuthorization } from '../../../test-support/step-up-credentials';
import { createTestGateway, samlLogin, TEST_MASTER_KEY, type TestGateway } from '../../../test-support/test-gateway';
import { buildFilesFeature } from '../files-feature';

/** A file's view as these tests upload it: its latest version is live. */
export type ChainFileView = { file: MedicalFileHead; latest: ActiveFileVersion };

export interface Caller {
  principal: Principal;
  auth: [string, string];
}

export const FILE_NAME = 'Ferritin follow-up – Müller.pdf';
export const MiB = 1024 * 1024;
/** The upload limit the /files tests set (MEDLEDGER_FILE_MAX_BYTES), small enough to exceed quickly. */
export const MAX_BYTES = 2 * MiB;

/** Collects any response body as bytes, whatever its media type (an aborted body is superagent's error). */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    callback(null, Buffer.concat(chunks));
  });
}

export function jsonOf(response: Response): Record<string, unknown> {
  return JSON.parse(Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text) as Record<string, unknown>;
}

/**
 * A test gateway whose files live under a data directory of its own, with the calls the /files
 * tests make: people with read/write tokens, uploads, downloads, and a look at the vault and blobs.
 */
export class FilesGateway {
  readonly blobDir: string;

  constructor(
    readonly gateway: TestGateway,
    readonly dataDir: string,
  ) {
    this.blobDir = join(dataDir, 'files', 'blobs');
  }

  /** A signed-in person with a read/write token; a doctor is verified by an admin first. */
  async person(role: Role): Promise<Caller> {
    const { services } = this.gateway;
    const principal = await services.principals.signIn(samlLogin(role));
    const authorization = await personAuthorization(this.gateway, principal, ['read', 'write'], 1);
    if (role === 'doctor') {
      const admin = await services.principals.signIn(samlLogin('admin'));
      await services.ledger.submit(admin, 'Stakeholder:verify', [principal.stakeholderId, 'a'.repeat(64)]);
    }
    return {
      principal,
      get auth() {
        return authorization();
      },
    };
  }

  uploadRaw(caller: Caller, content: Buffer, headers: Record<string, string> = {}) {
    return request(this.gateway.app)
      .post('/files')
      .set(...caller.auth)
      .set('Content-Type', 'application/pdf')
      .set('X-Patient-Id', caller.principal.stakeholderId)
      .set('X-Category', 'lab')
      .set('X-File-Name', encodeURIComponent(FILE_NAME))
      .set(headers)
      .send(content);
  }

  /** The same X-* headers as a raw upload; the body's one part, file, is the content (its own name is the default file name). */
  uploadMultipart(caller: Caller, content: Buffer, headers: Record<string, string> = {}) {
    return request(this.gateway.app)
      .post('/files')
      .set(...caller.auth)
      .set('X-Patient-Id', caller.principal.stakeholderId)
      .set('X-Category', 'lab')
      .set(headers)
      .attach('file', content, { filename: FILE_NAME, contentType: 'image/png' });
  }

  async uploaded(caller: Caller, content: Buffer): Promise<ChainFileView> {
    const response = await this.uploadRaw(caller, content);
    expect(response.status).toBe(201);
    return response.body as ChainFileView;
  }

  /** GET the content; `purpose` states the access's purpose of use (the caller's role default without it). */
  download(caller: Caller, fileId: string, version?: number, purpose?: string) {
    const query = { ...(version === undefined ? {} : { version }), ...(purpose === undefined ? {} : { purpose }) };
    return request(this.gateway.app).get(`/files/${fileId}/content`).query(query).set(...caller.auth).buffer(true).parse(binary);
  }

  /** The file name the chain keeps, as a download names it. */
  async downloadedName(caller: Caller, fileId: string): Promise<string> {
    const disposition = String((await this.download(caller, fileId)).headers['content-disposition']);
    return decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '');
  }

  async filesOnChain(patient: Caller): Promise<unknown[]> {
    const page = JSON.parse(await this.gateway.services.ledger.evaluate(patient.principal, 'Records:listFiles', [patient.principal.stakeholderId, '100', ''])) as { items: unknown[] };
    return page.items;
  }

  async dataKeysOf(patientId: string): Promise<number> {
    return (await (await this.vault()).listDataKeys(patientId)).length;
  }

  async dataKeyOf(storageRef: string) {
    return (await this.vault()).findDataKeyByStorageRef(storageRef);
  }

  blobPathOf(view: ChainFileView): string {
    const digest = view.latest.storageRef.replace(/^sha256:/, '');
    return join(this.blobDir, 'sha256', digest.slice(0, 2), digest.slice(2, 4), digest);
  }

  /** The files feature as a restarted gateway builds it: ready() has run its start-up recovery (and vault file import). */
  async restartedFiles(logger = createLogger('silent')): Promise<void> {
    const { config, services } = this.gateway;
    const restarted = buildFilesFeature({ config: config.files, logger, ledger: services.ledgerCalls, principals: services.store.principals, keyStore: services.store, masterKey: TEST_MASTER_KEY });
    await restarted.ready();
  }

  async close(): Promise<void> {
    await this.gateway.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private vault() {
    return openStoreKeyVault(this.gateway.services.store.fileKeys, TEST_MASTER_KEY);
  }
}

/** A FilesGateway for each test of the enclosing describe, closed (data directory and all) after it. */
export function useFilesGateway(environment: Record<string, string> = {}): FilesGateway {
  return perTest(
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'medledger-files-'));
      return new FilesGateway(createTestGateway({ environment: { MEDLEDGER_DATA_DIR: dataDir, ...environment } }), dataDir);
    },
    (files) => files.close(),
  );
}
