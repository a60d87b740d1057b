/** Bundles probes/agent.ts into one dependency-free file for the probe image, and builds its static C helper. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
await build({
  entryPoints: [path.join(root, 'probes', 'agent.ts')],
  outfile: path.join(root, 'dist', 'agent', 'agent.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});

// The open_by_handle_at helper (probes/image/fhandle.c), static, when a C compiler is present; the image ships it if built.
const helper = path.join(root, 'dist', 'agent', 'fhandle');
const compiled = spawnSync('cc', ['-static', '-Os', '-Wall', '-o', helper, path.join(root, 'probes', 'image', 'fhandle.c')], { stdio: 'inherit' });
if (compiled.error || compiled.status !== 0) {
  rmSync(helper, { force: true });
  console.warn(`warning: no static C build of probes/image/fhandle.c (${compiled.error?.message ?? `cc exited ${compiled.status}`}): the host-inode-by-handle check will be inconclusive`);
}
