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

/** How a probe is deployed; every key is optional and absent means the platform default. */
export interface Posture {
  privileged?: boolean;
  /** "uid[:gid]" or a number; 0 is root. */
  user?: string | number;
  hostPID?: boolean;
  hostNetwork?: boolean;
  hostIPC?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  /**
   * `localhostProfile`: for Docker an absolute path of a JSON seccomp profile on the runner's
   * machine (sent as its content); for Kubernetes a path relative to the kubelet's seccomp directory.
   */
  seccomp?: 'runtime-default' | 'unconfined' | { localhostProfile: string };
  apparmor?: 'runtime-default' | 'unconfined';
  noNewPrivileges?: boolean;
  readOnlyRootFilesystem?: boolean;
  mounts?: PostureMount[];
  devices?: string[];
  /** Docker runtime name / Kubernetes runtimeClassName. */
  runtime?: string;
  /** Kubernetes only. */
  serviceAccount?: string;
  /** Kubernetes only. */
  automountServiceAccountToken?: boolean;
}

/** Every posture key, for validation and docs. */
export const POSTURE_KEYS = [
  'privileged', 'user', 'hostPID', 'hostNetwork', 'hostIPC', 'capabilities', 'seccomp', 'apparmor',
  'noNewPrivileges', 'readOnlyRootFilesystem', 'mounts', 'devices', 'runtime', 'serviceAccount',
  'automountServiceAccountToken',
] as const satisfies ReadonlyArray<keyof Posture>;

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
