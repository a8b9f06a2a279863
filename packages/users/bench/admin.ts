// Seeds 100,000 users through the library and times what the admin dashboard asks for: the list
// (its total and one page) at page 1 and deep, a search, each filter tab, and the tab counts.
// SQLite always (a file in a temporary folder, as the server uses it); PostgreSQL too when
// ROSTER_TEST_PG_URL is set (`pnpm bench:admin` starts a throwaway server for that).
//
//   pnpm bench:admin                      both dialects
//   pnpm --filter @roster/users bench:admin   SQLite only, unless ROSTER_TEST_PG_URL is set
//   BENCH_USERS=20000 BENCH_RUNS=20 …     smaller or longer runs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { countUsersByFilter, listUsers, type ListUsersQuery } from '../src/admin/users';
import { type DatabaseHandle, type Dialect, openDatabase } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrate';
import { createBcryptHasher } from '../src/passwords/hasher';
import { createEmptyPostgresDatabase, seedUsers, TEST_POSTGRES_URL } from '../src/testing';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARM_UP = 5;
const PAGE_SIZE = 25;

interface Scenario {
  label: string;
  run(handle: DatabaseHandle): Promise<unknown>;
}

const list = (query: Omit<ListUsersQuery, 'numRecords'>): Scenario['run'] => {
  return (handle) => listUsers(handle, { ...query, numRecords: PAGE_SIZE });
};

const deepPage = Math.max(1, Math.min(2000, Math.floor(USERS / PAGE_SIZE)));

const SCENARIOS: Scenario[] = [
  { label: 'page 1', run: list({ pageNumber: 1 }) },
  { label: `page ${deepPage.toLocaleString('en')}`, run: list({ pageNumber: deepPage }) },
  // Matches one name in twenty (about 5,000 users): the total must still be counted.
  { label: 'search "hopper", page 1', run: list({ pageNumber: 1, search: 'hopper' }) },
  // Matches one user: the whole table is read to find it.
  {
    label: 'search "grace.hopper14547"',
    run: list({ pageNumber: 1, search: 'grace.hopper14547' }),
  },
  { label: 'search "100%_" (wildcards)', run: list({ pageNumber: 1, search: '100%_' }) },
  {
    label: 'filter pending_approval',
    run: list({ pageNumber: 1, filter: 'pending_approval' }),
  },
  { label: 'filter unverified', run: list({ pageNumber: 1, filter: 'unverified' }) },
  { label: 'filter inactive', run: list({ pageNumber: 1, filter: 'inactive' }) },
  { label: 'filter admins', run: list({ pageNumber: 1, filter: 'admins' }) },
  { label: 'tab counts (5 counts)', run: (handle) => countUsersByFilter(handle) },
  {
    label: 'tab counts, search "hopper"',
    run: (handle) => countUsersByFilter(handle, 'hopper'),
  },
];

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARM_UP; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

interface DialectResult {
  dialect: Dialect;
  seedMs: number;
  timings: Map<string, { p50: number; p95: number }>;
}

async function benchmark(
  dialect: Dialect,
  url: string,
  passwordHash: string,
): Promise<DialectResult> {
  const handle = openDatabase(url, { poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    process.stdout.write(`${dialect}: seeding ${USERS.toLocaleString('en')} users… `);
    const seedStart = performance.now();
    await seedUsers(handle.db, { count: USERS, passwordHash, now: Date.now() });
    const seedMs = performance.now() - seedStart;
    process.stdout.write(`${(seedMs / 1000).toFixed(1)} s\n`);
    // Fresh statistics, as autovacuum (PostgreSQL) would have gathered on a live server.
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(handle.db);
    const timings = new Map<string, { p50: number; p95: number }>();
    for (const scenario of SCENARIOS) {
      timings.set(scenario.label, await time(() => scenario.run(handle)));
    }
    return { dialect, seedMs, timings };
  } finally {
    await handle.close();
  }
}

function printTable(results: DialectResult[]): void {
  const ms = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(1)} ms`);
  const header = ['query (page size 25, total counted)'];
  for (const result of results) header.push(`${result.dialect} p50`, `${result.dialect} p95`);
  const rows = SCENARIOS.map((scenario) => {
    const row = [scenario.label];
    for (const result of results) {
      const timing = result.timings.get(scenario.label);
      row.push(ms(timing?.p50), ms(timing?.p95));
    }
    return row;
  });
  const seedRow = ['seed (for reference)'];
  for (const result of results) seedRow.push(`${(result.seedMs / 1000).toFixed(1)} s`, '');
  const all = [header, ...rows, seedRow];
  const widths = header.map((_, column) =>
    Math.max(...all.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  console.log();
  console.log(
    `${USERS.toLocaleString('en')} users, ${RUNS} runs per query after ${WARM_UP} warm-up runs`,
  );
  console.log(line(header));
  console.log(
    `|${widths.map((width, column) => (column === 0 ? '-' : '') + '-'.repeat(width + 1) + (column === 0 ? '' : ':')).join('|')}|`,
  );
  for (const row of [...rows, seedRow]) console.log(line(row));
}

async function main(): Promise<void> {
  const passwordHash = await createBcryptHasher({ cost: 10 }).hash('Bench-Password-1!');
  const results: DialectResult[] = [];

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
  try {
    results.push(
      await benchmark('sqlite', `sqlite:${path.join(folder, 'roster.db')}`, passwordHash),
    );
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }

  if (TEST_POSTGRES_URL) {
    const database = await createEmptyPostgresDatabase();
    try {
      results.push(await benchmark('postgres', database.url, passwordHash));
    } finally {
      await database.drop();
    }
  } else {
    console.log('postgres: skipped (ROSTER_TEST_PG_URL is not set; run `pnpm bench:admin`)');
  }

  printTable(results);
}

await main();
