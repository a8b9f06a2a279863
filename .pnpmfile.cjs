// better-sqlite3 compiles from source here (its prebuilt binaries live on a host this machine cannot
// reach), and node-gyp would then try to download Node's headers. Point it at the headers that ship
// with the running Node install instead. pnpm 12 ignores `nodedir` in .npmrc, hence this hook.
const fs = require('node:fs');
const path = require('node:path');

module.exports = {
  hooks: {
    updateConfig(config) {
      const prefix = path.resolve(path.dirname(process.execPath), '..');
      if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'))) {
        config.extraEnv = { ...(config.extraEnv ?? {}), npm_config_nodedir: prefix };
      }
      return config;
    },
  },
};
