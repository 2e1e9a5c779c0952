// npm 11 may skip dependencies' install scripts, so make sure each native addon exists and loads, building it with
// the node-gyp bundled in npm when it does not: hnswlib-node ships no prebuilt binary, and better-sqlite3's
// prebuilt download is not reachable everywhere (it builds SQLite from its bundled source instead).
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Each addon and how to check that it really loads (better-sqlite3 loads its .node file only when a database opens). */
const ADDONS = [
  { name: 'hnswlib-node', check: () => require('hnswlib-node') },
  {
    name: 'better-sqlite3',
    check: () => {
      const Database = require('better-sqlite3');
      new Database(':memory:').close();
    },
    gypArgs: ['--release'],
  },
];

function loads(addon) {
  try {
    addon.check();
    return true;
  } catch {
    return false;
  }
}

for (const addon of ADDONS) {
  if (loads(addon)) continue;
  const moduleDir = path.dirname(require.resolve(`${addon.name}/package.json`));
  const npmDir = path.resolve(path.dirname(process.execPath), '../lib/node_modules/npm');
  const bundled = path.join(npmDir, 'node_modules/node-gyp/bin/node-gyp.js');
  // Build against the installed Node headers when they are there: node-gyp would otherwise download them.
  const nodeDir = process.env.npm_config_nodedir ?? (existsSync('/usr/include/node/node.h') ? '/usr' : undefined);
  const gypArgs = ['rebuild', ...(addon.gypArgs ?? []), ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
  const [cmd, args] = existsSync(bundled)
    ? [process.execPath, [bundled, ...gypArgs]]
    : ['npx', ['--yes', 'node-gyp', ...gypArgs]];
  console.log(`${addon.name}: native addon missing, building it (${path.basename(String(args[0]))} rebuild)…`);
  const result = spawnSync(cmd, args, { cwd: moduleDir, stdio: 'inherit' });
  // A fresh process: require() caches a failed load within this one.
  const check = spawnSync(process.execPath, ['-e', `(${addon.check.toString()})()`], { cwd: process.cwd(), stdio: 'ignore' });
  if (result.status !== 0 || check.status !== 0) {
    console.error(`${addon.name}: build failed; install python3, make and g++ and run \`npm rebuild ${addon.name}\`.`);
    process.exit(1);
  }
  console.log(`${addon.name}: built.`);
}
