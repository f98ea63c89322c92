import type { LedgerIdentity, TransactionResult } from '@medledger/ledger-sim';
import { sha256Hex } from '../lib/sha256';
import { amendment, fileDetails, medicalFile, medicalFileHead, type Amendment, type FileDetails, type MedicalFile, type MedicalFileHead } from '../contract';
import { privateObject, publicObject } from './care';
import { DAY, grant, IDS, parsed, type ConsentWorld, type GrantOptions } from './consent';
import { T0 } from './world';

/**
 * Helpers for the Records, Appointment and HospitalService tests: well-formed file arguments,
 * consent through the real Consent contract, and inspection of everything a transaction made
 * public (world state and events) so tests can prove that health details stayed private.
 */

/** Private text the tests send in transient fields; it must never appear in public state or events. */
export const SECRET = {
  fileName: 'Ferritin follow-up for iron-deficiency anaemia',
  description: 'Ferritin 9 ng/mL, retest in six weeks',
  amendmentReason: 'The report lists a penicillin allergy I do not have',
  appointmentReason: 'Recurring migraines with aura',
  serviceDetails: 'MRI of the left knee after a skiing fall',
} as const;

/** A well-formed SHA-256 made of one repeated hex digit. */
export function sha(digit: string): string {
  return digit.repeat(64);
}

export interface ContentOptions {
  content?: string;
  ciphertext?: string;
  sizeBytes?: string;
  mediaType?: string;
  storageRef?: string;
  clientEncrypted?: string;
}

/**
 * The stored blob of one file (or of its amendments): a ciphertext hash and storage reference of
 * its own, as the gateway's uploads have. The chain lets a blob belong to one file only, so the
 * helpers below default to the file's own blob; versions of the same file may share it.
 */
export function blobOf(fileId: string, which: 'content' | 'amendment' = 'content'): { ciphertext: string; storageRef: string } {
  return { ciphertext: sha256Hex(`${fileId}/${which}`), storageRef: `blob:store/${fileId}/${which}` };
}

/** contentSha256, ciphertextSha256, sizeBytes, mediaType, storageRef, clientEncrypted. */
export function contentArgs(options: ContentOptions = {}): string[] {
  return [
    options.content ?? sha('1'),
    options.ciphertext ?? sha('2'),
    options.sizeBytes ?? '2048',
    options.mediaType ?? 'application/pdf',
    options.storageRef ?? 'blob:store/object-0001',
    options.clientEncrypted ?? 'true',
  ];
}

export function fileTransient(fileName: string = SECRET.fileName, description: string = SECRET.description): Record<string, string> {
  return { file: JSON.stringify({ fileName, description }) };
}

export async function createFile(
  world: ConsentWorld,
  who: LedgerIdentity,
  fileId: string,
  patientId: string,
  category = 'lab',
  options: ContentOptions & { confidentiality?: string } = {},
  transient: Record<string, string> = fileTransient(),
): Promise<TransactionResult> {
  const args = [fileId, patientId, category, ...contentArgs({ ...blobOf(fileId), ...options }), options.confidentiality ?? 'N'];
  return world.ledger.submit(who, 'Records:createFile', args, { transient });
}

export async function addVersion(
  world: ConsentWorld,
  who: LedgerIdentity,
  fileId: string,
  options: ContentOptions = {},
  transient: Record<string, string> = fileTransient('Second version'),
): Promise<TransactionResult> {
  return world.ledger.submit(who, 'Records:addVersion', [fileId, ...contentArgs({ ...blobOf(fileId), ...options })], { transient });
}

/** proposeAmendment's content arguments (no clientEncrypted). */
export function amendmentArgs(fileId: string, options: ContentOptions = {}): string[] {
  return [fileId, ...contentArgs({ content: sha('a'), ...blobOf(fileId, 'amendment'), ...options }).slice(0, 5)];
}

export async function proposeAmendment(
  world: ConsentWorld,
  who: LedgerIdentity,
  fileId: string,
  options: ContentOptions = {},
  details: Record<string, unknown> = { reason: SECRET.amendmentReason },
): Promise<TransactionResult> {
  return world.ledger.submit(who, 'Records:proposeAmendment', amendmentArgs(fileId, options), {
    transient: { amendment: JSON.stringify(details) },
  });
}

/**
 * A record of the patient that a grant's recordIds or an access check's recordId can name (both
 * must name an existing record of that patient): a file the patient uploads. The upload itself
 * is logged as the patient's own 'edit'.
 */
export async function patientRecord(world: ConsentWorld, fileId: string, category = 'lab'): Promise<string> {
  await createFile(world, world.patient, fileId, IDS.patient, category);
  return fileId;
}

/** The patient grants `granteeId` the given actions on categories (default: view+edit on lab for 30 days). */
export async function consent(world: ConsentWorld, granteeId: string, options: GrantOptions = {}): Promise<string> {
  const created = await grant(world, world.patient, granteeId, {
    actions: ['view', 'edit'],
    scope: { categories: ['lab'] },
    validUntil: world.at(30 * DAY),
    ...options,
  });
  return created.id;
}

/** Everything on public state and in events, decoded, as one searchable text. */
export function publicText(world: ConsentWorld): string {
  const snapshot = world.ledger.toJSON();
  const decode = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');
  return [...snapshot.state.map((entry) => `${entry.key}=${decode(entry.value)}`), ...snapshot.events.map((event) => decode(event.payload))].join('\n');
}

/** The patient's access log, as the patient sees it through AccessLog:listMine. */
export async function accessLogOf(world: ConsentWorld, patient: LedgerIdentity): Promise<Record<string, unknown>[]> {
  const page = JSON.parse(await world.ledger.evaluate(patient, 'AccessLog:listMine', ['100', ''])) as { items: Record<string, unknown>[] };
  return page.items;
}

export function versionPart(version: number): string {
  return String(version).padStart(10, '0');
}

// The Records contract tests' file: a lab file the patient uploads, and a clinical note the doctor writes.
export const FILE = 'fil-lab00001';
export const NOTE = 'fil-note0001';
export const T0_ISO = T0.toISOString();

/** A file's head (its pointer to the latest version) on public state, or undefined. */
export function head(world: ConsentWorld, fileId: string): MedicalFileHead | undefined {
  return publicObject(world, medicalFileHead, 'medicalFile', [fileId]);
}

/** One version of a file on public state, or undefined. */
export function version(world: ConsentWorld, fileId: string, number: number): MedicalFile | undefined {
  return publicObject(world, medicalFile, 'medicalFileVersion', [fileId, versionPart(number)]);
}

/** One version's private details (name and description), or undefined. */
export function details(world: ConsentWorld, fileId: string, number: number): FileDetails | undefined {
  return privateObject(world, fileDetails, 'medicalFileDetails', [fileId, versionPart(number)]);
}

/** A clinical note written by the doctor under an edit grant, and the grant's ID. */
export async function doctorNote(world: ConsentWorld): Promise<string> {
  const grantId = await consent(world, IDS.doctor, { scope: { categories: ['clinical-note'] } });
  await createFile(world, world.doctor, NOTE, IDS.patient, 'clinical-note', { content: sha('3') });
  return grantId;
}

/** The doctor's note with the patient's amendment proposed on it and still pending. */
export async function pendingAmendmentOnNote(world: ConsentWorld): Promise<Amendment> {
  await doctorNote(world);
  return parsed(amendment, await proposeAmendment(world, world.patient, NOTE));
}
