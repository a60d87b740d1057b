/** The portable description of how a probe is deployed (DESIGN.md posture keys). */

/** A host path mounted into the probe. */
export interface PostureMount {
  hostPath: string;
  path: string;
  readOnly?: boolean;
  /**
   * What the host path is (Kubernetes hostPath type). Optional: `*.sock` means Socket,
   * anything else Directory. A typed hostPath is refused when missing, never created.
   */
  type?: HostPathKind;
}

/** Kinds of host path a mount may name. */
export const HOST_PATH_KINDS = ['Directory', 'File', 'Socket', 'CharDevice', 'BlockDevice'] as const;
/** One of HOST_PATH_KINDS. */
export type HostPathKind = (typeof HOST_PATH_KINDS)[number];

/** A profile loaded from a file: Docker reads a JSON file on this machine, Kubernetes a path under the kubelet's seccomp root (or an AppArmor profile name). */
export interface LocalhostProfile {
  localhostProfile: string;
}

/** Seccomp: the runtime's default filter, none, or a custom profile. */
export type SeccompSetting = 'runtime-default' | 'unconfined' | LocalhostProfile;
/** AppArmor: the runtime's default profile, none, or a profile loaded on the host by name. */
export type AppArmorSetting = 'runtime-default' | 'unconfined' | LocalhostProfile;

/** SELinux label parts (Kubernetes seLinuxOptions; Docker `label=` security options). */
export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}

/** Kinds of in-pod volume a posture may mount (never host paths; those are `mounts`). */
export const VOLUME_KINDS = ['emptyDir', 'projected'] as const;
/** One of VOLUME_KINDS. */
export type VolumeKind = (typeof VOLUME_KINDS)[number];

/**
 * A volume that lives with the pod: an emptyDir, or a projected volume. A projected volume
 * carries a service account token only when `serviceAccountToken` is true; secret,
 * configMap and downward API sources are never reproduced (an empty stand-in).
 */
export interface PostureVolume {
  kind: VolumeKind;
  path: string;
  readOnly?: boolean;
  /** emptyDir only: `Memory` is a tmpfs. */
  medium?: 'Memory';
  /** projected only: project the pod's service account token into the volume. */
  serviceAccountToken?: boolean;
}

/** /proc mount type of a container (Kubernetes procMount; Docker `systempaths=unconfined`). */
export const PROC_MOUNTS = ['Default', 'Unmasked'] as const;
/** One of PROC_MOUNTS. */
export type ProcMount = (typeof PROC_MOUNTS)[number];

/** How a probe is deployed; every key is optional and absent means the platform default. */
export interface Posture {
  privileged?: boolean;
  /** "uid[:gid]" or a number; 0 is root. */
  user?: string | number;
  hostPID?: boolean;
  hostNetwork?: boolean;
  hostIPC?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccomp?: SeccompSetting;
  apparmor?: AppArmorSetting;
  selinux?: SELinuxOptions;
  noNewPrivileges?: boolean;
  readOnlyRootFilesystem?: boolean;
  mounts?: PostureMount[];
  devices?: string[];
  /** Docker runtime name / Kubernetes runtimeClassName. */
  runtime?: string;
  /** Kernel parameters set for the probe's namespaces (pod-level on Kubernetes). */
  sysctls?: Record<string, string>;
  procMount?: ProcMount;
  /** false = a user namespace (Kubernetes hostUsers; Docker only with a userns-remap engine). */
  hostUsers?: boolean;
  /** Extra group ids of the probe process. */
  supplementalGroups?: number[];
  /** Kubernetes fsGroup: the group that owns the pod's volumes and joins the process's groups. */
  fsGroup?: number;
  volumes?: PostureVolume[];
  /** Kubernetes: the probe shares one PID namespace with the pod's other containers. */
  shareProcessNamespace?: boolean;
  /** Kubernetes only. */
  serviceAccount?: string;
  /** Kubernetes only. */
  automountServiceAccountToken?: boolean;
}

/** Every posture key, for validation and docs. */
export const POSTURE_KEYS = [
  'privileged', 'user', 'hostPID', 'hostNetwork', 'hostIPC', 'capabilities', 'seccomp', 'apparmor',
  'noNewPrivileges', 'readOnlyRootFilesystem', 'mounts', 'devices', 'runtime', 'serviceAccount',
  'automountServiceAccountToken', 'selinux', 'sysctls', 'procMount', 'hostUsers', 'supplementalGroups', 'fsGroup',
  'volumes', 'shareProcessNamespace',
] as const satisfies ReadonlyArray<keyof Posture>;

/** The custom profile of a seccomp or AppArmor setting, if it names one. */
export function localhostProfile(setting: SeccompSetting | AppArmorSetting | undefined): string | undefined {
  return typeof setting === 'object' ? setting.localhostProfile : undefined;
}

/** Parses `user` into uid and optional gid. */
export function parseUser(user: string | number): { uid: number; gid?: number } {
  if (typeof user === 'number') return { uid: user };
  const [uid, gid] = user.split(':');
  return { uid: Number(uid), ...(gid !== undefined ? { gid: Number(gid) } : {}) };
}

/** Normalises capability names to the runtime form: `SYS_ADMIN`, or `ALL`. */
export function capabilityName(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper === 'ALL' ? 'ALL' : upper.replace(/^CAP_/, '');
}
