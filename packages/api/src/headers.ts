/**
 * Set by Roster's own HTTP server from the socket and TRUSTED_PROXIES, always overwriting any copy
 * a client sent; the API and the pages read the client's address from it.
 */
export const CLIENT_IP_HEADER = 'x-roster-client-ip';
