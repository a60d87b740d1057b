/** Posture -> Docker container create options (HostConfig and friends). */
import { readFileSync } from 'node:fs';
import type { ContainerCreateOptions } from 'dockerode';
import { UsageError } from '../errors.js';
import { capabilityName, parseUser, type Posture } from './types.js';

/** Size of the probe's own scratch tmpfs, the only place an active check may write. */
export const PROBE_TMPFS = { path: '/tmp', options: 'rw,nosuid,nodev,size=16m,mode=1777' } as const;

/** The compact JSON of a local seccomp profile, as the Docker API takes it (the CLI sends the file's content too). */
function localSeccompProfile(path: string): string {
  if (!path.startsWith('/')) throw new UsageError(`posture.seccomp.localhostProfile ${path}: Docker needs an absolute path of a JSON profile on this machine`);
  try {
    return JSON.stringify(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new UsageError(`posture.seccomp.localhostProfile ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Whether `dir` is `path` or one of its parents (`/` is everyone's parent). */
function isSameOrParent(dir: string, path: string): boolean {
  const d = dir.replace(/\/+$/, '');
  return d === '' || path === d || path.startsWith(`${d}/`);
}

/**
 * Translates a posture into the parts of a create request that express it. Bind mounts use
 * the Mounts API (never Binds, which would create a missing host path) with private
 * propagation, or rslave where the engine requires it (a source holding its data root).
 */
export function postureToDocker(posture: Posture, daemonRoot = '/var/lib/docker'): Pick<ContainerCreateOptions, 'User' | 'HostConfig'> {
  const securityOpt: string[] = [];
  if (posture.seccomp === 'unconfined') securityOpt.push('seccomp=unconfined');
  else if (typeof posture.seccomp === 'object') securityOpt.push(`seccomp=${localSeccompProfile(posture.seccomp.localhostProfile)}`);
  if (posture.apparmor === 'unconfined') securityOpt.push('apparmor=unconfined');
  if (posture.noNewPrivileges) securityOpt.push('no-new-privileges:true');
  const hostConfig: NonNullable<ContainerCreateOptions['HostConfig']> = {
    Privileged: posture.privileged === true,
    ReadonlyRootfs: posture.readOnlyRootFilesystem === true,
    Tmpfs: { [PROBE_TMPFS.path]: PROBE_TMPFS.options },
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
  const result: Pick<ContainerCreateOptions, 'User' | 'HostConfig'> = { HostConfig: hostConfig };
  if (posture.user !== undefined) {
    const { uid, gid } = parseUser(posture.user);
    result.User = gid === undefined ? `${uid}` : `${uid}:${gid}`;
  }
  return result;
}

/** Posture keys Docker cannot express; reported so nobody believes they were applied. */
export function dockerIgnoredKeys(posture: Posture): string[] {
  return (['serviceAccount', 'automountServiceAccountToken'] as const).filter((k) => posture[k] !== undefined);
}
