import { fhirIdOf, ledgerIdOf } from './ids';
import type { Resource } from './resources';

/**
 * One version of a medical file's content as a FHIR R4 Binary (https://hl7.org/fhir/R4/binary.html).
 * Its id names the file and the version: the ledger-style key `<fileId>_v<version>` through the
 * server's reversible id scheme (fhir/ids.ts: '_' becomes '.1'), so file-0123…_v2 is served as
 * Binary/file-0123….1v2 (a file ID is 29 characters, so the id stays well under 64).
 */
export interface Binary extends Resource {
  resourceType: 'Binary';
  contentType: string;
  /** The content, base64. */
  data: string;
}

const VERSION_KEY = /^(.+)_v([1-9][0-9]{0,15})$/;

/** The Binary id of this version of this file, or undefined when it has none (an ID outside the id alphabet). */
export function binaryIdOf(fileId: string, version: number): string | undefined {
  return fhirIdOf(`${fileId}_v${String(version)}`);
}

/** The file and version a Binary id names, or undefined when it names none (then no such Binary exists). */
export function fileVersionOfBinaryId(id: string): { fileId: string; version: number } | undefined {
  const match = VERSION_KEY.exec(ledgerIdOf(id) ?? '');
  const version = Number(match?.[2]);
  return match?.[1] === undefined || !Number.isSafeInteger(version) ? undefined : { fileId: match[1], version };
}

export function binaryOf(id: string, contentType: string, content: Buffer): Binary {
  return { resourceType: 'Binary', id, contentType, data: content.toString('base64') };
}
