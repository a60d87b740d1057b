/** Posture -> Kubernetes Pod spec (pod- and container-level securityContext, volumes, namespaces). */
import type { V1Pod, V1Volume, V1VolumeMount, V1SecurityContext, V1PodSecurityContext } from '@kubernetes/client-node';
import { capabilityName, parseUser, type AppArmorSetting, type Posture, type PostureMount, type SeccompSetting } from './types.js';

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

/** A seccomp or AppArmor setting as a Kubernetes profile (`Localhost` names a profile on the node). */
function profile(setting: SeccompSetting | AppArmorSetting): { type: string; localhostProfile?: string } {
  if (typeof setting === 'object') return { type: 'Localhost', localhostProfile: setting.localhostProfile };
  return { type: setting === 'unconfined' ? 'Unconfined' : 'RuntimeDefault' };
}

/** Pod-level settings: sysctls and groups. */
function podSecurityContext(p: Posture): V1PodSecurityContext {
  const sc: V1PodSecurityContext = {};
  if (p.sysctls && Object.keys(p.sysctls).length) sc.sysctls = Object.entries(p.sysctls).map(([name, value]) => ({ name, value }));
  if (p.supplementalGroups?.length) sc.supplementalGroups = [...p.supplementalGroups];
  if (p.fsGroup !== undefined) sc.fsGroup = p.fsGroup;
  return sc;
}

/** Device names that are block devices on Linux (disks, partitions, loop, device-mapper, md, optical, ram). */
const BLOCK_DEVICE = /^\/dev\/(sd[a-z]+\d*|vd[a-z]+\d*|xvd[a-z]+\d*|hd[a-z]+\d*|nvme\d+n\d+(p\d+)?|mmcblk\d+(p\d+)?|loop\d+|dm-\d+|md\d+|sr\d+|ram\d+|nbd\d+|zram\d+|mapper\/.+)$/;

/**
 * The hostPath type of a device volume: BlockDevice or CharDevice by name. Typed, a missing or
 * different node path makes the pod fail instead of kubelet creating a file or folder there.
 */
export function deviceHostPathType(device: string): 'BlockDevice' | 'CharDevice' {
  return BLOCK_DEVICE.test(device) ? 'BlockDevice' : 'CharDevice';
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
  if (p.seccomp) sc.seccompProfile = profile(p.seccomp);
  if (p.apparmor) sc.appArmorProfile = profile(p.apparmor);
  if (p.selinux) sc.seLinuxOptions = { ...p.selinux };
  if (p.procMount) sc.procMount = p.procMount;
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
  (p.volumes ?? []).forEach((v, i) => {
    if (v.path === '/tmp') return; // the probe's own scratch tmpfs is already there
    const token = v.kind === 'projected' && v.serviceAccountToken === true;
    // Only a token is ever projected; any other source is an empty stand-in (an emptyDir).
    vols.push(token ? { name: `vol-${i}`, projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } } : { name: `vol-${i}`, emptyDir: v.medium ? { medium: v.medium } : {} });
    mounts.push({ name: `vol-${i}`, mountPath: v.path, readOnly: v.readOnly === true });
  });
  (p.devices ?? []).forEach((d, i) => {
    vols.push({ name: `device-${i}`, hostPath: { path: d, type: deviceHostPathType(d) } });
    mounts.push({ name: `device-${i}`, mountPath: d });
  });
  return { volumes: vols, mounts };
}

/** Builds the probe pod for a posture. */
export function postureToPod(p: Posture, o: ProbePodOptions): V1Pod {
  const { volumes: vols, mounts } = volumes(p);
  const podSc = podSecurityContext(p);
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
  if (p.hostUsers !== undefined) spec.hostUsers = p.hostUsers;
  if (p.shareProcessNamespace !== undefined) spec.shareProcessNamespace = p.shareProcessNamespace;
  if (p.serviceAccount) spec.serviceAccountName = p.serviceAccount;
  if (p.automountServiceAccountToken !== undefined) spec.automountServiceAccountToken = p.automountServiceAccountToken;
  if (o.node) spec.nodeSelector = { 'kubernetes.io/hostname': o.node };
  if (o.tolerateTaints) spec.tolerations = [{ operator: 'Exists' }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: o.name, namespace: o.namespace, labels: o.labels }, spec };
}
