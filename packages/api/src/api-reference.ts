import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROSTER_CODES, type RosterCode } from '@roster/users';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { MAX_BATCH_SIZE } from './limits';
import { appRouter } from './root';
import { type Access, type Meta, scopeNeeded } from './trpc';

/** Where the reference lives in the repository. */
export const API_REFERENCE_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'docs',
  'api.md',
);

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  meta?: Meta;
  inputs: z.ZodType[];
  output?: z.ZodType;
}

const WHO: Record<Access, string> = {
  public: 'anyone',
  user: 'a signed-in, active user',
  admin: 'an administrator',
};

/**
 * As JSON Schema. Answers are described by the values they hold, so an output schema built on
 * input fields (a username lowercased, a city trimmed) is shown by its input side: the side a
 * transform cannot hide.
 */
function jsonSchema(schema: z.ZodType): string {
  const converted = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  delete converted.$schema;
  return JSON.stringify(converted, null, 2);
}

/** The codes any call of this kind may answer, beside its own. */
function commonCodes(def: ProcedureDef): RosterCode[] {
  const codes: RosterCode[] = [];
  if (def.inputs.length > 0) codes.push('INVALID_INPUT');
  if (def.type === 'mutation') codes.push('FOREIGN_ORIGIN');
  if (def.meta?.access !== 'public') codes.push('SIGNED_OUT');
  if (def.meta?.access === 'admin') codes.push('NOT_ALLOWED');
  codes.push('API_KEY_INVALID', 'SCOPE_MISSING');
  return codes;
}

/** What an API key needs to make the call, in words. */
function keyText(def: ProcedureDef): string {
  const needed = scopeNeeded(def.meta?.scope, def.type);
  if (needed === null) return 'browser session only';
  return needed === 'public' ? 'any key, or none' : `\`${needed}\``;
}

function statusOf(code: RosterCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: ROSTER_CODES[code] }));
}

/**
 * The API reference (docs/api.md), made from the router itself: every procedure with its kind, who
 * may call it, its input and output as JSON Schema from the zod schemas it validates with, and the
 * codes it may fail with. `pnpm docs:api` writes it; a test fails when it is out of date.
 */
export function renderApiReference(): string {
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>,
  ).sort(([a], [b]) => a.localeCompare(b));
  const lines: string[] = [
    '# Roster API reference',
    '',
    '<!-- Generated from the router by `pnpm docs:api`; `pnpm test` fails when it is out of date. -->',
    '',
    'One tRPC v11 endpoint, `{APP_URL}/api/trpc`, in plain JSON (no transformer). A query is',
    '`GET /api/trpc/<path>?input=<url-encoded JSON>`, a mutation `POST /api/trpc/<path>` with a JSON',
    `body. A batch (\`?batch=1\`, paths joined by commas) holds at most ${MAX_BATCH_SIZE} calls. A`,
    'success is `{"result":{"data":…}}`; a failure is tRPC’s error shape, whose `error.data` carries',
    '`code` (the tRPC code), `httpStatus`, `rosterCode` (stable, below), `field` (the input field it',
    'is about, or null), `zodError` (for invalid input, in English) with `issues` (the same as',
    'facts to translate: `path`, `code`, and `origin`, `format`, `minimum`, `maximum` where they',
    'apply), `retryAfterSeconds` (when throttled, also in the `Retry-After` header) and `details`.',
    'Messages are in English: clients translate `rosterCode`. A mutation with a foreign `Origin` is',
    'refused. See the README for sessions, cookies and throttling.',
    '',
    'A script calls with `Authorization: Bearer rst_…` (an API key, made on the security page):',
    'the call runs as the key’s owner when the key holds the scope the procedure names below,',
    'skips the Origin check and neither reads nor sets cookies. A wrong, expired or revoked key is',
    '`401 API_KEY_INVALID`; a missing scope `403 SCOPE_MISSING`.',
    '',
    '## Error codes',
    '',
    '| rosterCode | tRPC code | HTTP status |',
    '| --- | --- | --- |',
    ...Object.entries(ROSTER_CODES).map(
      ([code, trpcCode]) => `| \`${code}\` | ${trpcCode} | ${statusOf(code as RosterCode)} |`,
    ),
    '',
    '## Procedures',
    '',
    '| path | kind | who | API key |',
    '| --- | --- | --- | --- |',
    ...procedures.map(
      ([path, { _def }]) =>
        `| [\`${path}\`](#${path.replace(/\./g, '').toLowerCase()}) | ${_def.type} | ${WHO[_def.meta?.access ?? 'public']} | ${keyText(_def)} |`,
    ),
  ];
  for (const [path, { _def: def }] of procedures) {
    const access = def.meta?.access ?? 'public';
    const codes = [...new Set([...commonCodes(def), ...(def.meta?.errors ?? [])])];
    lines.push('', `### ${path}`, '');
    lines.push(
      `${def.type === 'query' ? 'Query' : 'Mutation'}, for ${WHO[access]}. API key: ${keyText(def)}.`,
    );
    if (def.meta?.summary) lines.push(def.meta.summary);
    const [input] = def.inputs;
    lines.push('', '**Input**', '');
    if (!input) lines.push('None.');
    else if (path === 'me.uploadPhoto') lines.push('`multipart/form-data` with one field, `file`.');
    else lines.push('```json', jsonSchema(input), '```');
    lines.push('', '**Output**', '');
    lines.push(def.output ? ['```json', jsonSchema(def.output), '```'].join('\n') : 'None.');
    lines.push(
      '',
      `**Errors**: ${codes.map((code) => `\`${code}\``).join(', ') || 'none of its own'}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
