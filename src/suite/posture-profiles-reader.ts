/** Reads the posture keys real workloads use: custom profiles, SELinux, sysctls, /proc, user namespaces, groups, volumes. */
import { isMap, isScalar, type Node } from 'yaml';
import { PROC_MOUNTS, VOLUME_KINDS, type LocalhostProfile, type Posture, type PostureVolume, type SELinuxOptions } from '../posture/types.js';
import { kindOf, readBoolean, readEnum, readList, readMap, readString, truncate } from './nodes.js';
import { pathProblem, probePathProblem } from './path-rules.js';
import type { Problems } from './problems.js';

/** Largest valid uid/gid (2^32-2; 2^32-1 is the kernel's "no id"). */
const MAX_ID = 4294967294;
const PROFILE_PATH = { re: /^[^\0\n]{1,4096}$/, text: 'must be a path of 1 to 4096 characters on one line' };
const PROFILE_NAME = { re: /^[^\0\s]{1,253}$/, text: 'must be a profile name without spaces (at most 253 characters)' };
const SELINUX_PART = { re: /^[A-Za-z0-9_.:,-]{1,255}$/, text: 'must hold only letters, digits and _ . : , -' };
const SYSCTL_NAME = /^[a-z0-9_]+([./][a-z0-9_-]+)*$/;
const ABSOLUTE = { re: /^\/[^\0]{0,4095}$/, text: 'must be an absolute path' };

/** `runtime-default`, `unconfined`, or `{localhostProfile: ...}`. */
function readProfileSetting(node: Node | undefined, key: 'seccomp' | 'apparmor', p: Problems): 'runtime-default' | 'unconfined' | LocalhostProfile | undefined {
  const where = `posture.${key}`;
  if (!isMap(node)) return readEnum(node, ['runtime-default', 'unconfined'] as const, `${where} (or {localhostProfile: ...})`, p);
  const m = readMap(node, ['localhostProfile'], where, p);
  if (!m) return undefined;
  if (!m.has('localhostProfile')) {
    p.at(node, `${where} needs localhostProfile`);
    return undefined;
  }
  const value = readString(m.get('localhostProfile'), `${where}.localhostProfile`, p, key === 'seccomp' ? PROFILE_PATH : PROFILE_NAME);
  return value === undefined ? undefined : { localhostProfile: value };
}

function readSelinux(node: Node | undefined, p: Problems): SELinuxOptions | undefined {
  const m = readMap(node, ['user', 'role', 'type', 'level'], 'posture.selinux', p);
  if (!m) return undefined;
  const out: SELinuxOptions = {};
  for (const [k, v] of m) {
    const value = readString(v, `posture.selinux.${k}`, p, SELINUX_PART);
    if (value !== undefined) out[k as keyof SELinuxOptions] = value;
  }
  return out;
}

function readSysctls(node: Node | undefined, p: Problems): Record<string, string> | undefined {
  if (!isMap(node)) {
    p.at(node, `posture.sysctls must be a mapping of name: value, got ${kindOf(node)}`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const pair of node.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    if (!SYSCTL_NAME.test(name) || name.length > 253) {
      p.at(key, `posture.sysctls: '${truncate(name)}' is not a sysctl name (e.g. net.ipv4.ip_unprivileged_port_start)`);
      continue;
    }
    const value = pair.value as Node;
    if (!isScalar(value) || !['string', 'number'].includes(typeof value.value) || /[\0\n]/.test(String(value.value))) {
      p.at(value, `posture.sysctls.${name} must be a string or number, got ${kindOf(value)}`);
      continue;
    }
    out[name] = String(value.value);
  }
  return out;
}

function readId(node: Node | undefined, where: string, p: Problems): number | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0 && node.value <= MAX_ID) return node.value;
  p.at(node, `${where} must be a group id (0 to ${MAX_ID}), got ${isScalar(node) ? `'${truncate(String(node.value))}'` : kindOf(node)}`);
  return undefined;
}

function readVolume(node: Node, i: number, p: Problems): PostureVolume | undefined {
  const where = `posture.volumes[${i}]`;
  const m = readMap(node, ['kind', 'path', 'readOnly', 'medium', 'serviceAccountToken'], where, p);
  if (!m) return undefined;
  if (!m.has('kind') || !m.has('path')) {
    p.at(node, `${where} needs kind and path`);
    return undefined;
  }
  const kind = readEnum(m.get('kind'), VOLUME_KINDS, `${where}.kind`, p);
  let path = readString(m.get('path'), `${where}.path`, p, ABSOLUTE);
  // Normalized, and never over the probe's own files (an emptyDir at /tmp is the probe's scratch tmpfs already).
  const problem = path === undefined ? undefined : pathProblem(path) ?? (path === '/tmp' ? undefined : probePathProblem(path));
  if (problem) {
    p.at(m.get('path'), `${where}.path '${truncate(path!)}' ${problem}`);
    path = undefined;
  }
  const readOnly = m.has('readOnly') ? readBoolean(m.get('readOnly'), `${where}.readOnly`, p) : undefined;
  const medium = m.has('medium') ? readEnum(m.get('medium'), ['Memory'], `${where}.medium`, p) : undefined;
  const token = m.has('serviceAccountToken') ? readBoolean(m.get('serviceAccountToken'), `${where}.serviceAccountToken`, p) : undefined;
  if (medium && kind !== 'emptyDir') p.at(m.get('medium'), `${where}.medium applies to kind emptyDir only`);
  if (token !== undefined && kind !== 'projected') p.at(m.get('serviceAccountToken'), `${where}.serviceAccountToken applies to kind projected only`);
  if (kind === undefined || path === undefined) return undefined;
  return { kind, path, ...(readOnly !== undefined ? { readOnly } : {}), ...(medium ? { medium } : {}), ...(token !== undefined ? { serviceAccountToken: token } : {}) };
}

/** Reads the workload keys present in a posture mapping into `posture`. */
export function readWorkloadKeys(m: Map<string, Node>, posture: Posture, p: Problems): void {
  if (m.has('seccomp')) posture.seccomp = readProfileSetting(m.get('seccomp'), 'seccomp', p);
  if (m.has('apparmor')) posture.apparmor = readProfileSetting(m.get('apparmor'), 'apparmor', p);
  if (m.has('selinux')) posture.selinux = readSelinux(m.get('selinux'), p);
  if (m.has('sysctls')) posture.sysctls = readSysctls(m.get('sysctls'), p);
  if (m.has('procMount')) posture.procMount = readEnum(m.get('procMount'), PROC_MOUNTS, 'posture.procMount', p);
  for (const key of ['hostUsers', 'shareProcessNamespace'] as const) if (m.has(key)) posture[key] = readBoolean(m.get(key), `posture.${key}`, p);
  if (m.has('supplementalGroups')) posture.supplementalGroups = readList(m.get('supplementalGroups'), 'posture.supplementalGroups', p, (n, i) => readId(n, `posture.supplementalGroups[${i}]`, p));
  if (m.has('fsGroup')) posture.fsGroup = readId(m.get('fsGroup'), 'posture.fsGroup', p);
  if (m.has('volumes')) posture.volumes = readList(m.get('volumes'), 'posture.volumes', p, (n, i) => readVolume(n, i, p));
}
