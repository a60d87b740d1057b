/** Pod creation in a fresh namespace: the service-account race is retried and never read as an admission denial. */
import test from 'ava';
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { deployProbe, isMissingServiceAccount } from '../../../src/kubernetes/deploy-probe.js';
import type { PodWaiter } from '../../../src/kubernetes/pod-waiter.js';

const apiError = (code: number, message: string) => Object.assign(new Error(`HTTP ${code}`), { code, body: JSON.stringify({ kind: 'Status', message, reason: 'Forbidden', code }) });
const NO_SA = apiError(403, 'pods "ek-x" is forbidden: error looking up service account escapekit-r-cluster/default: serviceaccount "default" not found');
const PSA = apiError(403, 'pods "ek-x" is forbidden: violates PodSecurity "restricted:latest": hostPID=true');
const pod: V1Pod = { metadata: { name: 'ek-x', namespace: 'escapekit-r-cluster' }, spec: { containers: [] } };
const waiter = { wait: async () => ({ done: true, phase: 'Succeeded' }), forget: () => undefined } as unknown as PodWaiter;

/** A core API whose pod creates answer from `answers` in turn (an Error is thrown), then succeed. */
function scripted(answers: Error[]) {
  const calls: Array<string | undefined> = [];
  const core = {
    createNamespacedPod: async (req: { dryRun?: string }) => {
      calls.push(req.dryRun);
      const next = answers.shift();
      if (next) throw next;
      return pod;
    },
    readNamespacedPodLog: async () => 'log',
  } as unknown as CoreV1Api;
  return { core, calls };
}

test('the missing-service-account refusal is recognised, and an admission denial is not it', (t) => {
  t.true(isMissingServiceAccount({ code: 403, message: JSON.parse(NO_SA.body).message }));
  t.false(isMissingServiceAccount({ code: 403, message: JSON.parse(PSA.body).message }));
});

test('a dry run refused for a missing service account is retried until admission itself answers', async (t) => {
  const { core, calls } = scripted([NO_SA, NO_SA, PSA]);
  const outcome = await deployProbe(core, waiter, pod, 5000, { dryRunFirst: true });
  t.is(outcome.admission, 'denied');
  t.regex(outcome.admissionMessage ?? '', /violates PodSecurity/);
  t.deepEqual(calls, ['All', 'All', 'All']);
});

test('a real create is retried too, and the probe then runs', async (t) => {
  const { core, calls } = scripted([NO_SA]);
  const outcome = await deployProbe(core, waiter, pod, 5000);
  t.deepEqual(outcome, { admission: 'allowed', stdout: 'log' });
  t.deepEqual(calls, [undefined, undefined]);
});

test('a service account that never appears is an error, never a denial', async (t) => {
  const { core } = scripted(Array.from({ length: 50 }, () => NO_SA));
  const outcome = await deployProbe(core, waiter, pod, 5000, { dryRunFirst: true, serviceAccountWaitMs: 400 });
  t.is(outcome.admission, 'allowed');
  t.regex(outcome.error ?? '', /^pod dry run failed: .*error looking up service account/);
});
