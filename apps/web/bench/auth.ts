// `pnpm bench:auth`: starts the production build (`pnpm build` first) on a fresh SQLite data
// directory and measures what a sign-in costs. Prints figures; asserts nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createBcryptHasher } from '@roster/users';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const COST = Number(process.env.BCRYPT_COST ?? 12);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const USER = { username: 'bench', email: 'bench@example.com', password: 'Bench-Password-123!' };

function startServer(dataDir: string): ChildProcess {
  // The server itself (not through pnpm), so that stopping it is a clean SIGTERM.
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(PORT),
      DATA_DIR: dataDir,
      BCRYPT_COST: String(COST),
      APP_URL: BASE,
      INITIAL_ADMIN_USERNAME: USER.username,
      INITIAL_ADMIN_EMAIL: USER.email,
      INITIAL_ADMIN_PASSWORD: USER.password,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  return child;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

async function sessionCookie(): Promise<string> {
  const response = await fetch(`${BASE}/api/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER.username, password: USER.password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

interface Run {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function run(options: autocannon.Options): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => {
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      resolve({
        requests: result.requests.total,
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    });
  });
}

const login = (connections: number, duration = SECONDS) =>
  run({
    url: `${BASE}/api/trpc/auth.login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER.username, password: USER.password }),
    connections,
    duration,
  });

const get = (
  url: string,
  connections: number,
  headers: Record<string, string> = {},
  duration = SECONDS,
) => run({ url, connections, headers, duration });

/** One client, one sign-in at a time, timed to the microsecond (autocannon rounds to 1 ms). */
async function sequentialLogins(count: number): Promise<Run> {
  const times: number[] = [];
  const body = JSON.stringify({ username: USER.username, password: USER.password });
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const response = await fetch(`${BASE}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  const elapsed = performance.now() - started;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { requests: count, rps: (1000 * count) / elapsed, p50: at(0.5), p99: at(0.99), errors: 0 };
}

/** The round trip of a POST the server refuses at once: what any request costs here. */
async function sequentialPosts(count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const response = await fetch(`${BASE}/api/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":"","password":"x"}',
    });
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function hashMilliseconds(): Promise<number> {
  const hasher = createBcryptHasher({ cost: COST, concurrency: 1 });
  const hash = await hasher.hash(USER.password);
  const samples: number[] = [];
  for (let i = 0; i < 15; i += 1) {
    const start = performance.now();
    await hasher.verify(USER.password, hash);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

const fmt = (value: number, digits = 1) => value.toFixed(digits).padStart(8);

async function main(): Promise<void> {
  const cores = os.availableParallelism();
  console.log(
    `Roster auth benchmark — ${cores} cores, bcrypt cost ${COST}, ${SECONDS} s per run\n`,
  );
  const hashMs = await hashMilliseconds();
  const limit = (cores * 1000) / hashMs;
  console.log(`bcrypt verify (median of 15, one at a time): ${hashMs.toFixed(1)} ms`);
  console.log(`machine bcrypt limit (cores ÷ hash time):   ${limit.toFixed(1)} sign-ins/s\n`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-bench-'));
  const server = startServer(dataDir);
  try {
    await waitForHealth();
    const cookie = await sessionCookie();
    // Warm up both paths.
    await get(`${BASE}/api/trpc/me.get`, 4, { cookie }, 2);
    await login(2, 2);

    const trivial = await sequentialPosts(200);
    console.log(
      `a refused POST (no bcrypt) round trip, one client: median ${trivial.toFixed(1)} ms (this machine's floor)\n`,
    );

    console.log('auth.login            clients   req/s   median ms   p99 ms   errors');
    const loginRuns: Record<number, Run> = {};
    for (const clients of [1, 4, 16]) {
      const result =
        clients === 1 ? await sequentialLogins(Math.round(SECONDS * 4)) : await login(clients);
      loginRuns[clients] = result;
      console.log(
        `                      ${String(clients).padStart(7)} ${fmt(result.rps)} ${fmt(result.p50)}    ${fmt(result.p99)} ${String(result.errors).padStart(8)}`,
      );
    }
    const one = loginRuns[1];
    const sixteen = loginRuns[16];
    if (one && sixteen) {
      console.log(
        `\n  1 client: median ${one.p50.toFixed(1)} ms = bcrypt + ${(one.p50 - hashMs).toFixed(1)} ms (target: + at most 5 ms)`,
      );
      console.log(
        `  16 clients: ${sixteen.rps.toFixed(1)} sign-ins/s = ${((100 * sixteen.rps) / limit).toFixed(0)} % of the machine's bcrypt limit (target: at least 90 %)\n`,
      );
    }

    // Alternated, twice each, so that drift in the machine's speed touches both alike.
    const healthRuns: Run[] = [];
    const meRuns: Run[] = [];
    for (let round = 0; round < 2; round += 1) {
      healthRuns.push(await get(`${BASE}/api/health`, 32));
      meRuns.push(await get(`${BASE}/api/trpc/me.get`, 32, { cookie }));
    }
    const mean = (runs: Run[], pick: (run: Run) => number) =>
      runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    const health = { rps: mean(healthRuns, (r) => r.rps), p99: mean(healthRuns, (r) => r.p99) };
    const me = { rps: mean(meRuns, (r) => r.rps), p99: mean(meRuns, (r) => r.p99) };
    const errors = [...healthRuns, ...meRuns].reduce((sum, run) => sum + run.errors, 0);
    console.log('32 connections        req/s     p99 ms   (mean of 2 alternated runs each)');
    console.log(`GET /api/health     ${fmt(health.rps, 0)}   ${fmt(health.p99, 0)}`);
    console.log(`me.get              ${fmt(me.rps, 0)}   ${fmt(me.p99, 0)}`);
    console.log(
      `  me.get ÷ health: ${(me.rps / health.rps).toFixed(2)} (target: at least 0.8); errors: ${errors}\n`,
    );

    const idle = await get(`${BASE}/api/trpc/me.get`, 1, { cookie });
    const [busy] = await Promise.all([get(`${BASE}/api/trpc/me.get`, 1, { cookie }), login(16)]);
    console.log('me.get, one client    p50 ms   p99 ms');
    console.log(`idle                ${fmt(idle.p50, 0)} ${fmt(idle.p99, 0)}`);
    console.log(`16 sign-ins hashing ${fmt(busy.p50, 0)} ${fmt(busy.p99, 0)}`);
    console.log(
      `  p99 under sign-in load ÷ idle p99: ${(busy.p99 / Math.max(idle.p99, 1)).toFixed(1)}× (target: at most 2×)`,
    );
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
