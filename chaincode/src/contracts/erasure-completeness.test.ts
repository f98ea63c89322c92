import { TransactionFailedError } from '@medledger/ledger-sim';
import * as surface from '../contract';
import { errorCodeOf, type ErrorCode } from '../lib/errors';
import { HEALTH_COLLECTION, PRIVATE_BY_PATIENT_INDEX } from '../lib/private-data';
import { CAST, type Story } from '../test-support/every-transaction';
import { playEveryTransaction } from '../test-support/every-transaction-story';

/**
 * Erasure is complete when it covers every private write there is. The story that calls every
 * transaction writes every kind of private item; after each patient of the story erases their
 * data, the health collection must hold nothing and no index entry may remain, and each kind's
 * details read must be refused with a stable code. A new kind of private item without a read
 * listed below fails here, and so does one that erasure leaves behind.
 */

/** How a kind of private item is read back (the patient reading their own), and the refusal after erasure. */
const DETAILS_READS: Record<string, { read: (parts: string[]) => [string, string[]]; refusedWith: ErrorCode } | { writeOnly: string }> = {
  // File versions and amendments become tombstones, which their reads refuse as erased files.
  medicalFileDetails: { read: ([fileId = '', version = '']) => ['Records:accessFile', [fileId, String(Number(version))]], refusedWith: 'INVALID_STATE' },
  amendmentDetails: { read: ([id = '']) => ['Records:accessAmendment', [id]], refusedWith: 'INVALID_STATE' },
  appointmentDetails: { read: ([id = '']) => ['Appointment:accessDetails', [id]], refusedWith: 'ERASED' },
  serviceRequestDetails: { read: ([id = '']) => ['HospitalService:accessDetails', [id]], refusedWith: 'ERASED' },
  serviceReportDispute: { read: ([id = '']) => ['HospitalService:accessDispute', [id]], refusedWith: 'ERASED' },
  'prescription-details': { read: ([id = '']) => ['Prescription:readPrescription', [id]], refusedWith: 'ERASED' },
  'insurance-claim-details': { read: ([id = '']) => ['Insurance:readClaim', [id]], refusedWith: 'ERASED' },
  breakGlassReason: { writeOnly: 'no transaction returns a break-glass reason; the public record keeps only its salted hash' },
  breakGlassRecordReason: { writeOnly: 'no transaction returns the second reason of a V record opened under break-glass; the public opening keeps only its salted hash' },
};

const PATIENTS = [CAST.patient, CAST.delegate] as const;

async function refusalCode(attempt: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await attempt();
    return undefined;
  } catch (error) {
    return error instanceof TransactionFailedError || error instanceof Error ? (errorCodeOf(error.message) ?? error.message) : String(error);
  }
}

describe('erasure covers every private write', () => {
  let story: Story;
  const receipts: surface.PatientErasure[] = [];

  beforeAll(async () => {
    story = await playEveryTransaction();
    for (const patientId of PATIENTS) {
      const identity = patientId === CAST.patient ? story.who.patient : story.who.delegate;
      let receipt = await story.submit<surface.PatientErasure>(identity, 'Records:erasePatientData', [patientId, '200']);
      while (receipt.status !== 'complete') {
        receipt = await story.submit<surface.PatientErasure>(identity, 'Records:erasePatientData', [patientId, '200']);
      }
      receipts.push(surface.patientErasure.parse(await story.evaluate(identity, 'Records:getErasureReceipt', [patientId])));
    }
  }, 120_000);

  it('when every patient of the story has erased their data, then the health collection holds no key and no private-key index entry remains', () => {
    const snapshot = story.world.ledger.toJSON();
    const indexPrefix = `\u0000${PRIVATE_BY_PATIENT_INDEX}\u0000`;

    expect((snapshot.privateData[HEALTH_COLLECTION] ?? []).map((entry) => entry.key)).toEqual([]);
    expect(snapshot.state.map((entry) => entry.key).filter((key) => key.startsWith(indexPrefix))).toEqual([]);
  });

  it('when the story has run, then its receipt names every kind of private item it wrote, and each kind has a details read or a reason it has none', () => {
    const purgedTypes = receipts.flatMap((receipt) => receipt.purged.map((type) => type.objectType));

    expect([...new Set(purgedTypes)].sort()).toEqual(Object.keys(DETAILS_READS).sort());
  });

  it('when the data is erased, then each kind of details read is refused with its stable code', async () => {
    const refusals: Record<string, (string | undefined)[]> = {};
    const expected: Record<string, string[]> = {};
    for (const receipt of receipts) {
      const identity = receipt.patientId === CAST.patient ? story.who.patient : story.who.delegate;
      for (const { objectType, ids } of receipt.purged) {
        const reading = DETAILS_READS[objectType];
        if (reading === undefined || 'writeOnly' in reading) {
          continue;
        }
        for (const id of ids) {
          const [transaction, args] = reading.read(id.split('/'));
          (refusals[objectType] ??= []).push(await refusalCode(() => story.world.ledger.submit(identity, transaction, args)));
          (expected[objectType] ??= []).push(reading.refusedWith);
        }
      }
    }

    expect(refusals).toEqual(expected);
  });

  it('when erasure is asked again after it completed, then nothing changes and the same receipt comes back', async () => {
    const before = story.world.ledger.toJSON().state;

    const again = await story.submit<surface.PatientErasure>(story.who.patient, 'Records:erasePatientData', [CAST.patient, '200']);

    expect(again).toEqual(receipts[0]);
    expect(story.world.ledger.toJSON().state).toEqual(before);
  });
});
