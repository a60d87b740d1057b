/** Posture -> Docker container create options (HostConfig and friends). */
import type { ContainerCreateOptions } from 'dockerode';
import { readSeccompProfile } from './seccomp-file.js';
import { capabilityName, parseUser, type Posture } from './types.js';

/** Size of the probe's own scratch tmpfs, the only place an active check may write. */
export const PROBE_TMPFS = { path: '/tmp', options: 'rw,nosuid,nodev,size=16m,mode=1777' } as const;

/** Whether `dir` is `path` or one of its parents (`/` is everyone's parent). */
function isSameOrParent(dir: string, path: string): boolean {
  const d = dir.replace(/\/+$/, '');
  return d === '' || path === d || path.startsWith(`${d}/`);
}

/** What the engine can do that changes how a posture translates. */
export interface DockerEngineTraits {
  /** The engine remaps every container into a user namespace (`userns-remap`). */
  usernsRemap?: boolean;
}

/** Security options for seccomp, AppArmor, SELinux, no-new-privileges and an unmasked /proc. */
function securityOptions(posture: Posture, readProfile: (file: string) => string): string[] {
  const opts: string[] = [];
  if (posture.seccomp === 'unconfined') opts.push('seccomp=unconfined');
  else if (typeof posture.seccomp === 'object') opts.push(`seccomp=${readProfile(posture.seccomp.localhostProfile)}`);
  if (posture.apparmor === 'unconfined') opts.push('apparmor=unconfined');
  else if (typeof posture.apparmor === 'object') opts.push(`apparmor=${posture.apparmor.localhostProfile}`);
  for (const part of ['user', 'role', 'type', 'level'] as const) {
    if (posture.selinux?.[part] !== undefined) opts.push(`label=${part}:${posture.selinux[part]}`);
  }
  if (posture.noNewPrivileges) opts.push('no-new-privileges:true');
  return opts;
}

/**
 * Translates a posture into the parts of a create request that express it. Bind mounts use
 * the Mounts API (never Binds, which would create a missing host path) with private
 * propagation, or rslave where the engine requires it (a source holding its data root).
 */
export function postureToDocker(posture: Posture, daemonRoot = '/var/lib/docker', readProfile = readSeccompProfile): Pick<ContainerCreateOptions, 'User' | 'HostConfig'> {
  const securityOpt = securityOptions(posture, readProfile);
  const tmpfs: Record<string, string> = { [PROBE_TMPFS.path]: PROBE_TMPFS.options };
  // emptyDir and projected volumes become empty tmpfs mounts (a token projection cannot be: see dockerIgnoredKeys).
  for (const v of posture.volumes ?? []) if (v.path !== PROBE_TMPFS.path) tmpfs[v.path] = `${v.readOnly ? 'ro' : 'rw'},nosuid,nodev,size=16m`;
  const hostConfig: NonNullable<ContainerCreateOptions['HostConfig']> = {
    Privileged: posture.privileged === true,
    ReadonlyRootfs: posture.readOnlyRootFilesystem === true,
    Tmpfs: tmpfs,
  };
  if (posture.hostPID) hostConfig.PidMode = 'host';
  if (posture.hostNetwork) hostConfig.NetworkMode = 'host';
  if (posture.hostIPC) hostConfig.IpcMode = 'host';
  if (posture.capabilities?.add?.length) hostConfig.CapAdd = posture.capabilities.add.map(capabilityName);
  if (posture.capabilities?.drop?.length) hostConfig.CapDrop = posture.capabilities.drop.map(capabilityName);
  if (securityOpt.length) hostConfig.SecurityOpt = securityOpt;
  if (posture.mounts?.length) {
    hostConfig.Mounts = posture.mounts.map((m) => ({
      Type: 'bind' as const,
      Source: m.hostPath,
      Target: m.path,
      ReadOnly: m.readOnly === true,
      BindOptions: { Propagation: isSameOrParent(m.hostPath, daemonRoot) ? ('rslave' as const) : ('rprivate' as const) },
    }));
  }
  if (posture.devices?.length) {
    hostConfig.Devices = posture.devices.map((d) => ({ PathOnHost: d, PathInContainer: d, CgroupPermissions: 'rwm' }));
  }
  if (posture.runtime) hostConfig.Runtime = posture.runtime;
  if (posture.sysctls && Object.keys(posture.sysctls).length) hostConfig.Sysctls = { ...posture.sysctls };
  // An unmasked /proc: no masked and no read-only paths (what `--security-opt systempaths=unconfined` sends).
  if (posture.procMount === 'Unmasked') Object.assign(hostConfig, { MaskedPaths: [], ReadonlyPaths: [] });
  if (posture.hostUsers === true) hostConfig.UsernsMode = 'host';
  if (posture.supplementalGroups?.length) hostConfig.GroupAdd = posture.supplementalGroups.map(String);
  const result: Pick<ContainerCreateOptions, 'User' | 'HostConfig'> = { HostConfig: hostConfig };
  if (posture.user !== undefined) {
    const { uid, gid } = parseUser(posture.user);
    result.User = gid === undefined ? `${uid}` : `${uid}:${gid}`;
  }
  return result;
}

/** Posture keys Docker cannot express, each with the reason; reported so nobody believes they were applied. */
export function dockerIgnoredKeys(posture: Posture, engine: DockerEngineTraits = {}): string[] {
  const ignored: string[] = (['serviceAccount', 'automountServiceAccountToken'] as const).filter((k) => posture[k] !== undefined);
  if (posture.fsGroup !== undefined) ignored.push('fsGroup (Kubernetes only: Docker has no volume group ownership)');
  if (posture.shareProcessNamespace !== undefined) ignored.push('shareProcessNamespace (Kubernetes only: a Docker probe has no pod to share with)');
  if (posture.hostUsers === false && !engine.usernsRemap) ignored.push('hostUsers (this engine has no userns-remap: Docker sets user namespaces engine-wide)');
  if (posture.volumes?.some((v) => v.serviceAccountToken)) ignored.push('volumes.serviceAccountToken (Kubernetes only: mounted as an empty tmpfs)');
  return ignored;
}
