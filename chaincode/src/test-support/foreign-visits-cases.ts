import { DAY } from './consent';
import { doctorSide, hospitalSide, onObject, onObjectAndItsValue, patientSide, type Case } from './foreign-case';

/** The Appointment and HospitalService contracts. */
export const VISITS_CASES: Case[] = [
  {
    argument: 'Appointment:book.appointmentId',
    foreign: (t) => t.b.appointment,
    own: () => 'apt-a-new0001',
    attempt: (t, value) => ({ as: t.a.patient, fn: 'Appointment:book', args: [value, t.a.doctorId, t.world.at(2 * DAY), t.world.at(2 * DAY + 1800_000)], transient: { appointment: { reason: 'x' } } }),
    refusal: 'ALREADY_EXISTS',
  },
  // A's appointment is requested and starts tomorrow: it cannot be completed yet, and has no proposal to answer.
  ...(
    [
      ['confirm', 'ok'],
      ['decline', 'ok'],
      ['complete', 'INVALID_STATE'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Appointment:${fn}.appointmentId`, (side) => side.appointment, 'NOT_OWNER', doctorSide, (value) => [value], { ownOutcome })),
  {
    argument: 'Appointment:proposeTime.appointmentId',
    foreign: (t) => t.b.appointment,
    own: (t) => t.a.appointment,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'Appointment:proposeTime', args: [value, t.world.at(3 * DAY), t.world.at(3 * DAY + 1800_000)] }),
    refusal: 'NOT_OWNER',
  },
  ...(
    [
      ['acceptProposal', 'INVALID_STATE'],
      ['rejectProposal', 'INVALID_STATE'],
      ['cancel', 'ok'],
    ] as const
  ).map(([fn, ownOutcome]) => onObject(`Appointment:${fn}.appointmentId`, (side) => side.appointment, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome })),
  onObject('Appointment:get.appointmentId', (side) => side.appointment, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('Appointment:accessDetails.appointmentId', (side) => side.appointment, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('Appointment:listByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  {
    argument: 'HospitalService:quote.requestId',
    foreign: (t) => t.b.service,
    own: (t) => t.a.service,
    attempt: (t, value) => ({ as: t.a.hospital, fn: 'HospitalService:quote', args: [value, '1000', 'EUR', t.world.at(2 * DAY)] }),
    refusal: 'NOT_OWNER',
    // A's request is confirmed: the steps before it are done, and the hospital owes the report.
    ownOutcome: 'INVALID_STATE',
  },
  onObject('HospitalService:accept.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'INVALID_STATE' }),
  onObject('HospitalService:cancel.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'DEADLINE_NOT_REACHED' }),
  onObject('HospitalService:recordPayment.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value, 'online', 'pay-00000002'], { ownOutcome: 'INVALID_STATE' }),
  onObject('HospitalService:confirmPayment.requestId', (side) => side.service, 'NOT_OWNER', hospitalSide, (value) => [value], { ownOutcome: 'INVALID_STATE' }),
  ...onObjectAndItsValue(
    'HospitalService:attachReport',
    { parameter: 'requestId', pick: (side) => side.service, refusal: 'NOT_OWNER' },
    { parameter: 'fileId', pick: (side) => side.ownFile, refusal: 'NOT_OWNER' },
    hospitalSide,
  ),
  onObject('HospitalService:get.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { evaluate: true }),
  onObject('HospitalService:accessDetails.requestId', (side) => side.service, 'CONSENT_REQUIRED', patientSide, (value) => [value]),
  onObject('HospitalService:listByPatient.patientId', (side) => side.patientId, 'CONSENT_REQUIRED', patientSide, (value) => [value, '', '10', ''], { evaluate: true }),
  // A's doctor holds A's edit grant on every category, B's none.
  {
    argument: 'HospitalService:refer.patientId',
    foreign: (t) => t.b.patientId,
    own: (t) => t.a.patientId,
    attempt: (t, value) => ({ as: t.a.doctor, fn: 'HospitalService:refer', args: [value, t.a.hospitalId, ''], transient: { service: { details: 'knee pain' } } }),
    refusal: 'CONSENT_REQUIRED',
  },
  // A's request is confirmed: no referral to answer, no report to review, no dispute to read.
  ...(['acceptReferral', 'declineReferral', 'acceptReport'] as const).map((fn) =>
    onObject(`HospitalService:${fn}.requestId`, (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'INVALID_STATE' }),
  ),
  onObject('HospitalService:disputeReport.requestId', (side) => side.service, 'NOT_OWNER', patientSide, (value) => [value], { ownOutcome: 'INVALID_STATE', transient: { dispute: { reason: 'wrong values' } } }),
  onObject('HospitalService:accessDispute.requestId', (side) => side.service, 'CONSENT_REQUIRED', patientSide, (value) => [value], { ownOutcome: 'INVALID_STATE' }),
];
