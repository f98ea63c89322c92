import * as contract from '@medledger/chaincode/client';
import { describeFields } from '../../api/models';

/**
 * Response models of appointments, hospital services and medical-file records: the chaincode's
 * views (its contract surface), under their OpenAPI names, as documented and as checked before
 * sending (fields a view does not list are not sent).
 */
const readFields = {
  details: 'Private; null when the private data is gone',
  basis: 'Why the chaincode allowed the read (it is in the access log)',
} as const;

export const appointmentModel = describeFields(contract.appointment, {
  proposedStartsAt: "The provider's counter-proposal while status is proposed",
}).meta({ id: 'Appointment', description: 'The public record; the reason for the visit is private (POST /appointments/{appointmentId}/detail-reads)' });

export const appointmentDetailsModel = describeFields(contract.appointmentWithDetails.extend({ appointment: appointmentModel }), readFields).meta({ id: 'AppointmentWithDetails' });

export const serviceRequestModel = describeFields(contract.serviceRequest, {
  serviceCode: "The hospital's catalogue code",
  quoteBy: 'The hospital quotes by then, or the patient may cancel',
  priceMinor: 'Quoted price in minor units (cents)',
  currency: 'ISO 4217',
  acceptBy: "The quote's validUntil: the price is locked until then",
  reportFileId: 'The medical file holding the report (GET /files/{fileId})',
  referredBy: 'The referring doctor, when the request began as a referral',
  referralGrantId: 'The hospital’s view grant on this request (to read the referral’s reason), made when the patient accepted the referral',
  reportReviewDeadline: 'The patient accepts or disputes the report by then',
  reportReview: 'The patient’s review of the report: pending, accepted, disputed, or deemed-accepted once the deadline has passed unreviewed',
}).meta({ id: 'HospitalService', description: 'A request for a hospital service from estimate to report; the free-text details are private' });

export const serviceRequestDetailsModel = describeFields(contract.serviceRequestWithDetails.extend({ request: serviceRequestModel }), readFields).meta({
  id: 'HospitalServiceWithDetails',
});

export const serviceRequestDisputeModel = describeFields(contract.serviceRequestWithDispute.extend({ request: serviceRequestModel }), {
  dispute: 'The patient’s reason (private); null when the private data is gone',
  basis: readFields.basis,
}).meta({ id: 'HospitalServiceWithDispute' });

export const priceListModel = describeFields(contract.priceList, { items: 'Each {code, name, price in minor units (cents), currency}' }).meta({
  id: 'PriceList',
  description: 'A hospital’s published prices: public (prices are not health data)',
});

export const fileHeadModel = describeFields(contract.medicalFileHead, {
  patientAuthored: 'While true the patient side may add versions; otherwise it proposes amendments',
}).meta({ id: 'MedicalFile' });

/** The one shape of a file version: the contract's (active, or erased without its content fields). */
export const fileVersionModel = contract.medicalFile.meta({ id: 'MedicalFileVersion', description: 'One immutable version (metadata only; the content is GET /files/{fileId}/content)' });

export const fileViewModel = contract.fileMetadataView.extend({ file: fileHeadModel, latest: fileVersionModel }).meta({ id: 'MedicalFileView' });

export const amendmentModel = contract.amendment.meta({ id: 'Amendment', description: "A patient's proposed correction of a file; the reason is private" });

export const amendmentApprovalModel = contract.amendmentApproval.extend({ amendment: amendmentModel, file: fileHeadModel, latest: fileVersionModel }).meta({ id: 'AmendmentApproval' });
