import type { PublishedPackage } from '@medledger/chaincode/client';
import { BUNDLE_NAMING, ledgerIdentifier, type Naming, SYSTEMS } from './references';
import type { CodeableConcept, Extension, Money, Quantity, Reference, Resource } from './resources';

/**
 * An insurer's published package as a FHIR R4 InsurancePlan
 * (https://hl7.org/fhir/R4/insuranceplan.html): one resource per package, one plan per published
 * version; a version superseded by a later one is retired. What the package covers are its
 * coverage categories; the terms FHIR has no element for (annual limit, waiting and coverage
 * periods, who is eligible) are extensions; the full terms stay off chain, named by their hash.
 */
export interface InsurancePlan extends Resource {
  resourceType: 'InsurancePlan';
  /** The version is the published package version: read answers the latest, vread any. */
  meta: { versionId: string; lastUpdated: string };
  status: 'active' | 'retired';
  ownedBy: Reference;
  period: { start: string };
  coverage: { type: CodeableConcept; benefit: { type: CodeableConcept }[] }[];
  plan: {
    identifier: { system: string; value: string }[];
    generalCost: { type: CodeableConcept; cost: Money }[];
    specificCost?: { category: CodeableConcept; benefit: { type: CodeableConcept; cost: { type: CodeableConcept; value: Quantity }[] }[] }[];
  }[];
}

/** Extension URLs of the terms R4's InsurancePlan has no element for. */
export const PLAN_TERMS = {
  annualLimit: 'urn:medledger:fhir:insurance-annual-limit',
  coveragePeriodDays: 'urn:medledger:fhir:insurance-coverage-period-days',
  waitingPeriodDays: 'urn:medledger:fhir:insurance-waiting-period-days',
  termsSha256: 'urn:medledger:fhir:insurance-terms-sha256',
  eligibility: 'urn:medledger:fhir:insurance-eligibility',
} as const;

const COVERED: CodeableConcept = { text: 'covered' };
const COPAY: CodeableConcept = { text: 'copay' };
const PERCENT = { unit: '%', system: 'http://unitsofmeasure.org', code: '%' } as const;

/** Minor currency units (cents) as FHIR Money. */
function money(minor: number, currency: string): Money {
  return { value: minor / 100, currency };
}

/** The version's terms FHIR has no element for. */
function termsExtensions(published: PublishedPackage): Extension[] {
  const { coverage } = published;
  return [
    { url: PLAN_TERMS.termsSha256, valueString: published.termsSha256 },
    { url: PLAN_TERMS.eligibility, valueString: published.eligibilitySummary },
    { url: PLAN_TERMS.annualLimit, valueMoney: money(coverage.annualLimitMinor, published.currency) },
    { url: PLAN_TERMS.coveragePeriodDays, valueInteger: coverage.coveragePeriodDays },
    ...(coverage.waitingPeriodDays === undefined ? [] : [{ url: PLAN_TERMS.waitingPeriodDays, valueInteger: coverage.waitingPeriodDays }]),
  ];
}

/** A package at one published version (the latest, unless a version was asked for). */
export function insurancePlanOf(published: PublishedPackage, naming: Naming = BUNDLE_NAMING): InsurancePlan {
  const { coverage } = published;
  const version = String(published.version);
  return {
    resourceType: 'InsurancePlan',
    id: naming.id('InsurancePlan', published.packageId),
    meta: { versionId: version, lastUpdated: published.publishedAt },
    identifier: [ledgerIdentifier('insurance-package', published.packageId)],
    extension: termsExtensions(published),
    status: published.version < published.latestVersion ? 'retired' : 'active',
    ownedBy: naming.party(published.insurerId, 'Organization'),
    period: { start: published.publishedAt },
    coverage: coverage.categories.map((category) => ({ type: { coding: [{ system: SYSTEMS.coverageCategory, code: category }] }, benefit: [{ type: COVERED }] })),
    plan: [
      {
        identifier: [ledgerIdentifier('insurance-package-version', `${published.packageId}:${version}`)],
        generalCost: [{ type: { text: 'premium' }, cost: money(published.priceMinor, published.currency) }],
        ...(coverage.copayPercent === undefined
          ? {}
          : { specificCost: [{ category: { text: 'every covered category' }, benefit: [{ type: COPAY, cost: [{ type: COPAY, value: { value: coverage.copayPercent, ...PERCENT } }] }] }] }),
      },
    ],
  };
}
