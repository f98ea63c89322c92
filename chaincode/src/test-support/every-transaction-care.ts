import { CAST, type Story } from './every-transaction';
import { REPORT_FILE } from './every-transaction-records';

/** IDs the story's closing steps need. */
export interface CareFacts {
  appointmentId: string;
}

const ITEMS = { items: [{ medicine: 'Amoxicillin 500 mg', dose: '1 capsule', frequency: 'three times a day', durationDays: 7 }] };

/** Prescription: every transaction once. */
export async function prescriptionStory(story: Story): Promise<void> {
  const { who, submit, evaluate, inDays } = story;
  // An empty ID asks the contract to derive one.
  const issue = (id: string, total: string, refills: string): Promise<{ id: string }> =>
    submit(who.doctor, 'Prescription:issue', [id, CAST.patient, total, refills, inDays(30)], { prescription: ITEMS });
  const prescription = await issue('rx-every-1', '10', '1');
  const cancelled = await issue('', '5', '0');
  await submit(who.doctor, 'Prescription:cancel', [cancelled.id]);

  const order = (id: string, quantity: string, paymentMethod: string): Promise<{ id: string }> =>
    submit(who.patient, 'Prescription:placeOrder', [id, prescription.id, CAST.pharmacy, quantity, paymentMethod]);
  const filled = await order('ord-every-1', '10', 'online');
  await submit(who.pharmacy, 'Prescription:acceptOrder', [filled.id]);
  await submit(who.pharmacy, 'Prescription:readPrescriptionForOrder', [filled.id]);
  await submit(who.pharmacy, 'Prescription:dispense', [filled.id]);
  await submit(who.patient, 'Prescription:confirmReceipt', [filled.id]);
  const rejected = await order('', '5', 'cash-on-delivery');
  await submit(who.pharmacy, 'Prescription:rejectOrder', [rejected.id]);
  const withdrawn = await order('', '5', 'online');
  await submit(who.patient, 'Prescription:cancelOrder', [withdrawn.id]);

  await submit(who.patient, 'Prescription:readPrescription', [prescription.id]);
  await evaluate(who.patient, 'Prescription:getPrescription', [prescription.id]);
  await evaluate(who.patient, 'Prescription:getOrder', [filled.id]);
  await evaluate(who.patient, 'Prescription:listPrescriptionsByPatient', [CAST.patient, '', '10', '']);
  await evaluate(who.patient, 'Prescription:listOrdersByPatient', [CAST.patient, '', '10', '']);
  await evaluate(who.pharmacy, 'Prescription:listOrdersByPharmacy', ['', '10', '']);
}

/** Appointment: every transaction once but complete, which needs the start to have passed (careEnding). */
export async function appointmentStory(story: Story): Promise<CareFacts> {
  const { who, submit, evaluate, inDays } = story;
  const slot = (days: number): string[] => [inDays(days), new Date(Date.parse(inDays(days)) + 30 * 60 * 1000).toISOString()];
  const visit = { appointment: { reason: 'recurring migraines' } };

  const booked = await submit<{ id: string }>(who.patient, 'Appointment:book', ['apt-every-1', CAST.doctor, ...slot(2)], visit);
  await submit(who.doctor, 'Appointment:confirm', [booked.id]);
  await submit(who.doctor, 'Appointment:proposeTime', [booked.id, ...slot(3)]);
  await submit(who.patient, 'Appointment:rejectProposal', [booked.id]);
  await submit(who.doctor, 'Appointment:proposeTime', [booked.id, ...slot(1)]);
  await submit(who.patient, 'Appointment:acceptProposal', [booked.id]);
  const declined = await submit<{ id: string }>(who.patient, 'Appointment:book', ['', CAST.doctor, ...slot(4)], visit);
  await submit(who.doctor, 'Appointment:decline', [declined.id]);
  const cancelled = await submit<{ id: string }>(who.patient, 'Appointment:book', ['', CAST.doctor, ...slot(5)], visit);
  await submit(who.patient, 'Appointment:cancel', [cancelled.id]);

  await evaluate(who.patient, 'Appointment:get', [booked.id]);
  await submit(who.doctor, 'Appointment:accessDetails', [booked.id]);
  await evaluate(who.patient, 'Appointment:listByPatient', [CAST.patient, '', '10', '']);
  await evaluate(who.doctor, 'Appointment:listByProvider', ['', '10', '']);
  return { appointmentId: booked.id };
}

/** HospitalService: every transaction once. */
export async function hospitalServiceStory(story: Story): Promise<void> {
  const { who, submit, evaluate, inDays } = story;
  const service = { service: { details: 'MRI of the left knee' } };

  const request = await submit<{ id: string }>(who.patient, 'HospitalService:requestEstimate', [CAST.hospital, 'LAB-CBC'], service);
  await submit(who.hospital, 'HospitalService:quote', [request.id, '12500', 'EUR', inDays(2)]);
  await submit(who.patient, 'HospitalService:accept', [request.id]);
  await submit(who.patient, 'HospitalService:recordPayment', [request.id, 'online', 'pay-every-1']);
  await submit(who.hospital, 'HospitalService:confirmPayment', [request.id]);
  await submit(who.hospital, 'HospitalService:attachReport', [request.id, REPORT_FILE]);
  const cancelled = await submit<{ id: string }>(who.patient, 'HospitalService:requestEstimate', [CAST.hospital, 'IMG.MRI-2'], service);
  await submit(who.hospital, 'HospitalService:cancel', [cancelled.id]);

  await evaluate(who.patient, 'HospitalService:get', [request.id]);
  await submit(who.patient, 'HospitalService:accessDetails', [request.id]);
  await evaluate(who.patient, 'HospitalService:listByPatient', [CAST.patient, '', '10', '']);
  await evaluate(who.hospital, 'HospitalService:listByHospital', ['', '10', '']);
  await submit(who.patient, 'HospitalService:acceptReport', [request.id]);
  await referralStory(story, service);
}

/** A doctor's referral, accepted and reported, then disputed; a second one declined; the hospital's price list. */
async function referralStory(story: Story, service: { service: { details: string } }): Promise<void> {
  const { who, submit, evaluate, inDays } = story;
  await submit(who.patient, 'Consent:grant', [CAST.doctor, '["edit"]', '{"categories":["billing"]}', 'TREAT', inDays(0), inDays(30)]);
  const referral = await submit<{ id: string }>(who.doctor, 'HospitalService:refer', [CAST.patient, CAST.hospital, 'LAB-CBC'], service);
  await submit(who.patient, 'HospitalService:acceptReferral', [referral.id]);
  await submit(who.hospital, 'HospitalService:quote', [referral.id, '9900', 'EUR', inDays(2)]);
  await submit(who.patient, 'HospitalService:accept', [referral.id]);
  await submit(who.patient, 'HospitalService:recordPayment', [referral.id, 'cash', 'pay-every-2']);
  await submit(who.hospital, 'HospitalService:confirmPayment', [referral.id]);
  await submit(who.hospital, 'HospitalService:attachReport', [referral.id, REPORT_FILE]);
  await submit(who.patient, 'HospitalService:disputeReport', [referral.id], { dispute: { reason: 'the values contradict last week’s test' } });
  await submit(who.hospital, 'HospitalService:accessDispute', [referral.id]);
  const declined = await submit<{ id: string }>(who.doctor, 'HospitalService:refer', [CAST.patient, CAST.hospital, ''], service);
  await submit(who.patient, 'HospitalService:declineReferral', [declined.id]);
  await evaluate(who.doctor, 'HospitalService:listByReferrer', ['', '10', '']);

  const items = [{ code: 'LAB-CBC', name: 'Complete blood count', price: 12500, currency: 'EUR' }];
  await submit(who.hospital, 'HospitalService:setPriceList', [JSON.stringify(items)]);
  await evaluate(who.patient, 'HospitalService:getPriceList', [CAST.hospital]);
}

/** Steps that need the ledger clock past an appointment's start. */
export async function careEnding(story: Story, facts: CareFacts): Promise<void> {
  await story.submit(story.who.doctor, 'Appointment:complete', [facts.appointmentId]);
}
