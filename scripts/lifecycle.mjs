// npm lifecycle steps around the build. Plain JavaScript: it runs before anything is compiled.
//   prepack: removes dist/ and builds, so the tarball holds exactly this build (no stale files).
//   prepare: builds after `npm ci`/`npm install` in a clone (README quick start), but not inside
//            `npm pack`/`npm publish`, where npm runs it after prepack has just built.
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const step = process.argv[2];
const build = () => execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

if (step === 'prepack') {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  build();
} else if (step === 'prepare') {
  if (!['pack', 'publish'].includes(process.env.npm_command ?? '')) build();
} else {
  process.stderr.write(`lifecycle.mjs: unknown step '${step}' (prepack|prepare)\n`);
  process.exit(2);
}
