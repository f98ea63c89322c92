/** Text that looks like a MedLedger API key or personal access token, wherever it appears. */
export const CREDENTIAL_IN_TEXT = /mlk_[a-z2-7]{16}_[0-9A-Za-z]+|mlpat_[0-9A-Za-z]{8,}/g;

export function maskCredentials(text: string): string {
  return text.replace(CREDENTIAL_IN_TEXT, (match) => `${match.slice(0, match.indexOf('_') + 1)}[redacted]`);
}
