import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { ApplicationResponse, Claim, ClaimWithDetails, InsuranceApplication, InsurancePackageVersion, Page, Policy, PublishedPackage } from '../contract';
import { getPackage, getPackageVersion, listPackageVersions, listPackages, publishPackage, publishPackageVersion } from './insurance/packages';
import { apply, decline, getApplication, listApplicationsByInsurer, listApplicationsByPatient, respond, withdraw } from './insurance/applications';
import { decideClaim, getClaim, listClaimsByInsurer, listClaimsByPolicy, markPaid, readClaim, submitClaim } from './insurance/claims';
import { getPolicy, listPoliciesByInsurer, listPoliciesByPatient } from './insurance/policies';

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
    return publishPackage(ctx, packageId, { termsSha256, priceMinor, currency, coverageJson, eligibilitySummary });
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
    return publishPackageVersion(ctx, packageId, { termsSha256, priceMinor, currency, coverageJson, eligibilitySummary });
  }

  /** The latest version of a package, while its insurer is verified and not suspended. */
  @Transaction(false)
  @Returns('PublishedPackage')
  async getPackage(ctx: Context, packageId: string): Promise<PublishedPackage> {
    return getPackage(ctx, packageId);
  }

  /** One version of a package (e.g. the one a policy was issued from), while its insurer is active. */
  @Transaction(false)
  @Returns('PublishedPackage')
  async getPackageVersion(ctx: Context, packageId: string, version: number): Promise<PublishedPackage> {
    return getPackageVersion(ctx, packageId, version);
  }

  /**
   * The latest version of every package, in package-ID order. Packages of insurers that are not
   * active are left out after the page is read, so a page can hold fewer than pageSize items; keep
   * following the bookmark until it is empty.
   */
  @Transaction(false)
  @Returns('PublishedPackagePage')
  async listPackages(ctx: Context, pageSize: number, bookmark: string): Promise<Page<PublishedPackage>> {
    return listPackages(ctx, pageSize, bookmark);
  }

  /** Every version of one visible package, oldest first. */
  @Transaction(false)
  @Returns('InsurancePackageVersionPage')
  async listPackageVersions(ctx: Context, packageId: string, pageSize: number, bookmark: string): Promise<Page<InsurancePackageVersion>> {
    return listPackageVersions(ctx, packageId, pageSize, bookmark);
  }

  /**
   * A patient applies for the latest version of a package. `acceptedTermsSha256` must be that
   * version's terms hash (HASH_MISMATCH otherwise); it and the version's price are locked into the
   * application. The insurer must answer before `responseDeadline` (at most 30 days ahead).
   * `sharedRecordIdsJson` lists the patient's records to share with the application ('' or '[]'
   * for none): a workflow grant (workflowGrantId) lets the insurer view exactly those, purpose
   * COVERAGE, until the application is decided, declined or withdrawn.
   */
  @Transaction()
  @Returns('InsuranceApplication')
  async apply(
    ctx: Context,
    applicationId: string,
    packageId: string,
    version: number,
    acceptedTermsSha256: string,
    responseDeadline: string,
    sharedRecordIdsJson: string,
  ): Promise<InsuranceApplication> {
    return apply(ctx, applicationId, packageId, { version, acceptedTermsSha256, responseDeadline, sharedRecordIdsJson });
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
    return respond(ctx, applicationId, termsSha256, priceMinor);
  }

  /** The package's insurer declines before the deadline, optionally recommending another visible package. */
  @Transaction()
  @Returns('InsuranceApplication')
  async decline(ctx: Context, applicationId: string, recommendedPackageId: string): Promise<InsuranceApplication> {
    return decline(ctx, applicationId, recommendedPackageId);
  }

  /** The patient withdraws an application, only once its deadline passed without an answer. */
  @Transaction()
  @Returns('InsuranceApplication')
  async withdraw(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
    return withdraw(ctx, applicationId);
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
    return submitClaim(ctx, claimId, policyId, invoiceSha256, amountMinor);
  }

  /**
   * The policy's insurer decides a submitted claim: 'approved' pays the claimed amount in full
   * (approvedAmountMinor must equal it), 'partially-approved' pays 0 < approved < claimed,
   * 'denied' pays nothing (approvedAmountMinor 0).
   */
  @Transaction()
  @Returns('Claim')
  async decideClaim(ctx: Context, claimId: string, decision: string, approvedAmountMinor: number): Promise<Claim> {
    return decideClaim(ctx, claimId, decision, approvedAmountMinor);
  }

  /** The insurer records the payment of an (partially) approved claim; paymentRef is its opaque transfer reference. */
  @Transaction()
  @Returns('Claim')
  async markPaid(ctx: Context, claimId: string, paymentRef: string): Promise<Claim> {
    return markPaid(ctx, claimId, paymentRef);
  }

  /** An application: its insurer, or whoever may view the patient's insurance data (the patient first). */
  @Transaction(false)
  @Returns('InsuranceApplication')
  async getApplication(ctx: Context, applicationId: string): Promise<InsuranceApplication> {
    return getApplication(ctx, applicationId);
  }

  /** A patient's applications, optionally of one status ('' = all). */
  @Transaction(false)
  @Returns('InsuranceApplicationPage')
  async listApplicationsByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<InsuranceApplication>> {
    return listApplicationsByPatient(ctx, patientId, status, pageSize, bookmark);
  }

  /** The calling insurer's applications, optionally of one status (its queue: 'pending'). */
  @Transaction(false)
  @Returns('InsuranceApplicationPage')
  async listApplicationsByInsurer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<InsuranceApplication>> {
    return listApplicationsByInsurer(ctx, status, pageSize, bookmark);
  }

  /** A policy: its insurer, or whoever may view the patient's insurance data. */
  @Transaction(false)
  @Returns('Policy')
  async getPolicy(ctx: Context, policyId: string): Promise<Policy> {
    return getPolicy(ctx, policyId);
  }

  /** A patient's policies, oldest first. */
  @Transaction(false)
  @Returns('PolicyPage')
  async listPoliciesByPatient(ctx: Context, patientId: string, pageSize: number, bookmark: string): Promise<Page<Policy>> {
    return listPoliciesByPatient(ctx, patientId, pageSize, bookmark);
  }

  /** The calling insurer's policies, oldest first. */
  @Transaction(false)
  @Returns('PolicyPage')
  async listPoliciesByInsurer(ctx: Context, pageSize: number, bookmark: string): Promise<Page<Policy>> {
    return listPoliciesByInsurer(ctx, pageSize, bookmark);
  }

  /** A claim's public state: its insurer, its submitter, or whoever may view the patient's billing data. */
  @Transaction(false)
  @Returns('Claim')
  async getClaim(ctx: Context, claimId: string): Promise<Claim> {
    return getClaim(ctx, claimId);
  }

  /**
   * A claim with its private details. Submitted, consent-checked and logged like every read of
   * private data: the patient (owner), a delegate, or a grantee of 'view' on the patient's billing
   * data or on this claim, which is how an insurer gets to read what it assesses.
   */
  @Transaction()
  @Returns('ClaimWithDetails')
  async readClaim(ctx: Context, claimId: string): Promise<ClaimWithDetails> {
    return readClaim(ctx, claimId);
  }

  /** A policy's claims, optionally of one status: the policy's insurer, or whoever may view the patient's billing data. */
  @Transaction(false)
  @Returns('ClaimPage')
  async listClaimsByPolicy(ctx: Context, policyId: string, status: string, pageSize: number, bookmark: string): Promise<Page<Claim>> {
    return listClaimsByPolicy(ctx, policyId, status, pageSize, bookmark);
  }

  /** The calling insurer's claims, optionally of one status (its queue: 'submitted'). */
  @Transaction(false)
  @Returns('ClaimPage')
  async listClaimsByInsurer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<Claim>> {
    return listClaimsByInsurer(ctx, status, pageSize, bookmark);
  }
}
