/** Reads and validates the `posture` mapping of a scenario. */
import { isScalar, type Node } from 'yaml';
import { CAPABILITY_NAMES } from '../../probes/lib/caps.js';
import { HOST_PATH_KINDS, POSTURE_KEYS, type Posture, type PostureMount } from '../posture/types.js';
import { readBoolean, readEnum, readList, readMap, readString, kindOf, truncate } from './nodes.js';
import { readWorkloadKeys } from './posture-profiles-reader.js';
import type { Problems } from './problems.js';
import { pathProblem, probePathProblem } from './path-rules.js';

const ABSOLUTE = { re: /^\/[^\0]{0,4095}$/, text: 'must be an absolute path' };
const DNS_NAME = { re: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, text: 'must be a DNS-1123 label' };
const RUNTIME = { re: /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, text: 'must be a runtime name (letters, digits, . _ -)' };
const DEVICE = { re: /^\/dev\/[^\0]{1,200}$/, text: 'must be a path under /dev/' };

function readCapability(n: Node, where: string, p: Problems): string | undefined {
  const name = readString(n, where, p);
  if (name === undefined) return undefined;
  const bare = name.trim().toUpperCase().replace(/^CAP_/, '');
  if (bare !== 'ALL' && !CAPABILITY_NAMES.includes(bare)) {
    p.at(n, `${where}: unknown capability '${name}'`);
    return undefined;
  }
  return name;
}

/** Largest valid uid/gid (2^32-2; 2^32-1 is the kernel's "no id"). */
const MAX_ID = 4294967294;

function readUser(node: Node | undefined, p: Problems): string | number | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0 && node.value <= MAX_ID) return node.value;
  if (isScalar(node) && typeof node.value === 'string' && /^\d{1,10}(:\d{1,10})?$/.test(node.value) && node.value.split(':').every((n) => Number(n) <= MAX_ID)) return node.value;
  p.at(node, `posture.user must be a uid or "uid:gid" (e.g. 0 or "1000:1000"), got ${kindOf(node)}`);
  return undefined;
}

/** A path string that is absolute and normalized; `inProbe` also refuses the probe's own paths. */
function checkedPath(node: Node | undefined, where: string, p: Problems, pattern: { re: RegExp; text: string }, inProbe = false): string | undefined {
  const value = readString(node, where, p, pattern);
  if (value === undefined) return undefined;
  const problem = pathProblem(value) ?? (inProbe ? probePathProblem(value) : undefined);
  if (problem) {
    p.at(node, `${where} '${truncate(value)}' ${problem}`);
    return undefined;
  }
  return value;
}

function readMount(n: Node, i: number, p: Problems): PostureMount | undefined {
  const where = `posture.mounts[${i}]`;
  const m = readMap(n, ['hostPath', 'path', 'readOnly', 'type'], where, p);
  if (!m) return undefined;
  if (!m.has('hostPath') || !m.has('path')) {
    p.at(n, `${where} needs hostPath and path`);
    return undefined;
  }
  const hostPath = checkedPath(m.get('hostPath'), `${where}.hostPath`, p, ABSOLUTE);
  const path = checkedPath(m.get('path'), `${where}.path`, p, ABSOLUTE, true);
  const readOnly = m.has('readOnly') ? readBoolean(m.get('readOnly'), `${where}.readOnly`, p) : undefined;
  const type = m.has('type') ? readEnum(m.get('type'), HOST_PATH_KINDS, `${where}.type`, p) : undefined;
  if (hostPath === undefined || path === undefined) return undefined;
  return { hostPath, path, ...(readOnly !== undefined ? { readOnly } : {}), ...(type ? { type } : {}) };
}

/** Validates a posture mapping; unknown keys and wrong types become problems. */
export function readPosture(node: Node | undefined, p: Problems): Posture {
  const posture: Posture = {};
  if (node === undefined || (isScalar(node) && node.value === null)) return posture;
  const m = readMap(node, POSTURE_KEYS, 'posture', p);
  if (!m) return posture;
  for (const key of ['privileged', 'hostPID', 'hostNetwork', 'hostIPC', 'noNewPrivileges', 'readOnlyRootFilesystem', 'automountServiceAccountToken'] as const) {
    if (m.has(key)) posture[key] = readBoolean(m.get(key), `posture.${key}`, p);
  }
  if (m.has('user')) posture.user = readUser(m.get('user'), p);
  readWorkloadKeys(m, posture, p);
  if (m.has('runtime')) posture.runtime = readString(m.get('runtime'), 'posture.runtime', p, RUNTIME);
  if (m.has('serviceAccount')) posture.serviceAccount = readString(m.get('serviceAccount'), 'posture.serviceAccount', p, DNS_NAME);
  if (m.has('capabilities')) {
    const caps = readMap(m.get('capabilities'), ['add', 'drop'], 'posture.capabilities', p);
    if (caps) {
      posture.capabilities = {};
      for (const k of ['add', 'drop'] as const) {
        if (caps.has(k)) posture.capabilities[k] = readList(caps.get(k), `posture.capabilities.${k}`, p, (n, i) => readCapability(n, `posture.capabilities.${k}[${i}]`, p));
      }
    }
  }
  if (m.has('mounts')) posture.mounts = readList(m.get('mounts'), 'posture.mounts', p, (n, i) => readMount(n, i, p));
  if (m.has('devices')) posture.devices = readList(m.get('devices'), 'posture.devices', p, (n, i) => checkedPath(n, `posture.devices[${i}]`, p, DEVICE, true));
  for (const key of Object.keys(posture) as Array<keyof Posture>) if (posture[key] === undefined) delete posture[key];
  return posture;
}
