/** Where the HTTP server leaves the running Roster runtime for the Next.js route handlers. */
export const RUNTIME_KEY = Symbol.for('roster.runtime');
