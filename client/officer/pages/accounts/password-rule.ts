/**
 * The server's password rule, shown beside the password field. server/accounts/password.ts holds the
 * rule the server applies; it uses node:crypto, so it is not bundled here.
 * test/server/crime/data-api.test.ts checks that the two agree.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;
export const PASSWORD_RULE = `At least ${MIN_PASSWORD_LENGTH} characters (at most ${MAX_PASSWORD_LENGTH}), not a common password and not containing the email address. A few unrelated words work well, for example "kettle harbour violet cloud".`;
