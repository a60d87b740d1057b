/** Posture -> Kubernetes Pod spec (pod- and container-level securityContext, volumes, namespaces). */
import type { V1Pod, V1Volume, V1VolumeMount, V1SecurityContext, V1PodSecurityContext } from '@kubernetes/client-node';
import { capabilityName, parseUser, type Posture, type PostureMount } from './types.js';

/** Everything besides the posture that a probe pod needs. */
export interface ProbePodOptions {
  name: string;
  namespace: string;
  image: string;
  labels: Record<string, string>;
  agentConfig: string;
  /** Pin the pod to this node (by the kubernetes.io/hostname label, so taints still apply). */
  node?: string;
  /** Tolerate every taint: only when the user asks for it. */
  tolerateTaints?: boolean;
  /** Default `Never`: the locally built probe image is never pulled; an `--image` may be (IfNotPresent). */
  pullPolicy?: 'Never' | 'IfNotPresent';
}

/**
 * The hostPath type for a mount. A typed hostPath refuses a missing path instead of letting
 * the runtime create it on the node (the harmlessness contract forbids host writes).
 */
export function hostPathType(m: PostureMount): string {
  return m.type ?? (/\.sock$/.test(m.hostPath) ? 'Socket' : 'Directory');
}

function containerSecurityContext(p: Posture): V1SecurityContext {
  const sc: V1SecurityContext = {};
  if (p.privileged !== undefined) sc.privileged = p.privileged;
  if (p.user !== undefined) {
    const { uid, gid } = parseUser(p.user);
    sc.runAsUser = uid;
    if (gid !== undefined) sc.runAsGroup = gid;
    if (uid !== 0) sc.runAsNonRoot = true;
  }
  if (p.capabilities) {
    sc.capabilities = {};
    if (p.capabilities.add?.length) sc.capabilities.add = p.capabilities.add.map(capabilityName);
    if (p.capabilities.drop?.length) sc.capabilities.drop = p.capabilities.drop.map(capabilityName);
  }
  if (typeof p.seccomp === 'object') sc.seccompProfile = { type: 'Localhost', localhostProfile: p.seccomp.localhostProfile };
  else if (p.seccomp) sc.seccompProfile = { type: p.seccomp === 'unconfined' ? 'Unconfined' : 'RuntimeDefault' };
  if (p.apparmor) sc.appArmorProfile = { type: p.apparmor === 'unconfined' ? 'Unconfined' : 'RuntimeDefault' };
  if (p.noNewPrivileges !== undefined) sc.allowPrivilegeEscalation = !p.noNewPrivileges;
  if (p.readOnlyRootFilesystem !== undefined) sc.readOnlyRootFilesystem = p.readOnlyRootFilesystem;
  return sc;
}

function volumes(p: Posture): { volumes: V1Volume[]; mounts: V1VolumeMount[] } {
  const vols: V1Volume[] = [{ name: 'probe-tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } }];
  const mounts: V1VolumeMount[] = [{ name: 'probe-tmp', mountPath: '/tmp' }];
  (p.mounts ?? []).forEach((m, i) => {
    vols.push({ name: `host-${i}`, hostPath: { path: m.hostPath, type: hostPathType(m) } });
    mounts.push({ name: `host-${i}`, mountPath: m.path, readOnly: m.readOnly === true });
  });
  (p.devices ?? []).forEach((d, i) => {
    vols.push({ name: `device-${i}`, hostPath: { path: d } });
    mounts.push({ name: `device-${i}`, mountPath: d });
  });
  return { volumes: vols, mounts };
}

/** Builds the probe pod for a posture. */
export function postureToPod(p: Posture, o: ProbePodOptions): V1Pod {
  const { volumes: vols, mounts } = volumes(p);
  const podSc: V1PodSecurityContext = {};
  const spec: V1Pod['spec'] = {
    restartPolicy: 'Never',
    terminationGracePeriodSeconds: 1,
    enableServiceLinks: false,
    containers: [
      {
        name: 'probe',
        image: o.image,
        imagePullPolicy: o.pullPolicy ?? 'Never',
        command: ['/node', '/agent.mjs'],
        env: [
          { name: 'ESCAPEKIT_AGENT', value: o.agentConfig },
          { name: 'ESCAPEKIT_NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
          { name: 'ESCAPEKIT_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        ],
        securityContext: containerSecurityContext(p),
        volumeMounts: mounts,
      },
    ],
    volumes: vols,
    securityContext: podSc,
  };
  if (p.hostPID) spec.hostPID = true;
  if (p.hostNetwork) spec.hostNetwork = true;
  if (p.hostIPC) spec.hostIPC = true;
  if (p.runtime) spec.runtimeClassName = p.runtime;
  if (p.serviceAccount) spec.serviceAccountName = p.serviceAccount;
  if (p.automountServiceAccountToken !== undefined) spec.automountServiceAccountToken = p.automountServiceAccountToken;
  if (o.node) spec.nodeSelector = { 'kubernetes.io/hostname': o.node };
  if (o.tolerateTaints) spec.tolerations = [{ operator: 'Exists' }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: o.name, namespace: o.namespace, labels: o.labels }, spec };
}
