import { COVERAGE_CATEGORIES, COVERAGE_LIMITS, DEFAULT_COVERAGE_PERIOD_DAYS, type Coverage as CoverageShape } from '../contract';
import { ChaincodeError } from '../lib/errors';
import { parseJsonArgument, requireSubset } from '../lib/validation';

export type { Coverage, CoverageCategory, InsurancePackageVersion, PublishedPackage } from '../contract';
/** Re-exported under their former names for importers that predate contract/. */
export { COVERAGE_CATEGORIES, CURRENCY_PATTERN, ELIGIBILITY_SUMMARY_MAX as MAX_ELIGIBILITY_SUMMARY } from '../contract';

/** The package head: who publishes it and its newest version. Versions are never amended. */
export interface InsurancePackage {
  id: string;
  insurerId: string;
  latestVersion: number;
  createdAt: string;
  updatedAt: string;
}

export const PACKAGE_TYPE = 'insurance-package';
/** Versions live under [packageId, versionKeyPart(version)]. */
export const PACKAGE_VERSION_TYPE = 'insurance-package-version';

const COVERAGE_FIELDS = new Set(['categories', 'annualLimitMinor', 'coveragePeriodDays', 'copayPercent', 'waitingPeriodDays']);

/** Version numbers are zero-padded in keys so they sort numerically. */
export function versionKeyPart(version: number): string {
  return String(version).padStart(6, '0');
}

export function parseCoverage(raw: string): CoverageShape {
  const parsed = parseJsonArgument<unknown>('coverageJson', raw);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ChaincodeError('INVALID_ARGUMENT', 'coverageJson must be a JSON object');
  }
  const record = parsed as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => !COVERAGE_FIELDS.has(field));
  if (unknownField !== undefined) {
    throw new ChaincodeError('INVALID_ARGUMENT', `coverageJson.${unknownField} is not a coverage field`);
  }
  const { coveragePeriodDays, copayPercent, waitingPeriodDays } = COVERAGE_LIMITS;
  const coverage: CoverageShape = {
    categories: requireSubset('coverageJson.categories', record.categories, COVERAGE_CATEGORIES),
    annualLimitMinor: wholeNumber('coverageJson.annualLimitMinor', record.annualLimitMinor, { min: 1, max: Number.MAX_SAFE_INTEGER }),
    coveragePeriodDays:
      record.coveragePeriodDays === undefined
        ? DEFAULT_COVERAGE_PERIOD_DAYS
        : wholeNumber('coverageJson.coveragePeriodDays', record.coveragePeriodDays, coveragePeriodDays),
  };
  if (record.copayPercent !== undefined) {
    coverage.copayPercent = wholeNumber('coverageJson.copayPercent', record.copayPercent, copayPercent);
  }
  if (record.waitingPeriodDays !== undefined) {
    coverage.waitingPeriodDays = wholeNumber('coverageJson.waitingPeriodDays', record.waitingPeriodDays, waitingPeriodDays);
  }
  return coverage;
}

function wholeNumber(field: string, value: unknown, bounds: { min: number; max: number }): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < bounds.min || value > bounds.max) {
    throw new ChaincodeError('INVALID_ARGUMENT', `${field} must be a whole number from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}
