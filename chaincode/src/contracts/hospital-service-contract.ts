import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import type { Page, PriceList, ServiceRequest, ServiceRequestWithDetails, ServiceRequestWithDispute } from '../contract';
import { attachReport, cancel } from './hospital-services/completion';
import { accept, quote, requestEstimate } from './hospital-services/estimates';
import { confirmPayment, recordPayment } from './hospital-services/payments';
import { getPriceList, setPriceList } from './hospital-services/price-lists';
import { accessDetails, accessDispute, getRequest, listByHospital, listByPatient, listByReferrer } from './hospital-services/reads';
import { acceptReferral, declineReferral, refer } from './hospital-services/referrals';
import { acceptReport, disputeReport } from './hospital-services/report-review';

/**
 * Hospital services from estimate to lab report: the patient asks for an estimate, the hospital
 * quotes a price locked until validUntil, the patient accepts and pays, the hospital confirms
 * the payment and attaches the report (a medical file created through Records). Each step has a
 * deadline; a party left waiting past one may cancel.
 * Each transaction's work is in hospital-services/, one file per concept; this class is the list
 * of what clients may call.
 */
@Info({ title: 'HospitalService', description: 'Estimates, price locks, payments and reports for hospital services' })
export class HospitalServiceContract extends Contract {
  constructor() {
    super('HospitalService');
  }

  /** The patient asks a verified hospital for an estimate. Transient 'service': {details}. */
  @Transaction()
  @Returns('ServiceRequest')
  async requestEstimate(ctx: Context, hospitalId: string, serviceCode: string): Promise<ServiceRequest> {
    return requestEstimate(ctx, hospitalId, serviceCode);
  }

  /** The hospital quotes before quoteBy; the price is locked until validUntil (the acceptance deadline). */
  @Transaction()
  @Returns('ServiceRequest')
  async quote(ctx: Context, requestId: string, priceMinor: number, currency: string, validUntil: string): Promise<ServiceRequest> {
    return quote(ctx, requestId, priceMinor, currency, validUntil);
  }

  /** The patient accepts the quoted price while the quote is valid. */
  @Transaction()
  @Returns('ServiceRequest')
  async accept(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return accept(ctx, requestId);
  }

  /**
   * The patient records paying the accepted price, online or in cash, before payBy. The payment
   * plans the report's file ID (plannedReportFileId) and creates a workflow grant (workflowGrantId)
   * letting the hospital upload that one file through Records, until the report is attached or the
   * request is cancelled.
   */
  @Transaction()
  @Returns('ServiceRequest')
  async recordPayment(ctx: Context, requestId: string, method: string, paymentRef: string): Promise<ServiceRequest> {
    return recordPayment(ctx, requestId, method, paymentRef);
  }

  /** The hospital confirms it received the payment (late confirmation is accepted while nobody has cancelled). */
  @Transaction()
  @Returns('ServiceRequest')
  async confirmPayment(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return confirmPayment(ctx, requestId);
  }

  /** The hospital attaches the report: an active medical file of the same patient, created through Records. */
  @Transaction()
  @Returns('ServiceRequest')
  async attachReport(ctx: Context, requestId: string, fileId: string): Promise<ServiceRequest> {
    return attachReport(ctx, requestId, fileId);
  }

  /**
   * Cancels an open request. The party that owes the next step may cancel at any time; the party
   * waiting for it only once that step's deadline has passed without it.
   */
  @Transaction()
  @Returns('ServiceRequest')
  async cancel(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return cancel(ctx, requestId);
  }

  /** The public record (no details), for the patient or the hospital. */
  @Transaction(false)
  @Returns('ServiceRequest')
  async get(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return getRequest(ctx, requestId);
  }

  /**
   * The request with its private details, decided like other patient data (category 'billing',
   * record ID = request ID): the patient and delegates always, the hospital or anyone else under a
   * grant. Submitted, because every read of private data is logged.
   */
  @Transaction()
  @Returns('ServiceRequestWithDetails')
  async accessDetails(ctx: Context, requestId: string): Promise<ServiceRequestWithDetails> {
    return accessDetails(ctx, requestId);
  }

  /** A page of a patient's requests, newest last; status '' for all. Patient, delegate or a grantee with 'billing' view. */
  @Transaction(false)
  @Returns('ServiceRequestPage')
  async listByPatient(ctx: Context, patientId: string, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
    return listByPatient(ctx, patientId, status, pageSize, bookmark);
  }

  /** A page of the calling hospital's own requests; status '' for all. */
  @Transaction(false)
  @Returns('ServiceRequestPage')
  async listByHospital(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
    return listByHospital(ctx, status, pageSize, bookmark);
  }

  /** The calling hospital replaces its price list: a JSON list of at most 200 {code, name, price, currency}, codes distinct. Public: prices are not health data. */
  @Transaction()
  @Returns('PriceList')
  async setPriceList(ctx: Context, itemsJson: string): Promise<PriceList> {
    return setPriceList(ctx, itemsJson);
  }

  /** A hospital's price list, for anyone registered; NOT_FOUND before it publishes one. */
  @Transaction(false)
  @Returns('PriceList')
  async getPriceList(ctx: Context, hospitalId: string): Promise<PriceList> {
    return getPriceList(ctx, hospitalId);
  }

  /**
   * A doctor refers the patient to a hospital's service ('referred'), with the patient's consent
   * to edit their service requests (REFERRAL_ACCESS). serviceCode '' leaves the service to the
   * hospital. Transient 'service': {details}, the clinical reason (private).
   */
  @Transaction()
  @Returns('ServiceRequest')
  async refer(ctx: Context, patientId: string, hospitalId: string, serviceCode: string): Promise<ServiceRequest> {
    return refer(ctx, patientId, hospitalId, serviceCode);
  }

  /** The patient accepts a referral: it becomes 'requested', and the hospital may read its reason under a workflow grant (referralGrantId). */
  @Transaction()
  @Returns('ServiceRequest')
  async acceptReferral(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return acceptReferral(ctx, requestId);
  }

  /** The patient declines a referral; the hospital never sees it. */
  @Transaction()
  @Returns('ServiceRequest')
  async declineReferral(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return declineReferral(ctx, requestId);
  }

  /** A page of the calling doctor's referrals; status '' for all. */
  @Transaction(false)
  @Returns('ServiceRequestPage')
  async listByReferrer(ctx: Context, status: string, pageSize: number, bookmark: string): Promise<Page<ServiceRequest>> {
    return listByReferrer(ctx, status, pageSize, bookmark);
  }

  /** The patient accepts the attached report, before reportReviewDeadline and only once. */
  @Transaction()
  @Returns('ServiceRequest')
  async acceptReport(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return acceptReport(ctx, requestId);
  }

  /** The patient disputes the attached report, before reportReviewDeadline and only once. Transient 'dispute': {reason} (private). */
  @Transaction()
  @Returns('ServiceRequest')
  async disputeReport(ctx: Context, requestId: string): Promise<ServiceRequest> {
    return disputeReport(ctx, requestId);
  }

  /** The request with its dispute's reason, a logged read: the patient, a delegate, the hospital (as a party), a grantee. */
  @Transaction()
  @Returns('ServiceRequestWithDispute')
  async accessDispute(ctx: Context, requestId: string): Promise<ServiceRequestWithDispute> {
    return accessDispute(ctx, requestId);
  }
}
