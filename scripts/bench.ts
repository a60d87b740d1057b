/**
 * `npm run bench`: the shipped suites' wall time against the floor (the same number of bare
 * probe containers/pods run sequentially), and the agent's in-container time.
 * Target: ratio <= 1.0 and agent time under 300 ms.
 */
import os from 'node:os';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { connectDocker } from '../src/docker/client.js';
import { ensureProbeImage } from '../src/image/build.js';
import type { Report } from '../src/model/report.js';
import { executeRun } from '../src/run/runner.js';
import { loadSuiteFile } from '../src/suite/load.js';
import { resolveSuite } from '../src/suite/resolve.js';
import { newRunId } from '../src/targets/labels.js';
import { createTarget, defaultConcurrency, type TargetName } from '../src/targets/create.js';

const KUBECONFIG = process.env.ESCAPEKIT_BENCH_KUBECONFIG ?? '/var/lib/escapekit-k8s/kubeconfig';
const ms = (n: number) => `${Math.round(n)} ms`;

async function timedRun(target: TargetName, suites: string[], extra: Record<string, unknown> = {}, concurrency = defaultConcurrency(target)): Promise<{ wallMs: number; report: Report }> {
  const runId = newRunId();
  const created = await createTarget(target, { runId, timeoutMs: 60_000, network: false, ...extra });
  const started = performance.now();
  const report = await executeRun({
    runId,
    suites: suites.map((s) => loadSuiteFile(resolveSuite(s))),
    target: created,
    concurrency,
    network: false,
  });
  return { wallMs: performance.now() - started, report };
}

function agentLines(report: Report, label = 'agent time in container'): string[] {
  const agent = report.scenarios.map((s) => s.agentMs ?? 0);
  const checks = new Map<string, number>();
  for (const s of report.scenarios) for (const c of s.checks) checks.set(c.id, Math.max(checks.get(c.id) ?? 0, c.durationMs));
  const slowest = [...checks].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, d]) => `${id} ${d} ms`).join(', ');
  return [
    `  ${label}: max ${ms(Math.max(...agent))}, mean ${ms(agent.reduce((a, b) => a + b, 0) / agent.length)} (target < 300 ms)`,
    `  slowest checks: ${slowest}`,
  ];
}

async function benchDocker(): Promise<void> {
  const docker = await connectDocker();
  const image = await ensureProbeImage(docker);
  await timedRun('docker', ['docker-baseline']); // warm-up: page cache, engine
  const { wallMs, report } = await timedRun('docker', ['docker-baseline', 'docker-canaries']);
  const n = report.scenarios.length;
  const floorStart = performance.now();
  for (let i = 0; i < n; i++) await execa('docker', ['run', '--rm', '--label', 'escapekit.io/run-id=bench-floor', image.tag, '/node', '-e', '0']);
  const floorMs = performance.now() - floorStart;
  console.log(`docker: ${n} scenarios (${report.summary.met} met) on ${os.availableParallelism()} CPUs`);
  console.log(`  suite wall time ${ms(wallMs)}; floor (${n} sequential bare docker run --rm) ${ms(floorMs)}; ratio ${(wallMs / floorMs).toFixed(2)} (target <= 1.0)`);
  for (const l of agentLines(report)) console.log(l);
}

async function benchKubernetes(): Promise<void> {
  if (!existsSync(KUBECONFIG)) {
    console.log(`kubernetes: skipped (no kubeconfig at ${KUBECONFIG}; run test/cluster/up.sh)`);
    return;
  }
  const tag = (await ensureProbeImage(await connectDocker())).tag;
  if (existsSync('test/cluster/load-image.sh')) await execa('bash', ['test/cluster/load-image.sh', tag]);
  const { wallMs, report } = await timedRun('kubernetes', ['k8s-pod-security', 'k8s-canaries', 'k8s-baseline'], { kubeconfig: KUBECONFIG });
  const admitted = report.scenarios.filter((s) => s.admission === 'allowed').length;
  const kc = new KubeConfig();
  kc.loadFromFile(KUBECONFIG);
  const core = kc.makeApiClient(CoreV1Api);
  const floorStart = performance.now();
  for (let i = 0; i < admitted; i++) {
    const name = `escapekit-bench-floor-${i}`;
    await core.createNamespacedPod({ namespace: 'default', body: { metadata: { name, labels: { 'escapekit.io/run-id': 'bench-floor' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: tag, imagePullPolicy: 'Never', command: ['/node', '-e', '0'] }] } } });
    for (;;) {
      const pod = await core.readNamespacedPod({ name, namespace: 'default' });
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await core.deleteNamespacedPod({ name, namespace: 'default', gracePeriodSeconds: 0 });
  }
  const floorMs = performance.now() - floorStart;
  console.log(`kubernetes: ${report.scenarios.length} scenarios (${admitted} admitted pods, ${report.summary.met} met)`);
  console.log(`  suite wall time ${ms(wallMs)}; floor (${admitted} sequential bare pods) ${ms(floorMs)}; ratio ${(wallMs / floorMs).toFixed(2)} (target <= 1.0)`);
  for (const l of agentLines(report, `agent time in container (${defaultConcurrency('kubernetes')} pods at once on ${os.availableParallelism()} CPUs)`)) console.log(l);
  // The same agent without contention: on a small machine the pods' start-up shares the CPUs with the kubelet and containerd.
  const alone = await timedRun('kubernetes', ['k8s-baseline'], { kubeconfig: KUBECONFIG }, 1);
  for (const l of agentLines(alone.report, 'agent time in container (k8s-baseline, one pod at a time)')) console.log(l);
}

await benchDocker();
await benchKubernetes().catch((error: unknown) => console.log(`kubernetes: failed: ${String(error)}`));
