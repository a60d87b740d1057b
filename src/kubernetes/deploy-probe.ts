/**
 * Deploys one probe pod: admission is asked with a server-side dry run when a denial is
 * expected; admitted pods are created for real, awaited (batched), and their log read with a size limit.
 */
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { UsageError } from '../errors.js';
import { MAX_PROBE_OUTPUT_BYTES } from '../run/probe-output.js';
import type { ProbeOutcome } from '../targets/types.js';
import { apiFailure, isRbacForbidden, type ApiFailure } from './api-error.js';
import type { PodWaiter } from './pod-waiter.js';

/** An admission refusal (Pod Security Admission, policy engine, webhook), as opposed to an error. */
function isAdmissionDenial(f: ApiFailure): boolean {
  return (f.code === 403 && !isRbacForbidden(f)) || (f.code === 400 && /admission webhook|denied the request/i.test(f.message)) || (f.code === 422 && /admission|policy/i.test(f.message));
}

/**
 * The ServiceAccount admission plugin refuses every pod of a fresh namespace until the
 * controller has made its service account: a 403 that is no policy decision, never a denial.
 */
export function isMissingServiceAccount(f: ApiFailure): boolean {
  return f.code === 403 && /error looking up service account/.test(f.message);
}

/** How long a pod create is retried while the namespace's service account does not exist yet. */
const SERVICE_ACCOUNT_WAIT_MS = 30_000;

async function create(core: CoreV1Api, pod: V1Pod, dryRun: boolean, waitMs: number): Promise<{ ok: true } | { ok: false; failure: ApiFailure }> {
  const deadline = Date.now() + waitMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    try {
      await core.createNamespacedPod({ namespace: pod.metadata!.namespace!, body: pod, ...(dryRun ? { dryRun: 'All' } : {}) });
      return { ok: true };
    } catch (error) {
      const failure = apiFailure(error);
      if (!isMissingServiceAccount(failure) || Date.now() + pause > deadline) return { ok: false, failure };
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

function refusal(f: ApiFailure, node?: string): ProbeOutcome | null {
  if (isMissingServiceAccount(f)) return null;
  if (isRbacForbidden(f)) throw new UsageError(`not allowed to create pods: ${f.message}`, 'the kubeconfig identity needs create/get/list/delete on pods and pods/log');
  if (isAdmissionDenial(f)) return { admission: 'denied', admissionMessage: f.message, ...(node ? { node } : {}) };
  return null;
}

/**
 * Runs one probe pod to completion and returns what it printed. With `dryRunFirst` (the
 * suite expects a denial) admission is asked without creating anything; a pod admitted
 * anyway is then created for real so its boundaries are observed. Otherwise the real
 * create alone answers admission: one round-trip, not two.
 */
export async function deployProbe(core: CoreV1Api, waiter: PodWaiter, pod: V1Pod, timeoutMs: number, options: { node?: string; dryRunFirst?: boolean; serviceAccountWaitMs?: number } = {}): Promise<ProbeOutcome> {
  const { node } = options;
  const at = node ? { node } : {};
  const namespace = pod.metadata!.namespace!;
  const name = pod.metadata!.name!;
  const saWait = options.serviceAccountWaitMs ?? SERVICE_ACCOUNT_WAIT_MS;
  if (options.dryRunFirst) {
    const dry = await create(core, pod, true, saWait);
    if (!dry.ok) return refusal(dry.failure, node) ?? { admission: 'allowed', error: `pod dry run failed: ${dry.failure.message}`, ...at };
  }
  const real = await create(core, pod, false, saWait);
  if (!real.ok) return refusal(real.failure, node) ?? { admission: 'allowed', error: `pod creation failed: ${real.failure.message}`, ...at };
  let timer: NodeJS.Timeout | undefined;
  const end = await Promise.race([waiter.wait(namespace, name), new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
  clearTimeout(timer);
  if (end === 'timeout') {
    waiter.forget(namespace, name);
    await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
    return { admission: 'allowed', timedOut: true, error: `probe pod did not finish within ${timeoutMs / 1000} s and was deleted`, ...at };
  }
  if (!end.done) {
    const hint = /ErrImageNeverPull/.test(end.reason) ? ` (load the probe image onto the node: kind load docker-image, ctr -n k8s.io images import, or pass --image with an image the cluster can pull)` : '';
    return { admission: 'allowed', error: `probe pod stuck: ${end.reason}${hint}`, ...at };
  }
  try {
    const log = await core.readNamespacedPodLog({ name, namespace, container: 'probe', limitBytes: MAX_PROBE_OUTPUT_BYTES + 1 });
    return { admission: 'allowed', stdout: String(log), ...(end.phase === 'Failed' ? { error: 'probe pod failed' } : {}), ...at };
  } catch (error) {
    return { admission: 'allowed', error: `cannot read probe log: ${apiFailure(error).message}`, ...at };
  }
}
