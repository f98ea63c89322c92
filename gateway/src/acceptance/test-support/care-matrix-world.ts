import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Scope } from '../../identity/scopes';
import { DAY } from '../../test-support/manual-clock';
import type { TestGateway } from '../../test-support/test-gateway';
import { bodyOf } from '../../test-support/response-body';
import { as, hoursFromNow, useBusyGateway, type Actor } from './actors';
import { expectOnlyTheRightful, type MatrixTally } from './matrix-runner';

/**
 * The world of the care ownership matrices (ownership-matrix-prescriptions and -insurance): a
 * patient whose doctor may issue prescriptions and whose pharmacy and insurer hold grants, the
 * principals around them who hold no right (or a narrower credential), an active prescription,
 * a published insurance package and a policy under it.
 */
export type CareWho =
  | 'patient'
  | 'patientReadOnlyToken'
  | 'otherPatient'
  | 'doctor'
  | 'doctorReadOnlyToken'
  | 'doctorWithoutConsent'
  | 'granteeOutsideScope'
  | 'granteeOutsidePeriod'
  | 'hospitalWithoutConsent'
  | 'pharmacy'
  | 'pharmacyReadOnlyKey'
  | 'pharmacyWriteOnlyKey'
  | 'otherPharmacy'
  | 'insurer'
  | 'insurerReadOnlyKey'
  | 'insurerWriteOnlyKey'
  | 'otherInsurer'
  | 'expiredToken'
  | 'anonymous';

export type CareKnown = Exclude<CareWho, 'anonymous'>;

export interface CareWorld {
  gateway: TestGateway;
  people: Record<CareKnown, Actor>;
  patientId: string;
  prescriptionId: string;
  packageId: string;
  termsSha256: string;
  policyId: string;
}

export const unauthenticated: CareWho[] = ['expiredToken', 'anonymous'];
/** Everyone who may not see a patient's data: no grant, a grant on something else, a grant not yet valid, another org. */
export const strangers: CareWho[] = ['otherPatient', 'doctorWithoutConsent', 'granteeOutsideScope', 'granteeOutsidePeriod', ...unauthenticated];

export const PRICE = 12_000;
const ITEMS = [{ medicine: 'Metformin 500 mg', dose: '1 tablet', frequency: 'twice a day' }];
export const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let unique = 0;

/** A call the arrangement needs to succeed; its body's members. */
export async function ok(world: CareWorld, who: CareKnown, method: 'get' | 'post', path: string, body?: object): Promise<Record<string, unknown>> {
  const pending = as(world.gateway, world.people[who])[method](path);
  const response = await (body === undefined ? pending : pending.send(body));
  if (response.status >= 300) {
    throw new Error(`arranging ${method.toUpperCase()} ${path} as ${who} failed: ${response.status} ${response.text}`);
  }
  return bodyOf(response, z.record(z.string(), z.unknown()));
}

export const idOf = async (made: Promise<Record<string, unknown>>) => String((await made).id);

export const packageBody = () => {
  unique += 1;
  return {
    packageId: `pkg-care-${unique}-${Date.now()}`,
    termsSha256: sha(`terms ${unique}`),
    priceMinor: PRICE,
    currency: 'EUR',
    coverage: { categories: ['prescription', 'lab'], annualLimitMinor: 1_000_000 },
    eligibilitySummary: 'Everyone',
  };
};
export const prescriptionBody = (w: CareWorld) => ({ patientId: w.patientId, totalQuantity: 100, refills: 12, validUntil: hoursFromNow(24 * 30), items: ITEMS });
export const orderBody = (w: CareWorld, prescriptionId = w.prescriptionId) => ({ prescriptionId, pharmacyId: w.people.pharmacy.principal.stakeholderId, quantity: 1, paymentMethod: 'online' });
export const applicationBody = (w: CareWorld, deadline = hoursFromNow(48)) => ({ packageId: w.packageId, version: 1, acceptedTermsSha256: w.termsSha256, responseDeadline: deadline });
export const claimBody = (w: CareWorld) => ({ policyId: w.policyId, invoiceSha256: sha(`invoice ${(unique += 1)}`), amountMinor: 1_000, details: 'HbA1c check and diabetic foot exam' });

export const newPrescription = (w: CareWorld) => idOf(ok(w, 'doctor', 'post', '/prescriptions', prescriptionBody(w)));
export const newOrder = (w: CareWorld) => idOf(ok(w, 'patient', 'post', '/orders', orderBody(w)));
export const newApplication = (w: CareWorld) => idOf(ok(w, 'patient', 'post', '/insurance/applications', applicationBody(w)));
export const newClaim = (w: CareWorld) => idOf(ok(w, 'patient', 'post', '/insurance/claims', claimBody(w)));

/**
 * Registers the world's making for the enclosing describe, on one busy gateway, and returns the
 * world that beforeAll fills in.
 */
export function useCareWorld(): CareWorld {
  const { gateway, actors } = useBusyGateway();
  const world = { gateway } as CareWorld;

  const tokenOf = async (actor: Actor, scopes: Scope[]): Promise<Actor> => ({
    principal: actor.principal,
    header: ['Authorization', `Bearer ${(await gateway.services.tokens.create(actor.principal, { name: 'narrow', scopes, days: 30 })).token}`],
  });
  // Each grant names the purpose its grantee's reads state by default (purposes are enforced): dispensing is TREAT, claims HPAYMT.
  const grant = (granteeId: string, categories: string[], purpose: string, extra: Record<string, unknown> = {}) =>
    ok(world, 'patient', 'post', '/consents', { granteeId, actions: ['view'], scope: { categories }, purpose, validUntil: hoursFromNow(24 * 7), ...extra });

  beforeAll(async () => {
    const patient = await actors.person('patient');
    const doctor = await actors.person('doctor');
    const pharmacy = await actors.organisation('pharmacy', ['read', 'write']);
    const insurer = await actors.organisation('insurer', ['read', 'write']);
    world.people = {
      patient,
      patientReadOnlyToken: await tokenOf(patient, ['read']),
      otherPatient: await actors.person('patient'),
      doctor,
      doctorReadOnlyToken: await tokenOf(doctor, ['read']),
      doctorWithoutConsent: await actors.person('doctor'),
      granteeOutsideScope: await actors.person('doctor'),
      granteeOutsidePeriod: await actors.person('doctor'),
      hospitalWithoutConsent: await actors.organisation('hospital', ['read', 'write']),
      pharmacy,
      pharmacyReadOnlyKey: await actors.keyFor(pharmacy.principal, ['read']),
      pharmacyWriteOnlyKey: await actors.keyFor(pharmacy.principal, ['write']),
      otherPharmacy: await actors.organisation('pharmacy', ['read', 'write']),
      insurer,
      insurerReadOnlyKey: await actors.keyFor(insurer.principal, ['read']),
      insurerWriteOnlyKey: await actors.keyFor(insurer.principal, ['write']),
      otherInsurer: await actors.organisation('insurer', ['read', 'write']),
      expiredToken: await actors.shortLivedToken(patient),
    };
    world.patientId = patient.principal.stakeholderId;
    const idOfPerson = (who: CareKnown) => world.people[who].principal.stakeholderId;
    await ok(world, 'patient', 'post', '/consents', { granteeId: idOfPerson('doctor'), actions: ['view', 'edit'], scope: { categories: ['prescription'] }, purpose: 'TREAT', validUntil: hoursFromNow(24 * 7) });
    await grant(idOfPerson('pharmacy'), ['prescription'], 'TREAT');
    await grant(idOfPerson('insurer'), ['billing'], 'HPAYMT');
    await grant(idOfPerson('granteeOutsideScope'), ['lab'], 'TREAT');
    await grant(idOfPerson('granteeOutsidePeriod'), ['prescription', 'insurance', 'billing'], 'TREAT', { validFrom: hoursFromNow(48), validUntil: hoursFromNow(72) });
    world.prescriptionId = await newPrescription(world);
    const offer = packageBody();
    await ok(world, 'insurer', 'post', '/insurance/packages', offer);
    world.packageId = offer.packageId;
    world.termsSha256 = offer.termsSha256;
    const applicationId = await newApplication(world);
    const answered = await ok(world, 'insurer', 'post', `/insurance/applications/${applicationId}/response`, { termsSha256: offer.termsSha256, priceMinor: PRICE });
    world.policyId = (answered.policy as { id: string }).id;
    gateway.clock.advance(2 * DAY); // the short-lived token has expired; 30-day credentials still work
  });

  return world;
}

export interface CareAttempt {
  path: string;
  body?: unknown;
}

/** One operation of a care matrix: how to arrange a call, who must be refused, who may make it. */
export interface CareCase {
  operationId: string;
  method: 'get' | 'post';
  /** Makes the objects the case needs; returns the request. */
  arrange(world: CareWorld): CareAttempt | Promise<CareAttempt>;
  refused: CareWho[];
  owner: CareKnown;
  ownerStatus: number;
}

/** Runs one case: each refused principal is refused, then the owner succeeds (and a list refuses foreign cursors). */
export async function expectCareCase(world: CareWorld, tally: MatrixTally, testCase: CareCase): Promise<void> {
  const attempt = await testCase.arrange(world);
  await expectOnlyTheRightful(world.gateway, tally, {
    operationId: testCase.operationId,
    call: { method: testCase.method, ...attempt },
    refusals: testCase.refused.map((who) => ({ who, actor: who === 'anonymous' ? undefined : world.people[who] })),
    owner: world.people[testCase.owner],
    ownerStatus: testCase.ownerStatus,
  });
}
