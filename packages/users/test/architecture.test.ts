import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules, checked on the source itself (README › Architecture): every table has one
 * repository that owns its SQL, routers hold none, and no module imports itself back through
 * others.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..');
const USERS_SRC = path.join(root, 'packages', 'users', 'src');
const API_SRC = path.join(root, 'packages', 'api', 'src');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.endsWith('.test.ts'));
}

/** The table each repository owns, by the camelCase name Kysely uses. */
const OWNERS: Record<string, string> = {
  users: 'users/users.repository.ts',
  userPrivacySettings: 'privacy/privacy.repository.ts',
  sessions: 'sessions/sessions.repository.ts',
  pendingLogins: 'auth/pending-logins.repository.ts',
  serverSettings: 'settings/settings.repository.ts',
  emailTokens: 'tokens/email-tokens.repository.ts',
  mailOutbox: 'mail/outbox.repository.ts',
  mfaBackupCodes: 'mfa/backup-codes.repository.ts',
  throttleEvents: 'throttle/attempts.repository.ts',
  securityEvents: 'audit/security-events.repository.ts',
  identityProviders: 'oidc/identity-providers.repository.ts',
  userIdentities: 'oidc/identities.repository.ts',
  oidcFlows: 'oidc/oidc-flows.repository.ts',
  passkeys: 'passkeys/passkeys.repository.ts',
  webauthnChallenges: 'passkeys/challenges.repository.ts',
  apiKeys: 'api-keys/api-keys.repository.ts',
  // Derived from `users` by triggers: read with the users.
  userCounts: 'users/users.repository.ts',
};

/** A statement on a table; a subquery (`eb.selectFrom`) is a read inside another's statement. */
const STATEMENT = /(?<!\beb\s*\.\s*)\b(selectFrom|insertInto|updateTable|deleteFrom)\(\s*'(\w+)/g;

function statements(file: string): { verb: string; table: string }[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(STATEMENT)].map((match) => ({
    verb: match[1] ?? '',
    table: match[2] ?? '',
  }));
}

describe('one repository per table', () => {
  it('every table of the schema has an owner', () => {
    const types = fs.readFileSync(path.join(USERS_SRC, 'db', 'types.ts'), 'utf8');
    const body = /export interface Database \{([^}]*)\}/.exec(types)?.[1] ?? '';
    const tables = [...body.matchAll(/^\s*(\w+):/gm)].map((match) => match[1]);
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.filter((table) => table && !(table in OWNERS))).toEqual([]);
  });

  it('only a table’s repository reads from it first or writes to it', () => {
    const strays: string[] = [];
    for (const file of sourceFiles(USERS_SRC)) {
      const relative = path.relative(USERS_SRC, file).split(path.sep).join('/');
      if (relative.startsWith('db/migrations/')) continue;
      for (const { verb, table } of statements(file)) {
        if (OWNERS[table] !== relative) strays.push(`${relative}: ${verb}('${table}')`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('the API holds no SQL', () => {
    const strays = sourceFiles(API_SRC).flatMap((file) =>
      statements(file).map(
        ({ verb, table }) => `${path.relative(API_SRC, file)}: ${verb}('${table}')`,
      ),
    );
    expect(strays).toEqual([]);
  });
});

/** The relative imports of a file, resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*'(\.[^']+)'/g),
    ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((match) => match[1] ?? '');
  return specifiers.flatMap((specifier) => {
    const base = path.resolve(path.dirname(file), specifier);
    const candidate = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((name) =>
      fs.existsSync(name),
    );
    return candidate ? [candidate] : [];
  });
}

function findCycle(files: string[]): string[] | null {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'visiting') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('no import cycles', () => {
  it.each([
    ['@roster/users', USERS_SRC],
    ['@roster/api', API_SRC],
  ])('in %s', (_name, dir) => {
    const cycle = findCycle(sourceFiles(dir));
    expect(cycle ? cycle.map((file) => path.relative(dir, file)) : null).toBeNull();
  });

  it('finds a cycle when there is one', () => {
    const dir = fs.mkdtempSync(path.join(here, '.cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = a;\n");
      expect(findCycle(sourceFiles(dir))).not.toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
