/**
 * The kind lifecycle wrapper, with a fake `kind` on PATH that records its arguments (and
 * imports images into the real test cluster); everything past cluster creation runs
 * against the real cluster.
 */
import test from 'ava';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { labelledLeftovers, leftoversAfter, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { REPO_ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-kind-'));
const log = path.join(dir, 'calls.log');
writeFileSync(path.join(dir, 'kind'), `#!/bin/sh
printf '%s|%s\\n' "$PWD" "$*" >> "${log}"
if [ -n "$FAKE_KIND_FAIL" ]; then echo "ERROR: failed to create cluster: node image not found" >&2; exit 1; fi
if [ "$1 $2" = "load docker-image" ]; then exec bash "${path.join(REPO_ROOT, 'test', 'cluster', 'load-image.sh')}" "$3"; fi
exit 0
`);
chmodSync(path.join(dir, 'kind'), 0o755);
const env = { PATH: `${dir}:${process.env.PATH}` };
const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

test.serial('cluster up/down call kind with the resolved config, from the package root', async (t) => {
  writeFileSync(log, '');
  t.is((await runCli(['cluster', 'up', '--config', 'pss-restricted', '--name', 'ek-test'], { env })).code, 0);
  t.is((await runCli(['cluster', 'down', '--name', 'ek-test'], { env })).code, 0);
  t.deepEqual(calls(), [
    `${REPO_ROOT}|create cluster --name ek-test --config ${path.join(REPO_ROOT, 'kind-config', 'pss-restricted.yaml')} --wait 180s`,
    `${REPO_ROOT}|delete cluster --name ek-test`,
  ]);
});

test.serial('kind failures and a missing kind are exit-2 errors with kind\'s own message', async (t) => {
  const failed = await runCli(['cluster', 'up'], { env: { ...env, FAKE_KIND_FAIL: '1' } });
  t.is(failed.code, 2);
  t.regex(failed.stderr, /kind create cluster failed: ERROR: failed to create cluster: node image not found/);
  const missing = await runCli(['cluster', 'up'], { env: { PATH: '/nonexistent' } });
  t.is(missing.code, 2);
  t.regex(missing.stderr, /kind command is not installed/);
  t.is((await runCli(['cluster', 'up', '--config', 'nope'], { env })).code, 2);
});

test.serial('--target kind loads the image with kind and runs on the real cluster', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  writeFileSync(log, '');
  const json = path.join(dir, 'kind.json');
  const r = await runCli(['run', '--target', 'kind', '--cluster-name', 'ek-test', '--kubeconfig', TEST_KUBECONFIG, '--context', 'escapekit-local', '--suite', 'k8s-baseline', '--report', `json=${json}`], { env, timeoutMs: 180_000 });
  t.is(r.code, 0, r.stderr);
  t.regex(calls()[0] ?? '', /\|load docker-image escapekit\/probe:[0-9a-f]{16} --name ek-test$/);
  const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  t.is(report.target.kind, 'kind');
  t.regex(String(report.target.note), /kind node container, not the physical host/);
  t.true(report.scenarios.every((s) => s.admission === 'allowed' && !s.error), JSON.stringify(report.scenarios.map((s) => s.error)));
  t.deepEqual(await labelledLeftovers(core, report.runId, { live: true }), []);
  t.deepEqual(await leftoversAfter(core, report.runId), []);
});
