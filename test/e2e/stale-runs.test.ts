/**
 * Expired and live leftovers side by side (namespaces made by the test the way a SIGKILLed run
 * leaves them): the next run removes the expired one and says so, and leaves the namespace of a
 * run that may still be going. Real runners killed with SIGKILL: stale-runs-killed.test.ts.
 */
import test from 'ava';
import { runCli } from '../helpers/cli.js';
import { loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';

const stale = `escapekit-stale${process.pid}-cluster`;
const live = `escapekit-live${process.pid}-cluster`;

test.serial('a later run removes an expired run namespace first and says so; a live one stays', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const mark = (runId: string, expires: Date) => ({ labels: { 'escapekit.io/run-id': runId }, annotations: { 'escapekit.io/expires-at': expires.toISOString() } });
  // What a SIGKILLed run leaves: its labelled namespace, marked with the time it would have been over.
  await core.createNamespace({ body: { metadata: { name: stale, ...mark(`stale${process.pid}`, new Date(Date.now() - 60_000)) } } });
  await core.createNamespace({ body: { metadata: { name: live, ...mark(`live${process.pid}`, new Date(Date.now() + 3_600_000)) } } });
  try {
    const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', 'k8s-baseline'], { timeoutMs: 300_000 });
    t.is(r.code, 0, r.stderr);
    t.regex(r.stderr, new RegExp(`removed the objects of stale run stale${process.pid} \\(runner gone, past its timeout\\): namespace ${stale}`));
    const gone = await core.readNamespace({ name: stale }).then((n) => n.status?.phase === 'Terminating', () => true);
    t.true(gone, `${stale} still active`);
    const kept = await core.readNamespace({ name: live });
    t.is(kept.status?.phase, 'Active');
    t.notRegex(r.stderr, new RegExp(`live${process.pid}`));
  } finally {
    await core.deleteNamespace({ name: stale, gracePeriodSeconds: 0 }).catch(() => undefined);
    await core.deleteNamespace({ name: live, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
});
