/** Bad input: precise message, exit 2, no stack trace, nothing created. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { noStack, runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-cli-'));
const suite = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

test('unknown posture key: exit 2 with file:line:col', async (t) => {
  const file = suite('bad-key.yaml', 'name: s\ntarget: docker\nscenarios:\n  - name: a\n    posture: { hostPid: true }\n');
  const r = await runCli(['run', '--suite', file]);
  t.is(r.code, 2);
  t.regex(r.stderr, new RegExp(`${file.replace(/[.]/g, '\\.')}:5:16: unknown key 'hostPid' in posture`));
  t.true(noStack(r.stderr));
});

test('unknown boundary id: exit 2 with file:line:col', async (t) => {
  const file = suite('bad-boundary.yaml', 'name: s\nscenarios:\n  - name: a\n    expect:\n      holds: [runtime-sockets]\n');
  const r = await runCli(['run', '--suite', file]);
  t.is(r.code, 2);
  t.regex(r.stderr, /bad-boundary\.yaml:5:15: expect\.holds\[0\]: unknown boundary id 'runtime-sockets'/);
  t.true(noStack(r.stderr));
});

test('bad options and commands: exit 2, clear message', async (t) => {
  for (const args of [['run', '--concurrency', 'zero'], ['run', '--report', 'pdf=x'], ['run', '--target', 'podman'], ['run', '--bogus'], ['frobnicate'], ['list', 'things'], ['explain', 'no-such-check'], ['run', '--suite', 'no-such-suite']]) {
    const r = await runCli(args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, /^escapekit: /m, args.join(' '));
    t.true(noStack(r.stderr), args.join(' '));
  }
});

test('a docker-only suite on another target is refused', async (t) => {
  const file = suite('k8s-only.yaml', 'name: s\ntarget: kubernetes\nscenarios:\n  - name: a\n');
  const r = await runCli(['run', '--target', 'docker', '--suite', file]);
  t.is(r.code, 2);
  t.regex(r.stderr, /is for target kubernetes, not docker/);
});

test('no kubeconfig anywhere and not in a pod: exit 2 naming every place looked at, no localhost fallback', async (t) => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ek-nohome-'));
  const r = await runCli(['run', '--target', 'kubernetes', '--suite', 'k8s-baseline'], { env: { HOME: home, KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '', KUBERNETES_SERVICE_PORT: '' } });
  t.is(r.code, 2, r.stderr);
  t.regex(r.stderr, /no Kubernetes credentials found: no --kubeconfig; \$KUBECONFIG is not set; .*\/\.kube\/config does not exist; not inside a pod/);
  t.notRegex(r.stderr, /localhost|internal error/);
  t.true(noStack(r.stderr));
});

test('--report-configmap: refused on docker, and a namespace is required outside a pod', async (t) => {
  const docker = await runCli(['run', '--target', 'docker', '--report-configmap', 'ns/r']);
  t.is(docker.code, 2);
  t.regex(docker.stderr, /--report-configmap applies to --target kubernetes or kind, not docker/);
  const home = mkdtempSync(path.join(os.tmpdir(), 'ek-nohome-'));
  const noNs = await runCli(['run', '--target', 'kubernetes', '--report-configmap', 'escapekit-report'], { env: { HOME: home, KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' } });
  t.is(noNs.code, 2);
  t.regex(noNs.stderr, /name its namespace \(NAMESPACE\/escapekit-report\)/);
});
