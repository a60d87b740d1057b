/**
 * A device the node does not have, on the real cluster: the device volume is a typed hostPath,
 * so kubelet refuses the missing path and the scenario fails with an error, instead of the
 * runtime creating the path on the node (an untyped hostPath is created as a folder: a host
 * write the harmlessness contract forbids). The node is this machine, so its /dev is checked.
 */
import test from 'ava';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { noStack, runCli } from '../helpers/cli.js';
import { leftoversAfter, loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';

test('a missing device is refused by kubelet, never created on the node', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  t.timeout(240_000);
  await loadProbeImage();
  const device = `/dev/escapekit-missing-${process.pid}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-devtype-'));
  const suite = path.join(dir, 'suite.yaml');
  const json = path.join(dir, 'r.json');
  writeFileSync(suite, `name: devtype\ntarget: kubernetes\npodSecurity: privileged\nscenarios:\n  - name: missing-device\n    posture: { devices: [${device}] }\n`);
  try {
    const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', suite, '--timeout', '30', '--report', `json=${json}`], { timeoutMs: 180_000 });
    t.is(r.code, 2, r.stderr);
    t.true(noStack(r.stderr), r.stderr);
    const report = readReportFile(json);
    t.truthy(report.scenarios[0].error, 'the scenario fails');
    t.false(existsSync(device), `${device} was created on the node`);
    t.deepEqual(await leftoversAfter(core, report.runId), []);
  } finally {
    rmSync(device, { recursive: true, force: true }); // only ever our own uniquely named path
  }
});
