import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_REFERENCE_FILE, renderApiReference } from '../src/api-reference';
import { appRouter } from '../src/root';

describe('docs/api.md', () => {
  it('is current: regenerate it with `pnpm docs:api` after changing the router', () => {
    expect(fs.readFileSync(API_REFERENCE_FILE, 'utf8')).toBe(renderApiReference());
  });

  it('says of every procedure who may call it, what it answers and a summary', () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { meta?: { access?: string; summary?: string }; output?: unknown } }
    >;
    const incomplete = Object.entries(procedures)
      .filter(([, { _def }]) => !_def.meta?.access || !_def.meta.summary || !_def.output)
      .map(([path]) => path);
    expect(incomplete).toEqual([]);
  });
});
