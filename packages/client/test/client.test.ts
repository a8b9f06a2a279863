import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApiHandler } from '@roster/api/node';
import { type ApiKeyScope, createApiKey, createUser, UsersCreate } from '@roster/users';
import { createTestServices, GOOD_PASSWORD, type TestServices } from '@roster/users/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @roster/client as a script outside this repository uses it: built by its own build script,
// run by plain Node against a real server, its types checked by a separate TypeScript project.

const run = promisify(execFile);
const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = (name: string) => path.join(packageDir, 'node_modules', '.bin', name);

let s: TestServices;
let server: http.Server;
let url: string;
let adminKey: string;
let readerKey: string;

async function keyFor(username: string, scopes: ApiKeyScope[], accessType: 'admin' | 'regular') {
  const user = await createUser(
    s,
    UsersCreate.parse({
      name: username,
      username,
      email: `${username}@example.com`,
      password: GOOD_PASSWORD,
      accessType,
    }),
  );
  const meta = { ip: null, userAgent: null };
  const input = {
    name: 'Script',
    scopes,
    expiresInDays: null,
    stepUp: { password: GOOD_PASSWORD },
  };
  return (await createApiKey(s, user, meta, input)).key;
}

beforeAll(async () => {
  execFileSync('pnpm', ['run', 'build'], { cwd: packageDir, stdio: 'pipe' });
  s = await createTestServices();
  for (const [username, verified] of [
    ['pat', true],
    ['quinn', false],
  ] as const) {
    await createUser(
      s,
      UsersCreate.parse({
        name: `${username} Waiting`,
        username,
        email: `${username}@example.com`,
        password: GOOD_PASSWORD,
        active: false,
        pendingAdminApproval: true,
        emailVerified: verified,
      }),
    );
  }
  adminKey = await keyFor('ada', ['admin:read'], 'admin');
  readerKey = await keyFor('bob', ['me:read'], 'regular');
  const handle = createApiHandler({ services: s, secure: false });
  server = http.createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await s.destroy();
});

describe('the example script (examples/pending-signups.ts)', () => {
  const example = (apiKey: string | undefined) =>
    run(bin('tsx'), ['examples/pending-signups.ts'], {
      cwd: packageDir,
      env: { ...process.env, ROSTER_URL: url, ROSTER_API_KEY: apiKey ?? '' },
    });

  it('lists the pending sign-ups with an admin:read key', async () => {
    const { stdout } = await example(adminKey);
    expect(stdout).toBe(
      [
        '2 sign-ups waiting for approval',
        '- pat <pat@example.com> (pat Waiting), email confirmed',
        '- quinn <quinn@example.com> (quinn Waiting), email not confirmed yet',
        '',
      ].join('\n'),
    );
  });

  it('says which code refused a key without the scope, or a wrong key', async () => {
    await expect(example(readerKey)).rejects.toMatchObject({
      code: 1,
      stderr: 'Roster refused: SCOPE_MISSING\n',
    });
    await expect(example(`rst_${'x'.repeat(43)}`)).rejects.toMatchObject({
      code: 1,
      stderr: 'Roster refused: API_KEY_INVALID\n',
    });
    await expect(example(undefined)).rejects.toMatchObject({ code: 2 });
  });
});

describe('the built package, outside the repository', () => {
  let dir: string;

  beforeAll(() => {
    // A project of its own: only the built package and the dependencies it declares.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-client-'));
    const target = path.join(dir, 'node_modules', '@roster', 'client');
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(path.join(packageDir, 'dist'), path.join(target, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of [...Object.keys(manifest.dependencies), '@types/node']) {
      const link = path.join(dir, 'node_modules', name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(fs.realpathSync(path.join(packageDir, 'node_modules', name)), link);
    }
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs in plain Node with none of the repository’s code', async () => {
    const script = path.join(dir, 'script.mjs');
    fs.writeFileSync(
      script,
      `import { createRosterClient, rosterCodeOf } from '@roster/client';
const roster = createRosterClient({ url: process.argv[2], apiKey: process.argv[3] });
const [page, counts] = await Promise.all([
  roster.admin.users.list.query({ filter: 'pending_approval' }),
  roster.admin.users.counts.query({}),
]);
let refused = null;
await roster.me.get.query().catch((error) => { refused = rosterCodeOf(error); });
console.log(JSON.stringify({ usernames: page.records.map((u) => u.username), pending: counts.pending_approval, refused }));
`,
    );
    const { stdout } = await run(process.execPath, [script, url, adminKey], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      usernames: ['pat', 'quinn'],
      pending: 2,
      refused: 'SCOPE_MISSING',
    });
    const loaded = fs.readFileSync(
      path.join(dir, 'node_modules/@roster/client/dist/index.js'),
      'utf8',
    );
    expect(loaded).not.toMatch(/@roster\/(api|users)/);
  });

  it('carries the whole router’s types in its declarations', async () => {
    fs.writeFileSync(
      path.join(dir, 'consumer.ts'),
      `import { createRosterClient, type RouterOutputs } from '@roster/client';
const roster = createRosterClient({ url: 'http://localhost:3000', apiKey: 'rst_x' });
export async function main(): Promise<string[]> {
  const page = await roster.admin.users.list.query({ filter: 'pending_approval' });
  // @ts-expect-error: not a filter of the API
  await roster.admin.users.list.query({ filter: 'everyone' });
  const me: RouterOutputs['me']['get'] = await roster.me.get.query();
  // @ts-expect-error: never part of an answer
  void me.passwordHash;
  const created: RouterOutputs['me']['apiKeys']['create'] = { key: 'rst_', apiKey: page.records as never };
  return page.records.map((user) => user.username + me.email + created.key);
}
`,
    );
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = path.join(packageDir, 'node_modules', '.bin', 'tsc');
    await expect(run(tsc, ['-p', dir], { cwd: dir })).resolves.toMatchObject({ stdout: '' });
  });
});
