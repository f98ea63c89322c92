/**
 * Money as the ledger keeps it: whole minor units (cents) of an ISO 4217 currency. People read and
 * type major units (12.50 EUR); the currency's own number of decimals (Intl) converts between them,
 * in strings, so no floating-point rounding creeps into an amount.
 */

/** How many decimals the currency has (EUR 2, JPY 0); 2 for a code Intl does not know. */
export function currencyDecimals(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units, formatted in the reader's language with the currency's symbol. */
export function formatMoney(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(minor / 10 ** decimals);
  } catch {
    return `${(minor / 10 ** decimals).toFixed(decimals)} ${currency}`;
  }
}

/**
 * What a person typed in major units ("120", "120.5", "120,50") as minor units, or a sentence
 * saying what is wrong with it. Thousands separators are refused rather than guessed.
 */
export function parseMajorAmount(text: string, currency: string): { minor: number } | { problem: string } {
  const decimals = currencyDecimals(currency);
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.trim());
  if (match === null) return { problem: `Type the amount as digits, e.g. ${decimals === 0 ? '1200' : '120.50'}, without thousands separators.` };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return { problem: decimals === 0 ? `${currency} has no decimals.` : `${currency} has at most ${decimals} decimals.` };
  const minor = Number(whole + fraction.padEnd(decimals, '0'));
  if (!Number.isSafeInteger(minor)) return { problem: 'The amount is too large.' };
  if (minor < 1) return { problem: 'The amount must be more than zero.' };
  return { minor };
}

/** Minor units as the major-unit text an input shows (12050 EUR → "120.50"). */
export function minorToMajorText(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  return (minor / 10 ** decimals).toFixed(decimals);
}
