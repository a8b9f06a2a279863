import { dts } from 'rollup-plugin-dts';

// The type declarations of @roster/client in one file: the router's types (from @roster/api and
// @roster/users, resolved to their sources by tsconfig.types.json) are written out in full, so a
// script outside this repository needs only the packages below, which @roster/client depends on.
export default {
  input: 'src/index.ts',
  output: { file: 'dist/index.d.ts', format: 'es' },
  plugins: [dts({ respectExternal: true, tsconfig: 'tsconfig.types.json' })],
  external: (id) => /^(@trpc\/client|@trpc\/server|zod)(\/|$)/.test(id),
  onLog(level, log, handler) {
    // Types of modules the router never exposes (openid-client's internals) are left out.
    if (log.code === 'UNRESOLVED_IMPORT') return;
    handler(level, log);
  },
};
