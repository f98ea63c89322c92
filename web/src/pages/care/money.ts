/**
 * Prices travel as integer minor units (cents) with an ISO 4217 currency; people type and read
 * major units. These two functions are the only place that converts.
 */

/** Digits of the currency's minor unit as the browser knows it (2 for EUR, 0 for JPY). */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 45000 EUR → "€450.00" in the reader's language. */
export function formatMoney(minor: number | undefined, currency: string | undefined): string {
  if (minor === undefined || currency === undefined) return '—';
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/**
 * "450" or "450.5" or "450,50" in major units → 45050 minor units; undefined when it is not a
 * positive amount with at most the currency's number of decimals.
 */
export function majorToMinor(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const match = /^(\d{1,13})(?:[.,](\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : undefined;
}

/** 45050 EUR → "450.50", the value a major-unit input starts with. */
export function minorToMajorInput(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
