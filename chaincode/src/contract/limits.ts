/**
 * Every limit the chaincode enforces: page sizes, text lengths (counted after trimming), counts,
 * quantities and time windows. The chaincode refuses anything beyond them with INVALID_ARGUMENT
 * (or QUANTITY_EXCEEDED, DEADLINE_PASSED where the rule is about the ledger's state).
 */

const MINUTE_SECONDS = 60;
const HOUR_SECONDS = 60 * MINUTE_SECONDS;
const DAY_SECONDS = 24 * HOUR_SECONDS;

// ---- lists ----------------------------------------------------------------------------------

/** Largest page any list returns; every list takes a page size from 1 to this. */
export const MAX_PAGE_SIZE = 100;

// ---- free text (private data only, except the ping label and the eligibility summary) ----------

/** Platform:ping's label. */
export const PING_LABEL_MAX = 64;
/** A break-glass justification. */
export const BREAK_GLASS_REASON_MAX = 2000;
/** The reason for an appointment. */
export const APPOINTMENT_REASON_MAX = 2000;
/** What a hospital service request is for. */
export const SERVICE_DETAILS_MAX = 4000;
/** Why a patient disputes a hospital's report (private data). */
export const REPORT_DISPUTE_REASON_MAX = 2000;
/** What a claim is for. */
export const CLAIM_DETAILS_MAX = 4000;
/** A medical file's name. */
export const FILE_NAME_MAX = 255;
/** A medical file's (or an amendment's new) description. */
export const FILE_DESCRIPTION_MAX = 2000;
/** Why a patient asks to amend a file. */
export const AMENDMENT_REASON_MAX = 2000;
/** An insurance package's public eligibility summary. */
export const ELIGIBILITY_SUMMARY_MAX = 500;
/** The text fields of one prescribed medicine. */
export const PRESCRIPTION_ITEM_TEXT_MAX = { medicine: 200, dose: 200, frequency: 200, route: 100, instructions: 1000 } as const;

// ---- consent ----------------------------------------------------------------------------------

/**
 * Longest validity of a grant (and of a delegation or an access request). Consent must be
 * specific and reviewed: a grant nobody remembers is standing access to health data, so it lapses
 * after a year and the patient renews it deliberately. The cap also bounds how many live grants a
 * grantee can accumulate per patient, which the access decision reads.
 */
export const MAX_VALIDITY_DAYS = 365;
/** Most record IDs one grant scope (or access request) may name. */
export const MAX_SCOPE_RECORD_IDS = 50;
/** Emergency access lasts this long; a doctor who still needs access afterwards opens a new one. */
export const BREAK_GLASS_MINUTES = 60;
/** The break-glass salt, in bytes: enough that short reasons cannot be confirmed by hashing guesses. */
export const MIN_SALT_BYTES = 16;
export const MAX_SALT_BYTES = 64;

// ---- records ----------------------------------------------------------------------------------

/** Most private keys one Records:erasePatientData call purges; a larger erasure takes several calls. */
export const ERASURE_BATCH_MAX = 200;

/** Largest file the platform stores (10 GiB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024 * 1024;

// ---- prescriptions ----------------------------------------------------------------------------

export const MAX_PRESCRIPTION_ITEMS = 20;
/** Units of one fill, all items together. */
export const MAX_UNITS_PER_FILL = 10_000;
/** Extra fills after the first. */
export const MAX_REFILLS = 12;
/** A prescription is valid for at most a year (366 days, for leap years). */
export const MAX_PRESCRIPTION_VALIDITY_SECONDS = 366 * DAY_SECONDS;
/** A prescribed medicine's course, in days. */
export const MAX_ITEM_DURATION_DAYS = 366;
export const MAX_ORDER_QUANTITY = 10_000;

// ---- appointments -----------------------------------------------------------------------------

/** The longest bookable slot. */
export const APPOINTMENT_MAX_MINUTES = 12 * 60;

// ---- hospital services ------------------------------------------------------------------------

/** Largest quoted price in minor units (10^12, e.g. ten billion euros in cents). */
export const MAX_SERVICE_PRICE_MINOR = 1_000_000_000_000;

/** Step deadlines of a service request, in seconds after the step that starts the clock. */
export const SERVICE_DEADLINES = {
  /** quoteBy = requestedAt + 72 h: the hospital quotes, or the patient may cancel. A late quote is refused. */
  quoteWithinSeconds: 72 * HOUR_SECONDS,
  /** acceptBy = the quote's validUntil (the price lock), at most this long after quoting. A late acceptance is refused. */
  maxQuoteValiditySeconds: 30 * DAY_SECONDS,
  /** payBy = acceptedAt + 48 h: the patient pays, or the hospital may cancel. A late payment is refused. */
  payWithinSeconds: 48 * HOUR_SECONDS,
  /**
   * confirmBy = paidAt + 48 h: the hospital confirms receipt, or the patient may cancel. Money has
   * moved by then, so a late confirmation is still accepted while nobody has cancelled.
   */
  confirmWithinSeconds: 48 * HOUR_SECONDS,
  /** reportBy = confirmedAt + 14 days: the hospital attaches the report, or the patient may cancel. A late report is still accepted. */
  reportWithinSeconds: 14 * DAY_SECONDS,
  /**
   * reportReviewDeadline = reportedAt + 7 days: the patient accepts or disputes the report by
   * then; a report left unreviewed reads as deemed-accepted afterwards, and reviewing is refused.
   */
  reportReviewWithinSeconds: 7 * DAY_SECONDS,
} as const;

/** A hospital's published price list: at most this many items, each name at most this long. */
export const PRICE_LIST_LIMITS = { items: 200, name: 120 } as const;

// ---- insurance --------------------------------------------------------------------------------

/** The latest response deadline a patient may set on an application, counted from applying. */
export const MAX_RESPONSE_WINDOW_SECONDS = 30 * DAY_SECONDS;

/** Bounds of a package's structured coverage terms. */
export const COVERAGE_LIMITS = {
  /** How long a policy issued from the package runs, in days; DEFAULT_COVERAGE_PERIOD_DAYS unless given. */
  coveragePeriodDays: { min: 1, max: 3 * 366 },
  /** The holder's share of each claim, in percent. */
  copayPercent: { min: 0, max: 100 },
  /** Days after the policy starts before claims are covered. */
  waitingPeriodDays: { min: 0, max: 366 },
} as const;
export const DEFAULT_COVERAGE_PERIOD_DAYS = 365;
