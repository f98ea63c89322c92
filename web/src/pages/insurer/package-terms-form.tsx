import { CheckboxGroup, TextAreaField, TextField } from '../../components/Fields';
import { COVERAGE_CATEGORIES, COVERAGE_CATEGORY_LABELS, type CoverageCategory, type InsurancePackage } from '../../lib/insurance';
import { minorToMajorText, parseMajorAmount } from '../../lib/money';
import { sha256Hex } from '../../lib/sha256';
import type { components } from '../../api/generated/schema';

/** What publishing a package or a new version sends: the terms as their hash, money in minor units. */
export type PackageTerms = Omit<components['schemas']['InsurancePackageVersion'], 'packageId' | 'version' | 'insurerId' | 'publishedAt' | 'txId' | 'coverage'> & {
  coverage: components['schemas']['CoverageTerms'];
};

/** The form as typed: text, as people type it; checked and converted only when sent. */
export interface TermsDraft {
  termsText: string;
  price: string;
  currency: string;
  categories: CoverageCategory[];
  annualLimit: string;
  periodDays: string;
  copayPercent: string;
  waitingDays: string;
  eligibilitySummary: string;
}

export const EMPTY_TERMS: TermsDraft = { termsText: '', price: '', currency: 'EUR', categories: [], annualLimit: '', periodDays: '365', copayPercent: '', waitingDays: '', eligibilitySummary: '' };

/** A new version starts from the latest one's terms, except the terms text, which only its author has. */
export function draftFrom(latest: InsurancePackage): TermsDraft {
  const { coverage, currency } = latest;
  return {
    termsText: '',
    price: minorToMajorText(latest.priceMinor, currency),
    currency,
    categories: [...coverage.categories],
    annualLimit: minorToMajorText(coverage.annualLimitMinor, currency),
    periodDays: String(coverage.coveragePeriodDays),
    copayPercent: coverage.copayPercent === undefined ? '' : String(coverage.copayPercent),
    waitingDays: coverage.waitingPeriodDays === undefined ? '' : String(coverage.waitingPeriodDays),
    eligibilitySummary: latest.eligibilitySummary,
  };
}

function money(label: string, text: string, currency: string): number {
  const parsed = parseMajorAmount(text, currency);
  if ('problem' in parsed) throw new Error(`${label}: ${parsed.problem}`);
  return parsed.minor;
}

/** A whole number of days or percent; undefined when left empty and optional. */
function whole(label: string, text: string): number | undefined {
  if (text.trim() === '') return undefined;
  if (!/^\d+$/.test(text.trim())) throw new Error(`${label}: type a whole number.`);
  return Number(text.trim());
}

/** The draft as the API takes it, or an Error saying which field to fix. The terms' SHA-256 is computed here, in the browser. */
export async function termsOf(draft: TermsDraft): Promise<PackageTerms> {
  if (draft.termsText.trim() === '') throw new Error('Terms: paste the full terms document; the ledger keeps its SHA-256.');
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error('Currency: type an ISO 4217 code such as EUR.');
  if (draft.categories.length === 0) throw new Error('Coverage: choose at least one category.');
  const periodDays = whole('Policy period', draft.periodDays);
  const copayPercent = whole('Co-payment', draft.copayPercent);
  const waitingPeriodDays = whole('Waiting period', draft.waitingDays);
  return {
    termsSha256: await sha256Hex(draft.termsText),
    priceMinor: money('Price', draft.price, currency),
    currency,
    coverage: {
      categories: draft.categories,
      annualLimitMinor: money('Yearly limit', draft.annualLimit, currency),
      ...(periodDays === undefined ? {} : { coveragePeriodDays: periodDays }),
      ...(copayPercent === undefined ? {} : { copayPercent }),
      ...(waitingPeriodDays === undefined ? {} : { waitingPeriodDays }),
    },
    eligibilitySummary: draft.eligibilitySummary.trim(),
  };
}

/** The fields of a package's terms, shared by "publish a package" and "publish a new version". */
export function TermsFields({ draft, onChange }: { draft: TermsDraft; onChange: (draft: TermsDraft) => void }) {
  const set = (field: keyof TermsDraft) => (value: string) => {
    onChange({ ...draft, [field]: value });
  };
  return (
    <>
      <TextAreaField label="Terms" hint="The full terms document. Only its SHA-256, computed in your browser, goes to the ledger; patients accept the terms by that hash." value={draft.termsText} onChange={set('termsText')} required />
      <div className="field-row">
        <TextField label="Price per policy period" hint="In major units, e.g. 120.00" value={draft.price} onChange={set('price')} required />
        <TextField label="Currency" hint="ISO 4217, e.g. EUR" value={draft.currency} onChange={set('currency')} maxLength={3} required />
      </div>
      <CheckboxGroup
        legend="Coverage"
        options={COVERAGE_CATEGORIES.map((category) => ({ value: category, label: COVERAGE_CATEGORY_LABELS[category] }))}
        selected={draft.categories}
        onChange={(selected) => {
          onChange({ ...draft, categories: selected as CoverageCategory[] });
        }}
      />
      <div className="field-row">
        <TextField label="Yearly limit" hint="The most paid out a year, in major units" value={draft.annualLimit} onChange={set('annualLimit')} required />
        <TextField label="Policy period (days)" hint="365 when left empty" value={draft.periodDays} onChange={set('periodDays')} />
        <TextField label="Co-payment (%)" hint="The holder's share of each claim; optional" value={draft.copayPercent} onChange={set('copayPercent')} />
        <TextField label="Waiting period (days)" hint="Before claims are covered; optional" value={draft.waitingDays} onChange={set('waitingDays')} />
      </div>
      <TextAreaField label="Eligibility summary" hint="Who may apply, in a sentence or two (no personal data)" value={draft.eligibilitySummary} onChange={set('eligibilitySummary')} maxLength={500} required />
    </>
  );
}
