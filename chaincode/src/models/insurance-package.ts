import { ChaincodeError } from '../lib/errors';
import { parseJsonArgument, requireSubset } from '../lib/validation';

/** What a package can cover: kinds of service, never anything about a person. */
export const COVERAGE_CATEGORIES = [
  'consultation',
  'dental',
  'emergency',
  'hospital-stay',
  'imaging',
  'lab',
  'maternity',
  'prescription',
  'surgery',
  'vision',
] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];

/**
 * Structured coverage terms, e.g. {"categories":["lab","imaging"],"annualLimitMinor":100000}.
 * Only these fields are accepted, so free text (and with it anyone's health data) cannot slip in.
 */
export interface Coverage {
  categories: CoverageCategory[];
  /** Yearly payout limit in minor currency units. */
  annualLimitMinor: number;
  /** How long a policy issued from this package runs; 365 unless given. */
  coveragePeriodDays: number;
  /** The holder's share of each claim, in percent. */
  copayPercent?: number;
  /** Days after the policy starts before claims are covered. */
  waitingPeriodDays?: number;
}

/** The package head: who publishes it and its newest version. Versions are never amended. */
export interface InsurancePackage {
  id: string;
  insurerId: string;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** One immutable published version of a package. */
export interface InsurancePackageVersion {
  packageId: string;
  version: number;
  insurerId: string;
  /** SHA-256 of the full terms document kept off chain. */
  termsSha256: string;
  priceMinor: number;
  currency: string;
  coverage: Coverage;
  eligibilitySummary: string;
  publishedAt: string;
  txId: string;
}

/** A version together with its head, as reads return it. */
export interface PublishedPackage extends InsurancePackageVersion {
  latestVersion: number;
}

export const PACKAGE_TYPE = 'insurance-package';
/** Versions live under [packageId, versionKeyPart(version)]. */
export const PACKAGE_VERSION_TYPE = 'insurance-package-version';

export const MAX_ELIGIBILITY_SUMMARY = 500;
export const DEFAULT_COVERAGE_PERIOD_DAYS = 365;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

const COVERAGE_FIELDS = new Set(['categories', 'annualLimitMinor', 'coveragePeriodDays', 'copayPercent', 'waitingPeriodDays']);

/** Version numbers are zero-padded in keys so they sort numerically. */
export function versionKeyPart(version: number): string {
  return String(version).padStart(6, '0');
}

export function parseCoverage(raw: string): Coverage {
  const parsed = parseJsonArgument<unknown>('coverageJson', raw);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'coverageJson must be a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => !COVERAGE_FIELDS.has(field));
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `coverageJson.${unknownField} is not a coverage field`);
  }
  const coverage: Coverage = {
    categories: requireSubset('coverageJson.categories', record.categories, COVERAGE_CATEGORIES),
    annualLimitMinor: wholeNumber('coverageJson.annualLimitMinor', record.annualLimitMinor, 1, Number.MAX_SAFE_INTEGER),
    coveragePeriodDays:
      record.coveragePeriodDays === undefined
        ? DEFAULT_COVERAGE_PERIOD_DAYS
        : wholeNumber('coverageJson.coveragePeriodDays', record.coveragePeriodDays, 1, 3 * 366),
  };
  if (record.copayPercent !== undefined) {
    coverage.copayPercent = wholeNumber('coverageJson.copayPercent', record.copayPercent, 0, 100);
  }
  if (record.waitingPeriodDays !== undefined) {
    coverage.waitingPeriodDays = wholeNumber('coverageJson.waitingPeriodDays', record.waitingPeriodDays, 0, 366);
  }
  return coverage;
}

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
