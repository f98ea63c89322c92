/** Every token expires: 30 days unless asked otherwise, never more than 90. */
export const TOKEN_DEFAULT_DAYS = 30;
export const TOKEN_MAX_DAYS = 90;
export const DAY_MS = 86_400_000;
