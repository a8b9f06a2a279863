import type SQLite from 'better-sqlite3';

/**
 * better-sqlite3 parses SQL on every `prepare` (~25 µs); Kysely prepares each query it runs. The
 * same few statements run all the time, so keep the most recent ones ready.
 */
export function withStatementCache(database: SQLite.Database, size = 256) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SQLite.Statement {
      const cached = statements.get(sql);
      if (cached) {
        // Most recently used last, so the oldest is first to go.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}
