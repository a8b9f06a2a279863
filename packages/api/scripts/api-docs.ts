// `pnpm docs:api`: writes docs/api.md from the router.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiReference } from '../src/api-reference';

const target = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'docs',
  'api.md',
);
fs.writeFileSync(target, renderApiReference());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
