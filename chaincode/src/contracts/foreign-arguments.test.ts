import 'reflect-metadata';
import { contracts } from '../index';
import { refusedWithoutWrite } from '../test-support/consent';
import type { Case, Invocation } from '../test-support/foreign-case';
import { CARE_CASES } from '../test-support/foreign-care-cases';
import { CONSENT_CASES } from '../test-support/foreign-consent-cases';
import { RECORDS_CASES } from '../test-support/foreign-records-cases';
import { VISITS_CASES } from '../test-support/foreign-visits-cases';
import { createFile, sha } from '../test-support/records';
import { createTwoPatients, type TwoPatients } from '../test-support/two-patients';

/**
 * The class of "a value of another patient": every transaction argument that names a record, a
 * file, a stored blob or a hash (a parameter named …Id, …Sha256, …Hash, …Ref or …ScopeJson) has
 * either a case in the tables of test-support/foreign-*-cases.ts (one per contract area), or is
 * exempted below with the reason. Each case hands patient A's side a value of patient B and
 * expects a refusal that writes nothing; then A's own value must not meet the same refusal, which
 * shows it was the foreign value that was refused. The second test reads the contracts'
 * transaction metadata, so a new argument of the class cannot go untested.
 */

/** Argument names of the class that name no patient's record, with the reason. */
const EXEMPT_NAMES: Record<string, string> = {
  stakeholderId: 'a stakeholder registration, managed by the admin and the regulator, not patient data',
  licenceHash: 'the hash of a professional’s licence reference, checked off chain by the admin',
  granteeId: 'the professional the patient chooses to grant; not a record',
  delegateId: 'the person the patient chooses to delegate to; not a record',
  pharmacyId: 'the pharmacy the patient chooses; its consent is decided by the access decision',
  providerId: 'the provider the patient books with; not a record',
  hospitalId: 'the hospital the patient asks for an estimate; not a record',
  packageId: 'an insurer’s published package, offered to every patient',
  recommendedPackageId: 'an insurer’s published package, offered to every patient',
  termsSha256: 'the hash of an insurer’s published terms, the same for every applicant',
  acceptedTermsSha256: 'the hash of an insurer’s published terms, the same for every applicant',
  paymentRef: 'a reference of the payment system, opaque to the chain',
};

const PLAINTEXT_HASH =
  'the plaintext SHA-256: two patients may hold byte-identical documents, and refusing one would tell it the other exists (the ciphertext hash and storage reference are claimed instead)';

/** Single arguments of the class that name no record of another patient, with the reason. */
const EXEMPT_ARGUMENTS: Record<string, string> = {
  'Records:createFile.contentSha256': PLAINTEXT_HASH,
  'Records:addVersion.contentSha256': PLAINTEXT_HASH,
  'Records:proposeAmendment.contentSha256': PLAINTEXT_HASH,
  'Insurance:submitClaim.invoiceSha256': 'the hash of an invoice the insurer judges; two claims may cite one invoice, which is the insurer’s call',
  'Consent:requestAccess.patientId': 'a professional may ask any patient for consent; the request grants nothing',
  'Consent:breakGlass.patientId': 'emergency access needs no consent, by design; every opening is recorded for the patient',
  'AccessLog:recordRefusal.patientId': 'records the caller’s own refused attempt on another patient’s data, by design: written only when the decision refuses it',
  'AccessLog:recordRefusal.recordId': 'the record the refused attempt named, as the caller named it; the decision alone is consulted, so it reveals nothing of the record',
  'AccessLog:recordRefusal.resourceId': 'the resource the refused attempt named, as the caller named it; never read',
  'Consent:openBreakGlassRecord.patientId': 'emergency access needs no consent, by design; the record must be a V file of that patient, and every opening is recorded',
};

const CASES: Case[] = [...RECORDS_CASES, ...CONSENT_CASES, ...CARE_CASES, ...VISITS_CASES];

async function run(t: TwoPatients, call: Invocation): Promise<unknown> {
  if (call.evaluate === true) {
    return t.world.ledger.evaluate(call.as, call.fn, call.args);
  }
  const transient = Object.fromEntries(Object.entries(call.transient ?? {}).map(([field, value]) => [field, JSON.stringify(value)]));
  return t.world.ledger.submit(call.as, call.fn, call.args, { transient });
}

/** 'ok', or the code the transaction was refused with. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as Error).message.split(':')[0] ?? '';
  }
}

/** Every (transaction, parameter) of the contracts whose name says it names a record, file, blob or hash. */
function argumentsOfTheClass(): string[] {
  const found: string[] = [];
  for (const ContractClass of contracts) {
    const contractName = new ContractClass().getName();
    const transactions = Reflect.getMetadata('fabric:transactions', ContractClass.prototype as object) as { name: string; parameters: { name: string }[] }[];
    for (const transaction of transactions) {
      for (const parameter of transaction.parameters) {
        if (/(Id|Sha256|Hash|Ref|ScopeJson|scopeJson)$/.test(parameter.name)) {
          found.push(`${contractName}:${transaction.name}.${parameter.name}`);
        }
      }
    }
  }
  return found;
}

describe('a value of another patient, in any argument that names a record, file, blob or hash', () => {
  let t: TwoPatients;

  beforeEach(async () => {
    t = await createTwoPatients();
  });

  it.each(CASES.map((testCase) => [testCase.argument + (testCase.label === undefined ? '' : ` (${testCase.label})`), testCase.refusal, testCase] as const))(
    'when A’s side passes B’s value as %s, then it is refused with %s and nothing is written, and A’s own value is not',
    async (_name, refusal, testCase) => {
      const foreign = testCase.foreign(t);
      const own = testCase.own(t);
      const preparedForeign = (await testCase.prepare?.(t, foreign)) ?? '';

      expect(await refusedWithoutWrite(t.world, () => run(t, testCase.attempt(t, foreign, preparedForeign)))).toBe(refusal);

      const preparedOwn = (await testCase.prepare?.(t, own)) ?? '';
      expect(await outcome(run(t, testCase.attempt(t, own, preparedOwn)))).toBe(testCase.ownOutcome ?? 'ok');
    },
  );

  it('when the contracts’ transactions are read, then every argument of the class has a case above or a stated exemption', () => {
    const covered = new Set(CASES.map((testCase) => testCase.argument));
    const exempt = (argument: string) => argument in EXEMPT_ARGUMENTS || (argument.split('.')[1] ?? '') in EXEMPT_NAMES;
    const all = argumentsOfTheClass();

    expect(all.filter((argument) => !covered.has(argument) && !exempt(argument))).toEqual([]);
    // A case whose own value met the same refusal would not show that the foreign value was what counted.
    expect(CASES.filter((testCase) => testCase.ownOutcome === testCase.refusal)).toEqual([]);
    expect([...covered, ...Object.keys(EXEMPT_ARGUMENTS)].filter((argument) => !all.includes(argument))).toEqual([]);
    expect(all.length).toBeGreaterThan(90);
  });

  it('when two patients upload byte-identical content, then both are accepted: a plaintext hash is never claimed', async () => {
    await createFile(t.world, t.a.patient, 'fil-a-same01', t.a.patientId, 'lab', { content: sha('9') });
    await createFile(t.world, t.b.patient, 'fil-b-same01', t.b.patientId, 'lab', { content: sha('9') });
    const both = await Promise.all(['fil-a-same01', 'fil-b-same01'].map((fileId) => t.world.ledger.evaluate(fileId.startsWith('fil-a') ? t.a.patient : t.b.patient, 'Records:getFileMetadata', [fileId])));
    expect(both.map((json) => (JSON.parse(json) as { latest: { contentSha256: string } }).latest.contentSha256)).toEqual([sha('9'), sha('9')]);
  });
});
