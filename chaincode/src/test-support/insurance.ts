import type { LedgerIdentity } from '@medledger/ledger-sim';
import type { Claim } from '../models/claim';
import type { InsuranceApplication } from '../models/insurance-application';
import type { PublishedPackage } from '../models/insurance-package';
import type { Policy } from '../models/policy';
import { daysFromNow, fakeSha256, submitWithTransient } from './care';
import { createWorld, submitJson, type World } from './world';

/**
 * Insurance fixtures: a patient and a verified insurer, with helpers that publish packages, apply,
 * answer and claim through the real Insurance contract. Each helper takes the arguments a test
 * varies and defaults the rest, so a test names only what it is about.
 */
export const PATIENT = 'pat-alice01';
export const INSURER = 'ins-acme001';
export const OTHER_INSURER = 'ins-zeta001';
export const HOSPITAL = 'hos-city001';

export const TERMS = fakeSha256('a');
export const NEW_TERMS = fakeSha256('b');
export const INVOICE = fakeSha256('c');
export const PRICE = 12000;
export const COVERAGE = { categories: ['lab', 'imaging'], annualLimitMinor: 100000 };
export const CLAIM_DETAILS = { details: 'MRI of the left knee after a fall, 2026-03-02' };

export interface Ins {
  world: World;
  patient: LedgerIdentity;
  insurer: LedgerIdentity;
}

export async function insWorld(): Promise<Ins> {
  const world = await createWorld();
  const patient = await world.actor('patient', PATIENT);
  const insurer = await world.actor('insurer', INSURER);
  return { world, patient, insurer };
}

export interface PackageOptions {
  packageId?: string;
  terms?: string;
  price?: number;
  currency?: string;
  coverage?: unknown;
  summary?: string;
  by?: LedgerIdentity;
}

export function packageArgs(options: PackageOptions): string[] {
  return [
    options.packageId ?? 'pkg-basic',
    options.terms ?? TERMS,
    String(options.price ?? PRICE),
    options.currency ?? 'EUR',
    typeof options.coverage === 'string' ? options.coverage : JSON.stringify(options.coverage ?? COVERAGE),
    options.summary ?? 'Adults resident in the EU, 18-65.',
  ];
}

export async function publish(ins: Ins, options: PackageOptions = {}): Promise<PublishedPackage> {
  return submitJson<PublishedPackage>(ins.world, options.by ?? ins.insurer, 'Insurance:publishPackage', packageArgs(options));
}

export interface ApplyOptions {
  id?: string;
  packageId?: string;
  version?: number;
  terms?: string;
  deadline?: string;
  /** Record IDs shared with the application (none by default). */
  shared?: string[];
  by?: LedgerIdentity;
}

export async function apply(ins: Ins, options: ApplyOptions = {}): Promise<InsuranceApplication> {
  return submitJson<InsuranceApplication>(ins.world, options.by ?? ins.patient, 'Insurance:apply', [
    options.id ?? 'app-0001',
    options.packageId ?? 'pkg-basic',
    String(options.version ?? 1),
    options.terms ?? TERMS,
    options.deadline ?? daysFromNow(ins.world, 7),
    options.shared === undefined ? '' : JSON.stringify(options.shared),
  ]);
}

export async function respond(ins: Ins, terms = TERMS, price = PRICE, by = ins.insurer, applicationId = 'app-0001'): Promise<{ application: InsuranceApplication; policy?: Policy }> {
  return submitJson(ins.world, by, 'Insurance:respond', [applicationId, terms, String(price)]);
}

/** Package published, application filed and approved: returns the policy. */
export async function policyHolder(ins: Ins, coverage: unknown = COVERAGE): Promise<Policy> {
  await publish(ins, { coverage });
  await apply(ins);
  const { policy } = await respond(ins);
  if (policy === undefined) {
    throw new Error('expected a policy');
  }
  return policy;
}

export interface ClaimOptions {
  id?: string;
  policyId?: string;
  invoice?: string;
  amount?: number;
  transient?: Record<string, unknown>;
  by?: LedgerIdentity;
}

export function claimArgs(policyId: string, options: ClaimOptions): string[] {
  return [options.id ?? 'clm-0001', options.policyId ?? policyId, options.invoice ?? INVOICE, String(options.amount ?? 5000)];
}

export async function submitClaim(ins: Ins, policyId: string, options: ClaimOptions = {}): Promise<Claim> {
  return submitWithTransient<Claim>(ins.world, options.by ?? ins.patient, 'Insurance:submitClaim', claimArgs(policyId, options), options.transient ?? { claim: CLAIM_DETAILS });
}

export async function decide(ins: Ins, decision: string, amount: number, by = ins.insurer): Promise<Claim> {
  return submitJson<Claim>(ins.world, by, 'Insurance:decideClaim', ['clm-0001', decision, String(amount)]);
}
