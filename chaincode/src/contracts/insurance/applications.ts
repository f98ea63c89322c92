import type { Context } from 'fabric-contract-api';
import { APPLICATION_STATUSES, MAX_RESPONSE_WINDOW_SECONDS, ROLES, type ApplicationMismatch, type ApplicationResponse, type ApplicationStatus, type InsuranceApplication, type Page } from '../../contract';
import { decideAccess, type AccessQuery } from '../../lib/access-decision';
import { pagingFor, recordListRead, recordPartyList } from '../../lib/disclosures';
import { requireActor, type Actor } from '../../lib/actors';
import { ChaincodeError } from '../../lib/errors';
import { emitEvent } from '../../lib/events';
import { newObjectId } from '../../lib/ids';
import { pageViaIndex, statusFilter } from '../../lib/indexed-page';
import { applicationEvent, applicationIndexParts, applicationKey, published, requireApplication, requireBeforeDeadline, requireInsurerOrInsuranceViewer, requireVisiblePackage, saveApplication } from '../../lib/insurance-store';
import { sortedCopy } from '../../lib/serialization';
import { readObject, writeIndex, writeObject } from '../../lib/state';
import { nextStatus } from '../../lib/status-machine';
import { addSeconds, hasPassed, txTimeIso } from '../../lib/time';
import { parseJsonArgument, requireInstant, requireObjectId, requirePositiveInteger, requireSha256, requireStakeholderId } from '../../lib/validation';
import { APPLICATION_BY_INSURER_INDEX, APPLICATION_BY_PATIENT_INDEX, APPLICATION_TRANSITIONS, APPLICATION_TYPE } from '../../models/insurance-application';
import { requirePatientRecords } from '../../lib/patient-records';
import { requireScopeRecordIds } from '../../models/grant';
import { createWorkflowGrant, endWorkflowGrant } from '../consent/grants';
import { issuePolicy } from './policies';

/*
 * Insurance applications: a patient applies with locked terms and price; the insurer answers before
 * the deadline. Records the patient shares with the application become a workflow grant: the insurer
 * may view them (purpose COVERAGE, which the insurer states for these reads) until the application is
 * decided, declined or withdrawn.
 */

/** The application's arguments after its ID and package. */
export interface ApplyArguments {
  version: number;
  acceptedTermsSha256: string;
  responseDeadline: string;
  /** JSON array of the patient's record IDs to share with the insurer; '' or '[]' shares none. */
  sharedRecordIdsJson: string;
}

export async function apply(ctx: Context, applicationId: string, packageId: string, args: ApplyArguments): Promise<InsuranceApplication> {
  const { version, acceptedTermsSha256, responseDeadline } = args;
  const patient = await requireActor(ctx, ['patient']);
  const id = applicationId === '' ? newObjectId(ctx, 'app') : requireObjectId('applicationId', applicationId);
  requirePositiveInteger('version', version);
  requireSha256('acceptedTermsSha256', acceptedTermsSha256);
  const now = txTimeIso(ctx);
  const deadline = requireInstant('responseDeadline', responseDeadline);
  if (deadline <= now || deadline > addSeconds(now, MAX_RESPONSE_WINDOW_SECONDS)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'responseDeadline must be after now and at most 30 days ahead');
  }
  const head = await requireVisiblePackage(ctx, packageId);
  const offered = await published(ctx, head, version);
  if (version !== head.latestVersion) {
    throw new ChaincodeError('INVALID_STATE', `version ${version} of package ${head.id} has been superseded by version ${head.latestVersion}`);
  }
  if (offered.termsSha256 !== acceptedTermsSha256) {
    throw new ChaincodeError('HASH_MISMATCH', `the accepted terms are not those of package ${head.id} version ${version}`);
  }
  const shared = parseSharedRecordIds(args.sharedRecordIdsJson);
  await requirePatientRecords(ctx, patient.stakeholderId, shared);
  const key = applicationKey(ctx, id);
  if ((await readObject(ctx, key)) !== undefined) {
    throw new ChaincodeError('ALREADY_EXISTS', `application ${id} already exists`);
  }
  const grant = shared.length === 0 ? undefined : await createWorkflowGrant(ctx, {
    patientId: patient.stakeholderId,
    grantee: { id: head.insurerId, role: 'insurer' },
    action: 'view',
    recordIds: shared,
    purpose: 'COVERAGE',
    workflow: { type: 'insurance-application', id },
  });

  const application: InsuranceApplication = {
    id,
    packageId: head.id,
    packageVersion: version,
    insurerId: head.insurerId,
    patientId: patient.stakeholderId,
    lockedTermsSha256: acceptedTermsSha256,
    lockedPriceMinor: offered.priceMinor,
    currency: offered.currency,
    responseDeadline: deadline,
    status: 'pending',
    workflowGrantId: grant?.id,
    appliedAt: now,
    updatedAt: now,
  };
  await writeObject(ctx, key, application);
  await writeIndex(ctx, APPLICATION_BY_PATIENT_INDEX, applicationIndexParts(application, application.patientId));
  await writeIndex(ctx, APPLICATION_BY_INSURER_INDEX, applicationIndexParts(application, application.insurerId));
  emitEvent(ctx, 'apply', applicationEvent(application));
  return sortedCopy(application);
}

export async function respond(ctx: Context, applicationId: string, termsSha256: string, priceMinor: number): Promise<ApplicationResponse> {
  requireSha256('termsSha256', termsSha256);
  requirePositiveInteger('priceMinor', priceMinor);
  const { application } = await insurerApplication(ctx, applicationId);
  const mismatches: ApplicationMismatch[] = [];
  if (termsSha256 !== application.lockedTermsSha256) {
    mismatches.push('terms');
  }
  if (priceMinor !== application.lockedPriceMinor) {
    mismatches.push('price');
  }
  const to = nextStatus(APPLICATION_TRANSITIONS, mismatches.length === 0 ? 'respondMatched' : 'respondMismatched', application.status, `application ${application.id}`);
  requireBeforeDeadline(ctx, application);

  const now = txTimeIso(ctx);
  const policy = mismatches.length === 0 ? await issuePolicy(ctx, application, now) : undefined;
  const updated: InsuranceApplication = {
    ...application,
    status: to,
    respondedAt: now,
    offeredTermsSha256: termsSha256,
    offeredPriceMinor: priceMinor,
    mismatches: mismatches.length === 0 ? undefined : mismatches,
    policyId: policy?.id,
    updatedAt: now,
  };
  await saveApplication(ctx, application, updated);
  await endWorkflowGrant(ctx, updated.workflowGrantId, updated.status);
  emitEvent(ctx, 'respond', { ...applicationEvent(updated), policyId: policy?.id });
  return sortedCopy({ application: updated, policy });
}

export async function decline(ctx: Context, applicationId: string, recommendedPackageId: string): Promise<InsuranceApplication> {
  const { application } = await insurerApplication(ctx, applicationId);
  const to = nextStatus(APPLICATION_TRANSITIONS, 'decline', application.status, `application ${application.id}`);
  requireBeforeDeadline(ctx, application);
  const recommended = recommendedPackageId === '' ? undefined : (await requireVisiblePackage(ctx, recommendedPackageId)).id;
  const now = txTimeIso(ctx);
  const updated: InsuranceApplication = { ...application, status: to, recommendedPackageId: recommended, declinedAt: now, respondedAt: now, updatedAt: now };
  await saveApplication(ctx, application, updated);
  await endWorkflowGrant(ctx, updated.workflowGrantId, updated.status);
  emitEvent(ctx, 'decline', { ...applicationEvent(updated), recommendedPackageId: recommended });
  return sortedCopy(updated);
}

export async function withdraw(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
  const patient = await requireActor(ctx, ['patient']);
  const application = await requireApplication(ctx, applicationId);
  if (application.patientId !== patient.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `application ${application.id} belongs to another patient`);
  }
  const to = nextStatus(APPLICATION_TRANSITIONS, 'withdraw', application.status, `application ${application.id}`);
  if (!hasPassed(ctx, application.responseDeadline)) {
    throw new ChaincodeError('DEADLINE_NOT_REACHED', `the insurer may answer application ${application.id} until ${application.responseDeadline}`);
  }
  const now = txTimeIso(ctx);
  const updated: InsuranceApplication = { ...application, status: to, withdrawnAt: now, updatedAt: now };
  await saveApplication(ctx, application, updated);
  await endWorkflowGrant(ctx, updated.workflowGrantId, updated.status);
  emitEvent(ctx, 'withdraw', applicationEvent(updated));
  return sortedCopy(updated);
}

export async function getApplication(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
  const actor = await requireActor(ctx, ROLES);
  const application = await requireApplication(ctx, applicationId);
  await requireInsurerOrInsuranceViewer(ctx, actor, application, 'application');
  return sortedCopy(application);
}

export async function listApplicationsByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<InsuranceApplication>> {
  const actor = await requireActor(ctx, ROLES);
  requireStakeholderId('patientId', patientId);
  const filter = statusFilter<ApplicationStatus>(status, APPLICATION_STATUSES);
  const query: AccessQuery = { patientId, action: 'view', category: 'insurance' };
  const decision = await decideAccess(ctx, actor, query);
  const page = await pageViaIndex<InsuranceApplication>(ctx, APPLICATION_BY_PATIENT_INDEX, [patientId, ...filter], APPLICATION_TYPE, pageSize, bookmark, pagingFor(decision));
  await recordListRead(ctx, actor, 'applications', [{ query, decision }]);
  return sortedCopy(page);
}

export async function listApplicationsByInsurer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<InsuranceApplication>> {
  const insurer = await requireActor(ctx, ['insurer']);
  const filter = statusFilter<ApplicationStatus>(status, APPLICATION_STATUSES);
  const page = await pageViaIndex<InsuranceApplication>(ctx, APPLICATION_BY_INSURER_INDEX, [insurer.stakeholderId, ...filter], APPLICATION_TYPE, pageSize, bookmark, 'logged');
  await recordPartyList(ctx, insurer, 'applications', 'insurance', page.items);
  return sortedCopy(page);
}

/** The application, if the caller is the insurer it was addressed to. */
async function insurerApplication(ctx: Context, applicationId: string): Promise<{ actor: Actor; application: InsuranceApplication }> {
  const actor = await requireActor(ctx, ['insurer']);
  const application = await requireApplication(ctx, applicationId);
  if (application.insurerId !== actor.stakeholderId) {
    throw new ChaincodeError('NOT_OWNER', `application ${application.id} is addressed to another insurer`);
  }
  return { actor, application };
}

/** The record IDs shared with an application: '' or '[]' for none, else 1-MAX_SCOPE_RECORD_IDS distinct IDs. */
function parseSharedRecordIds(raw: string): string[] {
  if (raw === '' || raw.trim() === '[]') {
    return [];
  }
  return requireScopeRecordIds('sharedRecordIdsJson', parseJsonArgument('sharedRecordIdsJson', raw));
}
