/**
 * Faults: the engine crashing and restarting mid-run (on a private second engine, never the
 * shared one), a probe that hangs, and engines or API servers that cannot be reached or never
 * answer. Each ends with a clear outcome, the documented exit code and nothing left behind.
 */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { noStack, runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { startFaultEngine } from '../helpers/fault-engine.js';
import { ended, eventually, sleep, spawnCli } from '../helpers/spawn-cli.js';
import { buildTestImage, probeImage, removeTestImages } from '../helpers/test-images.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-faults-'));

test('the engine crashing and restarting mid-run: errors reported, exit 2, cleanup leaves nothing', async (t) => {
  const shared = await requireDocker(t);
  if (!shared) return;
  t.timeout(240_000);
  const engine = await startFaultEngine(shared, [await probeImage()]);
  try {
    const env = { DOCKER_HOST: engine.dockerHost };
    const json = path.join(dir, 'crash.json');
    const started = Date.now();
    const child = spawnCli(['run', '--suite', 'docker-canaries', '--concurrency', '2', '--timeout', '5', '--report', `json=${json}`], env);
    // A probe, not the run's host-reference container (its own suite label): the crash must hit scenarios.
    const probeRunning = () => engine.docker.listContainers({ filters: { label: ['escapekit.io/run-id', 'escapekit.io/suite=docker-canaries'], status: ['running'] } }).then((l) => l.length > 0, () => false);
    t.true(await eventually(probeRunning, 90_000, 100), 'a probe started on the private engine');
    await engine.crash();
    await sleep(500);
    await engine.restart();
    const end = await ended(child, started);
    t.is(end.code, 2, end.stderr);
    t.true(noStack(end.stderr));
    const report = readReportFile(json);
    const failed = report.scenarios.filter((s) => s.error);
    t.log(`${failed.length} of ${report.scenarios.length} scenarios failed: ${[...new Set(failed.map((s) => s.error))].join(' | ')}`);
    t.true(failed.length >= 1 && report.summary.errors === failed.length, 'the scenarios hit by the crash are errors');
    for (const s of failed) t.true(s.checks.every((c) => c.status !== 'holds'), `${s.name}: no holds without evidence`);
    const cleanup = await runCli(['cleanup'], { env });
    t.is(cleanup.code, 0, cleanup.stderr);
    t.deepEqual(await labelledContainers(engine.docker), [], 'no probe container left on the engine');
  } finally {
    await engine.stop();
  }
});

test('a hanging probe is killed at its timeout and reported inconclusive', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const tag = `escapekit-test/hang:${process.pid}`;
  await buildTestImage(docker, tag, await probeImage(), ['/bin/busybox', 'sleep', '3600']);
  try {
    const suite = path.join(dir, 'hang.yaml');
    writeFileSync(suite, 'name: hang\ntarget: docker\nscenarios:\n  - name: default\n  - name: hardened\n    posture: { user: "65534:65534", capabilities: { drop: [ALL] }, readOnlyRootFilesystem: true }\n');
    const json = path.join(dir, 'hang.json');
    const r = await runCli(['run', '--suite', suite, '--image', tag, '--timeout', '2', '--report', `json=${json}`]);
    t.is(r.code, 2, r.stderr);
    const report = readReportFile(json);
    for (const s of report.scenarios) {
      t.regex(s.error ?? '', /timed out after 2 s and was killed/, s.name);
      const docker = s.checks.filter((c) => c.status !== 'not-applicable');
      t.true(docker.length > 0 && docker.every((c) => c.status === 'inconclusive' && /timed out/.test(c.summary)), `${s.name}: ${docker.map((c) => `${c.id}=${c.status}`).join(' ')}`);
      t.false(Object.values(s.boundaries).some((b) => b === 'holds' || b === 'broken'), s.name);
    }
    t.deepEqual(await labelledContainers(docker, report.runId), []);
    t.deepEqual(await docker.listContainers({ all: true, filters: { ancestor: [tag] } }), [], 'the hanging container was removed');
  } finally {
    await removeTestImages(docker, [tag]);
  }
});

/** A server that accepts connections and never answers (unix socket path or TCP port 0). */
async function blackhole(listen: string | number): Promise<{ address: string; close: () => void }> {
  const held: net.Socket[] = [];
  const server = net.createServer((s) => held.push(s));
  await new Promise<void>((resolve) => (typeof listen === 'number' ? server.listen(listen, '127.0.0.1', resolve) : server.listen(listen, resolve)));
  const address = typeof listen === 'number' ? `127.0.0.1:${(server.address() as net.AddressInfo).port}` : listen;
  return { address, close: () => (held.forEach((s) => s.destroy()), server.close()) };
}

function kubeconfig(name: string, server: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
    clusters: [{ name: 'k', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'u', user: { token: 'x' } }],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
  }));
  return file;
}

test('unreachable or silent engines and API servers: exit 2 and a clear message; a silent one is given up by the CLI\'s own answer timeout', async (t) => {
  const silentSocket = await blackhole(path.join(dir, 'silent.sock'));
  const silentTcp = await blackhole(0);
  try {
    // Not a timed test: the bound is proven by the message (the CLI's own answer timeout, at most 5 s, decided),
    // while the silent servers still hold the connection open. The guard only catches a hang.
    const cases: Array<{ what: string; args: string[]; env?: Record<string, string>; message: RegExp; silent?: true }> = [
      { what: 'missing unix socket', args: ['run'], env: { DOCKER_HOST: 'unix:///nonexistent.sock' }, message: /Docker engine unreachable at unix:\/\/\/nonexistent\.sock/ },
      { what: 'closed TCP port', args: ['run'], env: { DOCKER_HOST: 'tcp://127.0.0.1:1' }, message: /Docker engine unreachable at tcp:\/\/127\.0\.0\.1:1/ },
      { what: 'engine that never answers', args: ['run'], env: { DOCKER_HOST: `unix://${silentSocket.address}` }, message: /Docker engine unreachable at .*silent\.sock: no answer within/, silent: true },
      { what: 'API server on a closed port', args: ['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig('closed.json', 'https://127.0.0.1:1')], message: /Kubernetes API server unreachable at https:\/\/127\.0\.0\.1:1/ },
      { what: 'API server that never answers', args: ['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig('silent.json', `https://${silentTcp.address}`)], message: /Kubernetes API server unreachable at https:\/\/127\.0\.0\.1:\d+.*no answer within/, silent: true },
    ];
    const HANG_GUARD_MS = 60_000;
    const results = await Promise.all(cases.map((c) => Promise.race([runCli(c.args, { env: c.env ?? {} }), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${c.what}: the CLI hung for ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS).unref())])));
    for (const [i, c] of cases.entries()) {
      const r = results[i];
      t.is(r.code, 2, `${c.what}: ${r.stderr}`);
      t.regex(r.stderr, c.message, c.what);
      t.true(noStack(r.stderr), c.what);
      if (!c.silent) {
        t.notRegex(r.stderr, /no answer within/, `${c.what}: refused at once, not waited for`);
        continue;
      }
      const waited = Number(/no answer within (\d+) ms/.exec(r.stderr)?.[1]);
      t.true(waited > 0 && waited <= 5000, `${c.what}: gave up after its own ${waited} ms answer timeout`);
    }
  } finally {
    silentSocket.close();
    silentTcp.close();
  }
});
