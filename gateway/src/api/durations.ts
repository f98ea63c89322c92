/** Seconds in the units the documentation states the contract surface's time limits in. */
export const HOUR_SECONDS = 60 * 60;
export const DAY_SECONDS = 24 * HOUR_SECONDS;
