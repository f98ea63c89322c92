import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../../platform/durable-fs';

/** What an upload records on chain: a version of the file (createFile, addVersion) or a proposed amendment of it. */
export type UploadKind = 'version' | 'amendment';

/** Who started an upload of which file, and of what kind: what start-up recovery needs to ask the chain as someone who may read it. */
export interface InFlightUpload {
  fileId: string;
  principalId: string;
  kind: UploadKind;
}

/**
 * One small file per upload in progress (<directory>/<random>.json), written durably before any
 * byte is stored and removed once the upload settled. Entries that survive a crash (or an
 * ambiguous commit) tell recoverPending whose identity can check the chain for that file.
 */
export class UploadJournal {
  constructor(private readonly directory: string) {}

  async begin(upload: InFlightUpload): Promise<string> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const path = join(this.directory, `${randomBytes(12).toString('hex')}.json`);
    await writeFileAtomically(path, JSON.stringify(upload));
    return path;
  }

  async end(entry: string): Promise<void> {
    await rm(entry, { force: true });
  }

  async entries(): Promise<InFlightUpload[]> {
    const names = await readdir(this.directory).catch(() => [] as string[]);
    const uploads: InFlightUpload[] = [];
    for (const name of names.filter((file) => file.endsWith('.json'))) {
      const parsed = JSON.parse(await readFile(join(this.directory, name), 'utf8')) as Partial<InFlightUpload>;
      if (typeof parsed.fileId === 'string' && typeof parsed.principalId === 'string') {
        // Entries written before amendments were uploaded here name no kind: they were versions.
        uploads.push({ fileId: parsed.fileId, principalId: parsed.principalId, kind: parsed.kind === 'amendment' ? 'amendment' : 'version' });
      }
    }
    return uploads;
  }

  /** After recovery settled every pending upload; temp files of interrupted journal writes go too. */
  async clear(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}
