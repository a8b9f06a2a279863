// Compiles the HTTP server (server/main.ts) for production into dist/server.mjs, so `pnpm start`
// runs plain `node`. The workspace packages ship TypeScript source and are compiled in, with the
// plain-JS libraries they use; this app's own dependencies (Next, React, the native modules) stay
// runtime imports, resolved from its node_modules.
import fs from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@roster/'));

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
  // CommonJS libraries compiled into an ES module still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __rosterRequire } from 'node:module'; const require = __rosterRequire(import.meta.url);",
  },
});
