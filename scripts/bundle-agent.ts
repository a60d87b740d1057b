/** Bundles probes/agent.ts into one dependency-free file for the probe image. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

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
