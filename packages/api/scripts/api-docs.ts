// `pnpm docs:api`: writes docs/api.md from the router.
import fs from 'node:fs';
import path from 'node:path';
import { API_REFERENCE_FILE, renderApiReference } from '../src/api-reference';

fs.writeFileSync(API_REFERENCE_FILE, renderApiReference());
console.log(`Wrote ${path.relative(process.cwd(), API_REFERENCE_FILE)}`);
