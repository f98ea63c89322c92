/** Every API key expires: 90 days unless asked otherwise, never more than a year. */
export const API_KEY_DEFAULT_DAYS = 90;
export const API_KEY_MAX_DAYS = 365;
