import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  APPLICATION_STATUSES,
  CLAIM_DECISIONS,
  CLAIM_PAYMENT_REF_PATTERN,
  CLAIM_STATUSES,
  MAX_RESPONSE_WINDOW_SECONDS,
  ROLES,
  type ApplicationMismatch,
  type ApplicationResponse,
  type ApplicationStatus,
  type Claim,
  type ClaimStatus,
  type ClaimWithDetails,
  type InsuranceApplication,
  type InsurancePackageVersion,
  type Page,
  type Policy,
  type PublishedPackage,
} from '../contract';
import { decideAccess, type AccessDecision, type AccessQuery } from '../lib/access-decision';
import { recordAccess } from '../lib/access-log';
import { requireActor, type Actor } from '../lib/actors';
import { ChaincodeError } from '../lib/errors';
import { emitEvent } from '../lib/events';
import { newObjectId } from '../lib/ids';
import { pageViaIndex, statusFilter } from '../lib/indexed-page';
import {
  applicationEvent,
  applicationIndexParts,
  applicationKey,
  claimEvent,
  claimIndexParts,
  claimKey,
  claimQuery,
  DAY_SECONDS,
  insurerIsActive,
  packageKey,
  type PackageTerms,
  packageTerms,
  packageVersionKey,
  policyKey,
  published,
  requireApplication,
  requireBeforeDeadline,
  requireClaim,
  requireClaimable,
  requirePolicy,
  requireVisiblePackage,
  saveApplication,
  saveClaim,
} from '../lib/insurance-store';
import { pageOfObjects } from '../lib/paging';
import { HEALTH_COLLECTION, requireTransientJson } from '../lib/private-data';
import { sortedCopy } from '../lib/serialization';
import { objectKey, readObject, readPrivate, requireObject, writeIndex, writeObject, writePrivate } from '../lib/state';
import { nextStatus } from '../lib/status-machine';
import { addSeconds, hasPassed, txTimeIso } from '../lib/time';
import { requireInstant, requireObjectId, requireOneOf, requirePattern, requirePositiveInteger, requireSha256, requireStakeholderId } from '../lib/validation';
import { CLAIM_BY_INSURER_INDEX, CLAIM_BY_POLICY_INDEX, CLAIM_DETAILS_TYPE, CLAIM_TRANSITIONS, CLAIM_TYPE, parseClaimDetails, type ClaimDetails } from '../models/claim';
import { APPLICATION_BY_INSURER_INDEX, APPLICATION_BY_PATIENT_INDEX, APPLICATION_TRANSITIONS, APPLICATION_TYPE } from '../models/insurance-application';
import { PACKAGE_TYPE, PACKAGE_VERSION_TYPE, type InsurancePackage } from '../models/insurance-package';
import { POLICY_BY_INSURER_INDEX, POLICY_BY_PATIENT_INDEX, POLICY_TYPE } from '../models/policy';

/**
 * Insurance packages, applications, policies and claims.
 *
 * A verified insurer publishes packages as immutable versions. A patient applies for the latest
 * version, which locks the terms hash they accepted and its price; the insurer answers before the
 * patient's deadline, and only an answer repeating both locked values issues a policy. Claims carry
 * an invoice hash and amount publicly; what was treated goes to the private collection.
 */
@Info({ title: 'Insurance', description: 'Insurance packages, applications, policies and claims' })
export class InsuranceContract extends Contract {
  constructor() {
    super('Insurance');
  }

  /** A verified insurer publishes a new package as version 1. */
  @Transaction()
  @Returns('PublishedPackage')
  async publishPackage(
    ctx: Context,
    packageId: string,
    termsSha256: string,
    priceMinor: number,
    currency: string,
    coverageJson: string,
    eligibilitySummary: string,
  ): Promise<PublishedPackage> {
    const insurer = await requireActor(ctx, ['insurer']);
    const id = requireObjectId('packageId', packageId);
    const terms = packageTerms(termsSha256, priceMinor, currency, coverageJson, eligibilitySummary);
    if ((await readObject(ctx, packageKey(ctx, id))) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `package ${id} already exists; publish a new version instead`);
    }
    const now = txTimeIso(ctx);
    const head: InsurancePackage = { id, insurerId: insurer.stakeholderId, latestVersion: 1, createdAt: now, updatedAt: now };
    return this.#publish(ctx, head, terms, 'publishPackage');
  }

  /** The package's insurer publishes a new immutable version; earlier versions are never amended. */
  @Transaction()
  @Returns('PublishedPackage')
  async publishPackageVersion(
    ctx: Context,
    packageId: string,
    termsSha256: string,
    priceMinor: number,
    currency: string,
    coverageJson: string,
    eligibilitySummary: string,
  ): Promise<PublishedPackage> {
    const insurer = await requireActor(ctx, ['insurer']);
    requireObjectId('packageId', packageId);
    const terms = packageTerms(termsSha256, priceMinor, currency, coverageJson, eligibilitySummary);
    const current = await requireObject<InsurancePackage>(ctx, packageKey(ctx, packageId), `package ${packageId}`);
    if (current.insurerId !== insurer.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `package ${packageId} belongs to another insurer`);
    }
    const head: InsurancePackage = { ...current, latestVersion: current.latestVersion + 1, updatedAt: txTimeIso(ctx) };
    return this.#publish(ctx, head, terms, 'publishPackageVersion');
  }

  /** The latest version of a package, while its insurer is verified and not suspended. */
  @Transaction(false)
  @Returns('PublishedPackage')
  async getPackage(ctx: Context, packageId: string): Promise<PublishedPackage> {
    await requireActor(ctx, ROLES);
    const head = await requireVisiblePackage(ctx, packageId);
    return sortedCopy(await published(ctx, head, head.latestVersion));
  }

  /** One version of a package (e.g. the one a policy was issued from), while its insurer is active. */
  @Transaction(false)
  @Returns('PublishedPackage')
  async getPackageVersion(ctx: Context, packageId: string, version: number): Promise<PublishedPackage> {
    await requireActor(ctx, ROLES);
    requirePositiveInteger('version', version);
    const head = await requireVisiblePackage(ctx, packageId);
    return sortedCopy(await published(ctx, head, version));
  }

  /**
   * The latest version of every package, in package-ID order. Packages of insurers that are not
   * active are left out after the page is read, so a page can hold fewer than pageSize items; keep
   * following the bookmark until it is empty.
   */
  @Transaction(false)
  @Returns('PublishedPackagePage')
  async listPackages(ctx: Context, pageSize: number, bookmark: string): Promise<Page<PublishedPackage>> {
    await requireActor(ctx, ROLES);
    const page = await pageOfObjects<InsurancePackage>(ctx, PACKAGE_TYPE, [], pageSize, bookmark);
    const items: PublishedPackage[] = [];
    for (const head of page.items) {
      if (await insurerIsActive(ctx, head.insurerId)) {
        items.push(await published(ctx, head, head.latestVersion));
      }
    }
    return sortedCopy({ items, bookmark: page.bookmark });
  }

  /** Every version of one visible package, oldest first. */
  @Transaction(false)
  @Returns('InsurancePackageVersionPage')
  async listPackageVersions(ctx: Context, packageId: string, pageSize: number, bookmark: string): Promise<Page<InsurancePackageVersion>> {
    await requireActor(ctx, ROLES);
    const head = await requireVisiblePackage(ctx, packageId);
    return sortedCopy(await pageOfObjects<InsurancePackageVersion>(ctx, PACKAGE_VERSION_TYPE, [head.id], pageSize, bookmark));
  }

  /**
   * A patient applies for the latest version of a package. `acceptedTermsSha256` must be that
   * version's terms hash (HASH_MISMATCH otherwise); it and the version's price are locked into the
   * application. The insurer must answer before `responseDeadline` (at most 30 days ahead).
   */
  @Transaction()
  @Returns('InsuranceApplication')
  async apply(ctx: Context, applicationId: string, packageId: string, version: number, acceptedTermsSha256: string, responseDeadline: string): Promise<InsuranceApplication> {
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
    const key = applicationKey(ctx, id);
    if ((await readObject(ctx, key)) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `application ${id} already exists`);
    }

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
      appliedAt: now,
      updatedAt: now,
    };
    await writeObject(ctx, key, application);
    await writeIndex(ctx, APPLICATION_BY_PATIENT_INDEX, applicationIndexParts(application, application.patientId));
    await writeIndex(ctx, APPLICATION_BY_INSURER_INDEX, applicationIndexParts(application, application.insurerId));
    emitEvent(ctx, 'apply', applicationEvent(application));
    return sortedCopy(application);
  }

  /**
   * The package's insurer answers with the terms hash and price it offers. Both equal to the locked
   * values: a policy is issued (ID from the transaction ID, status 'active', coverage from now for
   * the package's coverage period). Otherwise the application is recorded as 'rejected' with what
   * differed: a mismatch is an outcome, not an error, so this transaction still commits. Answering
   * at or after the deadline is refused with DEADLINE_PASSED.
   */
  @Transaction()
  @Returns('ApplicationResponse')
  async respond(ctx: Context, applicationId: string, termsSha256: string, priceMinor: number): Promise<ApplicationResponse> {
    requireSha256('termsSha256', termsSha256);
    requirePositiveInteger('priceMinor', priceMinor);
    const { application } = await this.#insurerApplication(ctx, applicationId);
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
    let policy: Policy | undefined;
    if (mismatches.length === 0) {
      const version = await requireObject<InsurancePackageVersion>(
        ctx,
        packageVersionKey(ctx, application.packageId, application.packageVersion),
        `package ${application.packageId} version ${application.packageVersion}`,
      );
      policy = {
        id: newObjectId(ctx, 'pol'),
        applicationId: application.id,
        packageId: application.packageId,
        packageVersion: application.packageVersion,
        insurerId: application.insurerId,
        patientId: application.patientId,
        termsSha256,
        priceMinor,
        currency: application.currency,
        coverage: version.coverage,
        status: 'active',
        coverageStart: now,
        coverageEnd: addSeconds(now, version.coverage.coveragePeriodDays * DAY_SECONDS),
        issuedAt: now,
      };
      await writeObject(ctx, policyKey(ctx, policy.id), policy);
      await writeIndex(ctx, POLICY_BY_PATIENT_INDEX, [policy.patientId, policy.issuedAt, policy.id]);
      await writeIndex(ctx, POLICY_BY_INSURER_INDEX, [policy.insurerId, policy.issuedAt, policy.id]);
    }
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
    emitEvent(ctx, 'respond', { ...applicationEvent(updated), policyId: policy?.id });
    return sortedCopy({ application: updated, policy });
  }

  /** The package's insurer declines before the deadline, optionally recommending another visible package. */
  @Transaction()
  @Returns('InsuranceApplication')
  async decline(ctx: Context, applicationId: string, recommendedPackageId: string): Promise<InsuranceApplication> {
    const { application } = await this.#insurerApplication(ctx, applicationId);
    const to = nextStatus(APPLICATION_TRANSITIONS, 'decline', application.status, `application ${application.id}`);
    requireBeforeDeadline(ctx, application);
    const recommended = recommendedPackageId === '' ? undefined : (await requireVisiblePackage(ctx, recommendedPackageId)).id;
    const now = txTimeIso(ctx);
    const updated: InsuranceApplication = { ...application, status: to, recommendedPackageId: recommended, declinedAt: now, respondedAt: now, updatedAt: now };
    await saveApplication(ctx, application, updated);
    emitEvent(ctx, 'decline', { ...applicationEvent(updated), recommendedPackageId: recommended });
    return sortedCopy(updated);
  }

  /** The patient withdraws an application, only once its deadline passed without an answer. */
  @Transaction()
  @Returns('InsuranceApplication')
  async withdraw(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
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
    emitEvent(ctx, 'withdraw', applicationEvent(updated));
    return sortedCopy(updated);
  }

  /**
   * Submits a claim against an active policy. Transient 'claim': {details}. The policy holder may
   * claim; so may a verified hospital holding the patient's active 'edit' grant on 'billing' (a claim
   * is billing data the hospital writes on the patient's behalf; a 'view' grant on 'insurance' would
   * only let it look at the policy, not act on it).
   */
  @Transaction()
  @Returns('Claim')
  async submitClaim(ctx: Context, claimId: string, policyId: string, invoiceSha256: string, amountMinor: number): Promise<Claim> {
    const actor = await requireActor(ctx, ['patient', 'hospital']);
    const id = claimId === '' ? newObjectId(ctx, 'clm') : requireObjectId('claimId', claimId);
    requireSha256('invoiceSha256', invoiceSha256);
    requirePositiveInteger('amountMinor', amountMinor);
    const details = parseClaimDetails(requireTransientJson(ctx, 'claim'));
    const policy = await requirePolicy(ctx, policyId);
    const billingEdit: AccessQuery = { patientId: policy.patientId, action: 'edit', category: 'billing' };
    let decision: AccessDecision | undefined;
    if (actor.role === 'patient') {
      if (policy.patientId !== actor.stakeholderId) {
        throw new ChaincodeError('NOT_OWNER', `policy ${policy.id} belongs to another patient`);
      }
    } else {
      decision = await decideAccess(ctx, actor, billingEdit);
    }
    requireClaimable(ctx, policy);
    const key = claimKey(ctx, id);
    if ((await readObject(ctx, key)) !== undefined) {
      throw new ChaincodeError('ALREADY_EXISTS', `claim ${id} already exists`);
    }

    const now = txTimeIso(ctx);
    const claim: Claim = {
      id,
      policyId: policy.id,
      patientId: policy.patientId,
      insurerId: policy.insurerId,
      submittedBy: actor.stakeholderId,
      submitterRole: actor.role,
      submitGrantId: decision?.grantId,
      invoiceSha256,
      amountMinor,
      currency: policy.currency,
      status: 'submitted',
      submittedAt: now,
      updatedAt: now,
    };
    const privatePart: ClaimDetails = { claimId: id, patientId: policy.patientId, details };
    await writeObject(ctx, key, claim);
    await writePrivate(ctx, HEALTH_COLLECTION, objectKey(ctx, CLAIM_DETAILS_TYPE, [id]), privatePart);
    await writeIndex(ctx, CLAIM_BY_POLICY_INDEX, claimIndexParts(claim, claim.policyId));
    await writeIndex(ctx, CLAIM_BY_INSURER_INDEX, claimIndexParts(claim, claim.insurerId));
    if (decision !== undefined) {
      // a hospital wrote billing data into the patient's record: the patient sees it in their access log
      await recordAccess(ctx, actor, { ...billingEdit, recordId: id }, decision, { type: 'claim', id });
    }
    emitEvent(ctx, 'submitClaim', claimEvent(claim));
    return sortedCopy(claim);
  }

  /**
   * The policy's insurer decides a submitted claim: 'approved' pays the claimed amount in full
   * (approvedAmountMinor must equal it), 'partially-approved' pays 0 < approved < claimed,
   * 'denied' pays nothing (approvedAmountMinor 0).
   */
  @Transaction()
  @Returns('Claim')
  async decideClaim(ctx: Context, claimId: string, decision: string, approvedAmountMinor: number): Promise<Claim> {
    const chosen = requireOneOf('decision', decision, CLAIM_DECISIONS);
    if (!Number.isInteger(approvedAmountMinor) || approvedAmountMinor < 0) {
      throw new ChaincodeError('INVALID_ARGUMENT', 'approvedAmountMinor must be a whole number of at least 0');
    }
    const claim = await this.#insurerClaim(ctx, claimId);
    const to = nextStatus(CLAIM_TRANSITIONS, chosen, claim.status, `claim ${claim.id}`);
    const valid =
      (chosen === 'approved' && approvedAmountMinor === claim.amountMinor) ||
      (chosen === 'partially-approved' && approvedAmountMinor > 0 && approvedAmountMinor < claim.amountMinor) ||
      (chosen === 'denied' && approvedAmountMinor === 0);
    if (!valid) {
      throw new ChaincodeError(
        'INVALID_ARGUMENT',
        `approvedAmountMinor ${approvedAmountMinor} does not fit "${chosen}" of a ${claim.amountMinor} claim (approved: equal; partially-approved: between; denied: 0)`,
      );
    }
    const now = txTimeIso(ctx);
    const updated: Claim = { ...claim, status: to, decision: chosen, approvedAmountMinor, decidedAt: now, updatedAt: now };
    await saveClaim(ctx, claim, updated);
    emitEvent(ctx, 'decideClaim', claimEvent(updated));
    return sortedCopy(updated);
  }

  /** The insurer records the payment of an (partially) approved claim; paymentRef is its opaque transfer reference. */
  @Transaction()
  @Returns('Claim')
  async markPaid(ctx: Context, claimId: string, paymentRef: string): Promise<Claim> {
    requirePattern('paymentRef', paymentRef, CLAIM_PAYMENT_REF_PATTERN, '1-128 letters, digits or . _ : / -');
    const claim = await this.#insurerClaim(ctx, claimId);
    const to = nextStatus(CLAIM_TRANSITIONS, 'markPaid', claim.status, `claim ${claim.id}`);
    const now = txTimeIso(ctx);
    const updated: Claim = { ...claim, status: to, paymentRef, paidAt: now, updatedAt: now };
    await saveClaim(ctx, claim, updated);
    emitEvent(ctx, 'markPaid', claimEvent(updated));
    return sortedCopy(updated);
  }

  /** An application: its insurer, or whoever may view the patient's insurance data (the patient first). */
  @Transaction(false)
  @Returns('InsuranceApplication')
  async getApplication(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
    const actor = await requireActor(ctx, ROLES);
    const application = await requireApplication(ctx, applicationId);
    if (application.insurerId !== actor.stakeholderId) {
      await decideAccess(ctx, actor, { patientId: application.patientId, action: 'view', category: 'insurance', recordId: application.id });
    }
    return sortedCopy(application);
  }

  /** A patient's applications, optionally of one status ('' = all). */
  @Transaction(false)
  @Returns('InsuranceApplicationPage')
  async listApplicationsByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<InsuranceApplication>> {
    const actor = await requireActor(ctx, ROLES);
    requireStakeholderId('patientId', patientId);
    const filter = statusFilter<ApplicationStatus>(status, APPLICATION_STATUSES);
    await decideAccess(ctx, actor, { patientId, action: 'view', category: 'insurance' });
    return sortedCopy(
      await pageViaIndex<InsuranceApplication>(ctx, APPLICATION_BY_PATIENT_INDEX, [patientId, ...filter], APPLICATION_TYPE, pageSize, bookmark),
    );
  }

  /** The calling insurer's applications, optionally of one status (its queue: 'pending'). */
  @Transaction(false)
  @Returns('InsuranceApplicationPage')
  async listApplicationsByInsurer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<InsuranceApplication>> {
    const insurer = await requireActor(ctx, ['insurer']);
    const filter = statusFilter<ApplicationStatus>(status, APPLICATION_STATUSES);
    return sortedCopy(
      await pageViaIndex<InsuranceApplication>(ctx, APPLICATION_BY_INSURER_INDEX, [insurer.stakeholderId, ...filter], APPLICATION_TYPE, pageSize, bookmark),
    );
  }

  /** A policy: its insurer, or whoever may view the patient's insurance data. */
  @Transaction(false)
  @Returns('Policy')
  async getPolicy(ctx: Context, policyId: string): Promise<Policy> {
    const actor = await requireActor(ctx, ROLES);
    const policy = await requirePolicy(ctx, policyId);
    if (policy.insurerId !== actor.stakeholderId) {
      await decideAccess(ctx, actor, { patientId: policy.patientId, action: 'view', category: 'insurance', recordId: policy.id });
    }
    return sortedCopy(policy);
  }

  /** A patient's policies, oldest first. */
  @Transaction(false)
  @Returns('PolicyPage')
  async listPoliciesByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<Policy>> {
    const actor = await requireActor(ctx, ROLES);
    requireStakeholderId('patientId', patientId);
    await decideAccess(ctx, actor, { patientId, action: 'view', category: 'insurance' });
    return sortedCopy(await pageViaIndex<Policy>(ctx, POLICY_BY_PATIENT_INDEX, [patientId], POLICY_TYPE, pageSize, bookmark));
  }

  /** The calling insurer's policies, oldest first. */
  @Transaction(false)
  @Returns('PolicyPage')
  async listPoliciesByInsurer(ctx: Context, pageSize: number, bookmark: string): Promise<Page<Policy>> {
    const insurer = await requireActor(ctx, ['insurer']);
    return sortedCopy(await pageViaIndex<Policy>(ctx, POLICY_BY_INSURER_INDEX, [insurer.stakeholderId], POLICY_TYPE, pageSize, bookmark));
  }

  /** A claim's public state: its insurer, its submitter, or whoever may view the patient's billing data. */
  @Transaction(false)
  @Returns('Claim')
  async getClaim(ctx: Context, claimId: string): Promise<Claim> {
    const actor = await requireActor(ctx, ROLES);
    const claim = await requireClaim(ctx, claimId);
    if (claim.insurerId !== actor.stakeholderId && claim.submittedBy !== actor.stakeholderId) {
      await decideAccess(ctx, actor, claimQuery(claim));
    }
    return sortedCopy(claim);
  }

  /**
   * A claim with its private details. Submitted, consent-checked and logged like every read of
   * private data: the patient (owner), a delegate, or a grantee of 'view' on the patient's billing
   * data or on this claim, which is how an insurer gets to read what it assesses.
   */
  @Transaction()
  @Returns('ClaimWithDetails')
  async readClaim(ctx: Context, claimId: string): Promise<ClaimWithDetails> {
    const actor = await requireActor(ctx, ROLES);
    const claim = await requireClaim(ctx, claimId);
    const query = claimQuery(claim);
    const decision = await decideAccess(ctx, actor, query);
    const details = await readPrivate<ClaimDetails>(ctx, HEALTH_COLLECTION, objectKey(ctx, CLAIM_DETAILS_TYPE, [claim.id]));
    if (details === undefined) {
      throw new ChaincodeError('NOT_FOUND', `the details of claim ${claim.id} are not available on this peer`);
    }
    await recordAccess(ctx, actor, query, decision, { type: 'claim', id: claim.id });
    emitEvent(ctx, 'readClaim', { claimId: claim.id, accessorId: actor.stakeholderId, at: txTimeIso(ctx) });
    return sortedCopy({ claim, details: details.details });
  }

  /** A policy's claims, optionally of one status: the policy's insurer, or whoever may view the patient's billing data. */
  @Transaction(false)
  @Returns('ClaimPage')
  async listClaimsByPolicy(ctx: Context, policyId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Claim>> {
    const actor = await requireActor(ctx, ROLES);
    const filter = statusFilter<ClaimStatus>(status, CLAIM_STATUSES);
    const policy = await requirePolicy(ctx, policyId);
    if (policy.insurerId !== actor.stakeholderId) {
      await decideAccess(ctx, actor, { patientId: policy.patientId, action: 'view', category: 'billing' });
    }
    return sortedCopy(await pageViaIndex<Claim>(ctx, CLAIM_BY_POLICY_INDEX, [policy.id, ...filter], CLAIM_TYPE, pageSize, bookmark));
  }

  /** The calling insurer's claims, optionally of one status (its queue: 'submitted'). */
  @Transaction(false)
  @Returns('ClaimPage')
  async listClaimsByInsurer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<Claim>> {
    const insurer = await requireActor(ctx, ['insurer']);
    const filter = statusFilter<ClaimStatus>(status, CLAIM_STATUSES);
    return sortedCopy(await pageViaIndex<Claim>(ctx, CLAIM_BY_INSURER_INDEX, [insurer.stakeholderId, ...filter], CLAIM_TYPE, pageSize, bookmark));
  }

  async #publish(ctx: Context, head: InsurancePackage, terms: PackageTerms, transaction: string): Promise<PublishedPackage> {
    const version: InsurancePackageVersion = {
      ...terms,
      packageId: head.id,
      version: head.latestVersion,
      insurerId: head.insurerId,
      publishedAt: head.updatedAt,
      txId: ctx.stub.getTxID(),
    };
    await writeObject(ctx, packageKey(ctx, head.id), head);
    await writeObject(ctx, packageVersionKey(ctx, head.id, version.version), version);
    emitEvent(ctx, transaction, { packageId: head.id, version: version.version, insurerId: head.insurerId, termsSha256: version.termsSha256, at: version.publishedAt });
    return sortedCopy({ ...version, latestVersion: head.latestVersion });
  }

  /** The application, if the caller is the insurer it was addressed to. */
  async #insurerApplication(ctx: Context, applicationId: string): Promise<{ actor: Actor; application: InsuranceApplication }> {
    const actor = await requireActor(ctx, ['insurer']);
    const application = await requireApplication(ctx, applicationId);
    if (application.insurerId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `application ${application.id} is addressed to another insurer`);
    }
    return { actor, application };
  }

  /** The claim, if the caller is the insurer of its policy. */
  async #insurerClaim(ctx: Context, claimId: string): Promise<Claim> {
    const actor = await requireActor(ctx, ['insurer']);
    const claim = await requireClaim(ctx, claimId);
    if (claim.insurerId !== actor.stakeholderId) {
      throw new ChaincodeError('NOT_OWNER', `claim ${claim.id} is against another insurer's policy`);
    }
    return claim;
  }
}
