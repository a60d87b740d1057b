/**
 * The runner's side of the host reference (probes/lib/node-reference.ts), decided after evaluate.
 *
 * The reference is the runner's own reading, echoed in the evidence of the checks that compare
 * with it: an echo that differs from what the runner sent (a dropped `required`, an altered
 * namespace) would turn "may be the host's" into a holds, so it is not believed.
 *
 * Without a host reference (a Kubernetes cluster other than kind: the runner reads no node's
 * namespaces), a namespace check's holds rests on "not the kernel's initial namespace", which
 * proves nothing on a node that is itself a container (k3d, minikube's Docker driver). A pod the
 * platform admitted with the very sharing the posture asked for (hostIPC, hostNetwork, hostPID)
 * is exactly the case where that matters: such a holds is not believed.
 */
import { referenceFor, type NodeReference, type ReferenceKind } from '../../probes/lib/node-reference.js';
import type { CheckReport } from '../model/report.js';
import type { Posture } from '../posture/types.js';

/** Checks whose evidence echoes the runner's reference, and the namespace kind each echoes. */
const ECHOED_KIND: Readonly<Record<string, ReferenceKind>> = {
  'host-ipc-namespace': 'ipc',
  'host-network-namespace': 'net',
  'host-uts-namespace': 'uts',
  'host-pid-namespace': 'pid',
  'cgroup-namespace-host': 'cgroup',
};

/** The check report, or inconclusive when its holds rests on an echo of the reference that is not what the runner sent. */
export function verifyEchoedReference(report: CheckReport, sent: NodeReference | undefined): CheckReport {
  const kind = ECHOED_KIND[report.id];
  if (!kind || report.status !== 'holds') return report;
  const echoed = (report.evidence as { nodeReference?: unknown } | null | undefined)?.nodeReference;
  if (JSON.stringify(echoed) === JSON.stringify(referenceFor(sent, kind))) return report;
  return { ...report, status: 'inconclusive', summary: `evidence rejected: its host reference is not the one the runner sent (${report.summary})`.slice(0, 300) };
}

/** Checks that compare a namespace with the host's, and the posture key that asks to share it. */
const SHARED_BY: Readonly<Record<string, 'hostIPC' | 'hostNetwork' | 'hostPID'>> = {
  'host-ipc-namespace': 'hostIPC',
  'host-network-namespace': 'hostNetwork',
  'host-uts-namespace': 'hostNetwork',
  'host-pid-namespace': 'hostPID',
};

/** The check report, or inconclusive when its holds has no host reference and the posture shares that namespace. */
export function distrustUnreferencedHolds(report: CheckReport, posture: Posture): CheckReport {
  const key = SHARED_BY[report.id];
  if (!key || report.status !== 'holds' || posture[key] !== true) return report;
  const reference = (report.evidence as { nodeReference?: { required?: unknown } } | null | undefined)?.nodeReference;
  if (reference?.required === true) return report;
  const summary = `the posture shares the host's namespace (${key}: true) yet the probe saw a namespace of its own, and the runner took no reference of the node's namespaces: a node that is itself a container looks like this (${report.summary})`;
  return { ...report, status: 'inconclusive', summary: summary.slice(0, 300) };
}
