/**
 * The package as a user gets it: `npm pack` of a copy of the sources (its prepack builds from
 * scratch), the tarball's contents, `npm install` of the tarball into a clean prefix, and the
 * installed command's run of docker-baseline against the real engine, from an unrelated folder.
 */
import test from 'ava';
import { execa } from 'execa';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/model/report.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { requireTool } from '../helpers/require.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'ek-e2e-package-'));
/** Build outputs and installed modules are the package's own business, not the copy's. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git']);
// The copy, the tarball and the installed prefix take ~100 MB: gone after the test.
test.after.always(() => rmSync(work, { recursive: true, force: true }));

/** Packs a copy of the sources (so prepack's clean build cannot disturb this checkout's dist/). */
async function pack(): Promise<{ tarball: string; files: string[] }> {
  const source = path.join(work, 'source');
  cpSync(REPO_ROOT, source, { recursive: true, filter: (from) => !NOT_COPIED.has(path.relative(REPO_ROOT, from).split(path.sep)[0]) });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(source, 'node_modules'));
  const { stdout } = await execa('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, env: { npm_config_loglevel: 'warn' } });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(work, info.filename), files: info.files.map((f) => f.path) };
}

test('the packed tarball installs into a clean prefix and its escapekit runs docker-baseline', async (t) => {
  if (!requireTool(t, 'npm')) return;
  const docker = await requireDocker(t);
  if (!docker) return;
  t.timeout(8 * 60_000);

  const { tarball, files } = await pack();
  for (const f of ['package.json', 'README.md', 'bin/escapekit.js', 'dist/src/cli.js', 'dist/probes/index.js', 'dist/agent/agent.mjs', 'suites/docker-baseline.yaml', 'suites/suite.schema.json', 'kind-config/default.yaml', 'docs/checks.md', 'deploy/cronjob.yaml', 'deploy/rbac/namespace-role.yaml', 'deploy/Dockerfile']) {
    t.true(files.includes(f), `tarball holds ${f}`);
  }
  const unwanted = files.filter((f) => /(^|\/)test\/|\.test\.js$|^dist\/scripts\/|^scripts\/|\.ts$|^node_modules\//.test(f));
  t.deepEqual(unwanted, [], 'no tests, build scripts or TypeScript sources in the tarball');

  // A global-style install into an empty prefix, as `npm install -g escapekit` would do.
  const prefix = path.join(work, 'prefix');
  mkdirSync(prefix);
  await execa('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work });
  const bin = path.join(prefix, 'bin', 'escapekit');
  t.true(existsSync(bin), 'npm linked the escapekit command');

  const elsewhere = path.join(work, 'elsewhere');
  mkdirSync(elsewhere);
  const json = path.join(elsewhere, 'report.json');
  const run = await execa(bin, ['run', '--suite', 'docker-baseline', '--report', `json=${json}`], { cwd: elsewhere, reject: false, env: { NO_COLOR: '1' }, timeout: 180_000 });
  t.is(run.exitCode, 0, String(run.stderr));
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  t.deepEqual(report.summary, { scenarios: 2, met: 2, unmet: 0, errors: 0 });
  t.is(report.tool.version, (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  t.deepEqual(await labelledContainers(docker, report.runId), [], 'the installed command leaves nothing behind');
});
