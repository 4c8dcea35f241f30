/** Names of recorded-crime groups shared by the crime pages and the perception report. */
export const ASB = 'Anti-social behaviour';
export const ALL_CRIME_LABEL = 'crime of all types (not counting anti-social behaviour)';
