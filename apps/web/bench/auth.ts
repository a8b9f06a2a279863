// `pnpm bench:auth`: starts the production build (`pnpm build` first) on a fresh SQLite data
// directory, with two bare servers beside it that do nothing but the same session lookup (a
// `node:http` server: the limit of this machine; and a Next route handler), and measures what a
// sign-in and `me.get` cost. Prints figures, each against the bare `node:http` lookup where that
// makes sense; asserts nothing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createBcryptHasher } from '@roster/users';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const BARE_NODE = `http://127.0.0.1:${PORT + 2}`;
const BARE_NEXT = `http://127.0.0.1:${PORT + 3}`;
const COST = Number(process.env.BCRYPT_COST ?? 12);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const USER = { username: 'bench', email: 'bench@example.com', password: 'Bench-Password-123!' };
/** One account per concurrent sign-in: one account signing in 16 times at once is an attack. */
const SIGN_IN_USERS = 16;

function spawnServer(command: string, args: string[], env: Record<string, string>): ChildProcess {
  // Detached: its own process group, measured and stopped as a whole.
  return spawn(command, args, {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

function startRoster(dataDir: string): ChildProcess {
  // The server itself (not through pnpm), so that stopping it is a clean SIGTERM.
  // As `pnpm start` runs it.
  return spawnServer(process.execPath, ['--max-old-space-size=256', 'dist/server.mjs'], {
    NODE_ENV: 'production',
    PORT: String(PORT),
    DATA_DIR: dataDir,
    BCRYPT_COST: String(COST),
    APP_URL: BASE,
    INITIAL_ADMIN_USERNAME: USER.username,
    INITIAL_ADMIN_EMAIL: USER.email,
    INITIAL_ADMIN_PASSWORD: USER.password,
  });
}

function startBareServers(database: string): ChildProcess[] {
  const bareNext = path.join(appDir, 'bench', 'bare-next');
  if (!fs.existsSync(path.join(bareNext, '.next', 'BUILD_ID'))) {
    execFileSync(path.join(appDir, 'node_modules', '.bin', 'next'), ['build', bareNext], {
      cwd: appDir,
      stdio: 'ignore',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  }
  return [
    spawnServer(path.join(appDir, 'node_modules', '.bin', 'tsx'), ['bench/bare-node.ts'], {
      BARE_DATABASE: database,
      BARE_PORT: String(PORT + 2),
    }),
    spawnServer(
      path.join(appDir, 'node_modules', '.bin', 'next'),
      ['start', bareNext, '-p', String(PORT + 3), '-H', '127.0.0.1'],
      { NODE_ENV: 'production', BARE_DATABASE: database },
    ),
  ];
}

async function waitFor(url: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(url, { headers })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not start`);
}

async function signIn(username: string, password: string): Promise<string> {
  const response = await fetch(`${BASE}/api/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

const signInUser = (n: number) => ({ username: `signin${n}`, password: USER.password });

/** The accounts the concurrent sign-ins use, created by the admin through the API. */
async function createSignInUsers(adminCookie: string): Promise<void> {
  for (let n = 0; n < SIGN_IN_USERS; n += 1) {
    const response = await fetch(`${BASE}/api/trpc/admin.users.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({
        name: `Sign-in ${n}`,
        email: `signin${n}@example.com`,
        ...signInUser(n),
      }),
    });
    if (!response.ok) throw new Error(`could not create a user: ${await response.text()}`);
  }
}

/** An API key of the benchmark's user (`me:read`), for the calls a script makes. */
async function createApiKey(cookie: string): Promise<string> {
  const response = await fetch(`${BASE}/api/trpc/me.apiKeys.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      name: 'Benchmark',
      scopes: ['me:read'],
      expiresInDays: 1,
      stepUp: { password: USER.password },
    }),
  });
  if (!response.ok) throw new Error(`could not create an API key: ${await response.text()}`);
  return ((await response.json()) as { result: { data: { key: string } } }).result.data.key;
}

/** The resident memory of a process group, in MiB, and of its largest process. */
function groupMemory(pgid: number): { total: number; largest: number } {
  const output = execFileSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' });
  const sizes = output
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((kb) => kb > 0)
    .map((kb) => kb / 1024);
  return { total: sizes.reduce((sum, size) => sum + size, 0), largest: Math.max(0, ...sizes) };
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

/** Concurrent sign-ins, each connection as a different person. */
const login = (connections: number, duration = SECONDS) => {
  let next = 0;
  return run({
    url: `${BASE}/api/trpc/auth.login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    setupClient: (client) => {
      client.setBody(JSON.stringify(signInUser(next % SIGN_IN_USERS)));
      next += 1;
    },
    connections,
    duration,
  });
};

const get = (
  url: string,
  connections: number,
  headers: Record<string, string> = {},
  duration = SECONDS,
) => run({ url, connections, headers, duration });

/** One client, one sign-in at a time, timed to the microsecond (autocannon rounds to 1 ms). */
async function sequentialLogins(count: number): Promise<Run> {
  const times: number[] = [];
  const body = JSON.stringify(signInUser(0));
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
  const roster = startRoster(dataDir);
  const servers = [roster];
  let peak = { total: 0, largest: 0 };
  const sampler = setInterval(() => {
    if (!roster.pid) return;
    const now = groupMemory(roster.pid);
    peak = { total: Math.max(peak.total, now.total), largest: Math.max(peak.largest, now.largest) };
  }, 250);
  try {
    await waitFor(`${BASE}/api/health`);
    const cookie = await signIn(USER.username, USER.password);
    await createSignInUsers(cookie);
    const keyHeaders = { authorization: `Bearer ${await createApiKey(cookie)}` };
    servers.push(...startBareServers(path.join(dataDir, 'roster.db')));
    await Promise.all([
      waitFor(`${BARE_NODE}/`, { cookie }),
      waitFor(`${BARE_NEXT}/api/lookup`, { cookie }),
    ]);
    // Warm up every path.
    for (const url of [`${BASE}/api/trpc/me.get`, `${BARE_NODE}/`, `${BARE_NEXT}/api/lookup`]) {
      await get(url, 4, { cookie }, 2);
    }
    await get(`${BASE}/api/trpc/me.get`, 4, keyHeaders, 2);
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
        `\n  1 client: median ${one.p50.toFixed(1)} ms = bcrypt + ${(one.p50 - hashMs).toFixed(1)} ms (target: + at most 3 ms)`,
      );
      console.log(
        `  16 clients: ${sixteen.rps.toFixed(1)} sign-ins/s = ${((100 * sixteen.rps) / limit).toFixed(0)} % of the machine's bcrypt limit (target: at least 90 %)\n`,
      );
    }

    // Alternated, three times each, so that drift in the machine's speed touches all alike.
    const targets = {
      'bare node:http lookup': `${BARE_NODE}/`,
      'bare Next route lookup': `${BARE_NEXT}/api/lookup`,
      'Roster GET /api/health': `${BASE}/api/health`,
      'Roster me.get': `${BASE}/api/trpc/me.get`,
      'Roster me.get, API key': `${BASE}/api/trpc/me.get`,
    };
    const headersFor = (name: string) => (name.endsWith('API key') ? keyHeaders : { cookie });
    const runs = new Map<string, Run[]>(Object.keys(targets).map((name) => [name, []]));
    for (let round = 0; round < 3; round += 1) {
      for (const [name, url] of Object.entries(targets)) {
        runs.get(name)?.push(await get(url, 32, headersFor(name)));
      }
    }
    const mean = (name: string, pick: (run: Run) => number) => {
      const list = runs.get(name) ?? [];
      return list.reduce((sum, run) => sum + pick(run), 0) / Math.max(1, list.length);
    };
    const bare = mean('bare node:http lookup', (r) => r.rps);
    console.log(
      '32 connections           req/s     p99 ms   ÷ bare node:http   errors  (mean of 3 alternated runs)',
    );
    for (const name of Object.keys(targets)) {
      const rps = mean(name, (r) => r.rps);
      const errors = (runs.get(name) ?? []).reduce((sum, run) => sum + run.errors, 0);
      console.log(
        `${name.padEnd(24)} ${fmt(rps, 0)}   ${fmt(
          mean(name, (r) => r.p99),
          0,
        )}   ${fmt(rps / bare, 2)}        ${String(errors).padStart(6)}`,
      );
    }
    const me = mean('Roster me.get', (r) => r.rps);
    const nextRoute = mean('bare Next route lookup', (r) => r.rps);
    console.log(
      `  me.get ÷ bare node:http: ${(me / bare).toFixed(2)} (target: at least 0.6); me.get ÷ bare Next route: ${(me / nextRoute).toFixed(2)} (target: at least 1.5)\n`,
    );

    const idle = await get(`${BASE}/api/trpc/me.get`, 1, { cookie });
    const [busy] = await Promise.all([get(`${BASE}/api/trpc/me.get`, 1, { cookie }), login(16)]);
    console.log('me.get, one client    p50 ms   p99 ms   ÷ bare node:http req/s');
    console.log(
      `idle                ${fmt(idle.p50, 0)} ${fmt(idle.p99, 0)}   ${fmt(idle.rps / bare, 3)}`,
    );
    console.log(
      `16 sign-ins hashing ${fmt(busy.p50, 0)} ${fmt(busy.p99, 0)}   ${fmt(busy.rps / bare, 3)}`,
    );
    console.log(
      `  p99 under sign-in load ÷ idle p99: ${(busy.p99 / Math.max(idle.p99, 1)).toFixed(1)}× (target: at most 2×)\n`,
    );
    console.log(
      `Roster's process group, peak resident memory during the runs: ${peak.total.toFixed(0)} MiB (its largest process ${peak.largest.toFixed(0)} MiB; target: at most 300 MiB)`,
    );
  } finally {
    clearInterval(sampler);
    for (const server of servers) if (server.pid) process.kill(-server.pid, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
