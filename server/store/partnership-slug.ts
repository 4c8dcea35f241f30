/** What a partnership's name in addresses may be: the API's schema and `store copy --into` both check it. */
export const PARTNERSHIP_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
