import { COVERAGE_CATEGORIES, COVERAGE_LIMITS, DEFAULT_COVERAGE_PERIOD_DAYS, type Coverage as CoverageShape } from '../contract';
import { parseJsonArgument, requireKnownFields, requireRecord, requireSubset, requireWholeNumber } from '../lib/validation';

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
  const parsed = parseJsonArgument('coverageJson', raw);
  const record = requireRecord(parsed, 'coverageJson must be a JSON object');
  requireKnownFields('coverageJson', record, COVERAGE_FIELDS, 'coverage field');
  const { coveragePeriodDays, copayPercent, waitingPeriodDays } = COVERAGE_LIMITS;
  const coverage: CoverageShape = {
    categories: requireSubset('coverageJson.categories', record.categories, COVERAGE_CATEGORIES),
    annualLimitMinor: requireWholeNumber('coverageJson.annualLimitMinor', record.annualLimitMinor, { min: 1, max: Number.MAX_SAFE_INTEGER }),
    coveragePeriodDays:
      record.coveragePeriodDays === undefined
        ? DEFAULT_COVERAGE_PERIOD_DAYS
        : requireWholeNumber('coverageJson.coveragePeriodDays', record.coveragePeriodDays, coveragePeriodDays),
  };
  if (record.copayPercent !== undefined) {
    coverage.copayPercent = requireWholeNumber('coverageJson.copayPercent', record.copayPercent, copayPercent);
  }
  if (record.waitingPeriodDays !== undefined) {
    coverage.waitingPeriodDays = requireWholeNumber('coverageJson.waitingPeriodDays', record.waitingPeriodDays, waitingPeriodDays);
  }
  return coverage;
}
