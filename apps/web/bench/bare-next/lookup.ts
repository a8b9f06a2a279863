import crypto from 'node:crypto';
import SQLite from 'better-sqlite3';

/**
 * The least a server can do to answer "who is this session": hash the cookie, read the session
 * joined to its user from the same SQLite file with a prepared statement, answer the user as
 * JSON. The benchmark's bare servers all do exactly this, so Roster's figures can be read against
 * what the machine allows.
 */
export function createLookup(databaseFile: string) {
  const database = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  const statement = database.prepare(
    `select users.id, users.name, users.username, users.email, users.access_type, users.active
       from sessions join users on users.id = sessions.user_id
      where sessions.token_hash = ?`,
  );
  return (cookieHeader: string | null | undefined): string | null => {
    const token = /(?:^|;\s*)roster_session=([^;]+)/.exec(cookieHeader ?? '')?.[1];
    if (!token) return null;
    const row = statement.get(crypto.createHash('sha256').update(token, 'utf8').digest('hex'));
    return row ? JSON.stringify({ result: { data: row } }) : null;
  };
}
