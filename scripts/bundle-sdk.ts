/** Replaces the compiled src/kubernetes/sdk.js by one minified bundle of the Kubernetes client it re-exports. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = path.join(root, 'dist', 'src', 'kubernetes', 'sdk.js');
await build({
  entryPoints: [file],
  outfile: file,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Some of the library's dependencies are CommonJS and call require().
  banner: { js: "import { createRequire as __ekRequire } from 'node:module'; const require = __ekRequire(import.meta.url);" },
});
