import { z } from 'zod';
import { accessCheck, accessLogEntry, accessLogPage, accessStats } from './access-log';
import { appointment, appointmentPage, appointmentWithDetails } from './appointments';
import { breakGlassPage, breakGlassRecord, breakGlassView, delegationPage, delegationView } from './delegations';
import { accessRequestPage, accessRequestView, grantPage, grantView } from './grants';
import { serviceRequest, serviceRequestPage, serviceRequestWithDetails, serviceRequestWithDispute } from './hospital-services';
import { priceList } from './price-lists';
import { txId } from './identifiers';
import {
  applicationResponse,
  claim,
  claimPage,
  claimWithDetails,
  insuranceApplication,
  insuranceApplicationPage,
  insurancePackageVersionPage,
  policy,
  policyPage,
  publishedPackage,
  publishedPackagePage,
} from './insurance';
import { medicineOrder, medicineOrderPage, orderPrescription, prescription, prescriptionPage, prescriptionWithItems } from './prescriptions';
import {
  amendment,
  amendmentApproval,
  amendmentPage,
  amendmentWithDetails,
  fileAccess,
  fileMetadataPage,
  fileMetadataView,
  medicalFileHead,
  medicalFilePage,
  patientErasure,
} from './records';
import { stakeholder, stakeholderPage } from './stakeholders';

/**
 * What every transaction returns, by "Contract:transaction" (the name a client submits or
 * evaluates). Each result arrives as JSON with its keys sorted at every level, except the two
 * Platform results, which are plain text. The chaincode's GetMetadata describes the same shapes;
 * contract-metadata.test.ts keeps the two equal and fails for a transaction missing here.
 */
export const TRANSACTION_RESULTS = {
  'Platform:getVersion': z.string().min(1).describe('The chaincode release, plain text'),
  'Platform:ping': txId.describe('The transaction ID of the ping, plain text'),

  'Stakeholder:register': stakeholder,
  'Stakeholder:verify': stakeholder,
  'Stakeholder:suspend': stakeholder,
  'Stakeholder:reinstate': stakeholder,
  'Stakeholder:get': stakeholder,
  'Stakeholder:list': stakeholderPage,

  'Consent:grant': grantView,
  'Consent:grantFor': grantView,
  'Consent:revoke': grantView,
  'Consent:getGrant': grantView,
  'Consent:listGrantsByPatient': grantPage,
  'Consent:listGrantsByGrantee': grantPage,
  'Consent:requestAccess': accessRequestView,
  'Consent:approveRequest': grantView,
  'Consent:denyRequest': accessRequestView,
  'Consent:getRequest': accessRequestView,
  'Consent:listRequestsByPatient': accessRequestPage,
  'Consent:listRequestsByRequester': accessRequestPage,
  'Consent:grantDelegation': delegationView,
  'Consent:revokeDelegation': delegationView,
  'Consent:getDelegation': delegationView,
  'Consent:listDelegationsByPatient': delegationPage,
  'Consent:listDelegationsByDelegate': delegationPage,
  'Consent:breakGlass': breakGlassView,
  'Consent:getBreakGlass': breakGlassView,
  'Consent:listBreakGlassByPatient': breakGlassPage,
  'Consent:openBreakGlassRecord': breakGlassRecord,
  'Consent:checkAccess': accessCheck,

  'AccessLog:listMine': accessLogPage,
  'AccessLog:listForPatient': accessLogPage,
  'AccessLog:queryMine': accessLogPage,
  'AccessLog:queryForPatient': accessLogPage,
  'AccessLog:recordRefusal': accessLogEntry,
  'AccessLog:stats': accessStats,

  'Records:createFile': fileMetadataView,
  'Records:addVersion': fileMetadataView,
  'Records:proposeAmendment': amendment,
  'Records:approveAmendment': amendmentApproval,
  'Records:rejectAmendment': amendment,
  'Records:accessAmendment': amendmentWithDetails,
  'Records:accessFile': fileAccess,
  'Records:setConfidentiality': fileMetadataView,
  'Records:getFileMetadata': fileMetadataView,
  'Records:listFiles': fileMetadataPage,
  'Records:getVersionHistory': medicalFilePage,
  'Records:listAmendments': amendmentPage,
  'Records:erasePrivateData': medicalFileHead,
  'Records:erasePatientData': patientErasure,
  'Records:recordErasure': patientErasure,
  'Records:getErasureReceipt': patientErasure,

  'Prescription:issue': prescription,
  'Prescription:cancel': prescription,
  'Prescription:placeOrder': medicineOrder,
  'Prescription:acceptOrder': medicineOrder,
  'Prescription:rejectOrder': medicineOrder,
  'Prescription:cancelOrder': medicineOrder,
  'Prescription:readPrescriptionForOrder': orderPrescription,
  'Prescription:readPrescription': prescriptionWithItems,
  'Prescription:dispense': medicineOrder,
  'Prescription:confirmReceipt': medicineOrder,
  'Prescription:getPrescription': prescription,
  'Prescription:getOrder': medicineOrder,
  'Prescription:listPrescriptionsByPatient': prescriptionPage,
  'Prescription:listOrdersByPatient': medicineOrderPage,
  'Prescription:listOrdersByPharmacy': medicineOrderPage,

  'Insurance:publishPackage': publishedPackage,
  'Insurance:publishPackageVersion': publishedPackage,
  'Insurance:getPackage': publishedPackage,
  'Insurance:getPackageVersion': publishedPackage,
  'Insurance:listPackages': publishedPackagePage,
  'Insurance:listPackageVersions': insurancePackageVersionPage,
  'Insurance:apply': insuranceApplication,
  'Insurance:respond': applicationResponse,
  'Insurance:decline': insuranceApplication,
  'Insurance:withdraw': insuranceApplication,
  'Insurance:submitClaim': claim,
  'Insurance:decideClaim': claim,
  'Insurance:markPaid': claim,
  'Insurance:getApplication': insuranceApplication,
  'Insurance:listApplicationsByPatient': insuranceApplicationPage,
  'Insurance:listApplicationsByInsurer': insuranceApplicationPage,
  'Insurance:getPolicy': policy,
  'Insurance:listPoliciesByPatient': policyPage,
  'Insurance:listPoliciesByInsurer': policyPage,
  'Insurance:getClaim': claim,
  'Insurance:readClaim': claimWithDetails,
  'Insurance:listClaimsByPolicy': claimPage,
  'Insurance:listClaimsByInsurer': claimPage,

  'Appointment:book': appointment,
  'Appointment:confirm': appointment,
  'Appointment:decline': appointment,
  'Appointment:proposeTime': appointment,
  'Appointment:acceptProposal': appointment,
  'Appointment:rejectProposal': appointment,
  'Appointment:cancel': appointment,
  'Appointment:complete': appointment,
  'Appointment:get': appointment,
  'Appointment:accessDetails': appointmentWithDetails,
  'Appointment:listByPatient': appointmentPage,
  'Appointment:listByProvider': appointmentPage,

  'HospitalService:requestEstimate': serviceRequest,
  'HospitalService:quote': serviceRequest,
  'HospitalService:accept': serviceRequest,
  'HospitalService:recordPayment': serviceRequest,
  'HospitalService:confirmPayment': serviceRequest,
  'HospitalService:attachReport': serviceRequest,
  'HospitalService:cancel': serviceRequest,
  'HospitalService:get': serviceRequest,
  'HospitalService:accessDetails': serviceRequestWithDetails,
  'HospitalService:listByPatient': serviceRequestPage,
  'HospitalService:listByHospital': serviceRequestPage,
  'HospitalService:setPriceList': priceList,
  'HospitalService:getPriceList': priceList,
  'HospitalService:refer': serviceRequest,
  'HospitalService:acceptReferral': serviceRequest,
  'HospitalService:declineReferral': serviceRequest,
  'HospitalService:listByReferrer': serviceRequestPage,
  'HospitalService:acceptReport': serviceRequest,
  'HospitalService:disputeReport': serviceRequest,
  'HospitalService:accessDispute': serviceRequestWithDispute,
} as const satisfies Record<string, z.ZodType>;

export type TransactionName = keyof typeof TRANSACTION_RESULTS;
/** The parsed result of a transaction. */
export type TransactionResult<T extends TransactionName> = z.infer<(typeof TRANSACTION_RESULTS)[T]>;

/** The two transactions whose result is plain text rather than JSON. */
export const PLAIN_TEXT_RESULTS: readonly TransactionName[] = ['Platform:getVersion', 'Platform:ping'];
