// npm 11 may skip dependencies' install scripts; hnswlib-node ships no prebuilt binary, so make sure its addon
// exists and loads, building it with the node-gyp bundled in npm when it does not.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

function loads() {
  try {
    require('hnswlib-node');
    return true;
  } catch {
    return false;
  }
}

if (!loads()) {
  const moduleDir = path.dirname(require.resolve('hnswlib-node/package.json'));
  const npmDir = path.resolve(path.dirname(process.execPath), '../lib/node_modules/npm');
  const bundled = path.join(npmDir, 'node_modules/node-gyp/bin/node-gyp.js');
  // Build against the installed Node headers when they are there: node-gyp would otherwise download them.
  const nodeDir = process.env.npm_config_nodedir ?? (existsSync('/usr/include/node/node.h') ? '/usr' : undefined);
  const gypArgs = ['rebuild', ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
  const [cmd, args] = existsSync(bundled)
    ? [process.execPath, [bundled, ...gypArgs]]
    : ['npx', ['--yes', 'node-gyp', ...gypArgs]];
  console.log(`hnswlib-node: native addon missing, building it (${path.basename(String(args[0]))} rebuild)…`);
  const result = spawnSync(cmd, args, { cwd: moduleDir, stdio: 'inherit' });
  if (result.status !== 0 || !loads()) {
    console.error('hnswlib-node: build failed; install python3, make and g++ and run `npm rebuild hnswlib-node`.');
    process.exit(1);
  }
  console.log('hnswlib-node: built.');
}
