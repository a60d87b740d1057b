/** `--from-compose FILE`: a compose file's services -> derived scenarios (no docker-compose binary: the file is YAML). */
import path from 'node:path';
import { CAPABILITY_NAMES } from '../../probes/lib/caps.js';
import type { PostureMount, PostureVolume } from '../posture/types.js';
import { deriveDockerUser, deriveSecurityOpts } from './security-opts.js';
import type { DerivedScenario, FieldProblems } from './types.js';
import { boolAt, listAt, objectAt, stringAt } from './values.js';

type Path = Array<string | number>;

function strings(v: unknown, at: Path, p: FieldProblems): string[] {
  return listAt(v, at, p).map((x, i) => (typeof x === 'number' ? String(x) : stringAt(x, [...at, i], p))).filter((x): x is string => x !== undefined);
}

/** Short (`SRC:DST[:MODE]`) and long (`{type, source, target, read_only}`) volume entries. */
function deriveServiceVolumes(svc: Record<string, unknown>, at: Path, dir: string, p: FieldProblems, out: DerivedScenario): void {
  const mounts: PostureMount[] = [];
  const volumes: PostureVolume[] = [];
  listAt(svc.volumes, [...at, 'volumes'], p).forEach((v, i) => {
    let type: string | undefined;
    let source: string | undefined;
    let target: string | undefined;
    let readOnly = false;
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length === 1) [type, target] = ['volume', parts[0]];
      else {
        [source, target] = parts;
        readOnly = (parts[2] ?? '').split(',').includes('ro');
        type = /^[./~]/.test(source) ? 'bind' : 'volume';
      }
    } else {
      const o = objectAt(v, [...at, 'volumes', i], p) ?? {};
      type = stringAt(o.type, [...at, 'volumes', i, 'type'], p);
      source = stringAt(o.source, [...at, 'volumes', i, 'source'], p);
      target = stringAt(o.target, [...at, 'volumes', i, 'target'], p);
      readOnly = boolAt(o.read_only, [...at, 'volumes', i, 'read_only'], p) === true;
    }
    if (!target?.startsWith('/')) return p.add([...at, 'volumes', i], `volumes[${i}] needs an absolute target path`);
    if (type === 'bind' && source) {
      if (source.includes('${') || source.startsWith('~')) return void out.notReproduced.push(`volumes[${i}]: '${source.slice(0, 60)}' needs variable or home expansion, not reproduced`);
      const hostPath = path.resolve(dir, source);
      mounts.push({ hostPath, path: target, ...(readOnly ? { readOnly } : {}) });
      out.sources.push({ key: 'mounts', field: `volumes[${i}]: bind ${hostPath} -> ${target}${readOnly ? ' (read-only)' : ''}` });
    } else if (type === 'tmpfs') volumes.push({ kind: 'emptyDir', path: target, medium: 'Memory' });
    else out.notReproduced.push(`volumes[${i}]: ${type === 'volume' ? 'named' : type ?? 'unknown'} volume at ${target.slice(0, 80)} not reproduced (engine volume store, not a host path)`);
  });
  for (const t of typeof svc.tmpfs === 'string' ? [svc.tmpfs] : strings(svc.tmpfs, [...at, 'tmpfs'], p)) {
    const target = t.split(':')[0];
    if (target.startsWith('/')) volumes.push({ kind: 'emptyDir', path: target, medium: 'Memory' });
  }
  for (const kind of ['secrets', 'configs'] as const) {
    listAt(svc[kind], [...at, kind], p).forEach((s) => {
      const name = typeof s === 'string' ? s : String(objectAt(s, [...at, kind], p)?.source ?? 'unnamed');
      const target = typeof s === 'object' && s !== null && typeof (s as { target?: unknown }).target === 'string' ? (s as { target: string }).target : kind === 'secrets' ? `/run/secrets/${name}` : `/${name}`;
      if (target.startsWith('/')) volumes.push({ kind: 'emptyDir', path: target, readOnly: true });
      out.notReproduced.push(`${kind}: ${name.slice(0, 60)} replaced by an empty stand-in (content never read)`);
    });
  }
  if (mounts.length) out.posture.mounts = mounts;
  if (volumes.length) out.posture.volumes = volumes;
}

/** Derives one scenario from one compose service. */
export function deriveService(project: string, name: string, svc: Record<string, unknown>, at: Path, dir: string, p: FieldProblems): DerivedScenario {
  const out: DerivedScenario = { name: `compose/${project}/${name}`, posture: {}, sources: [], notReproduced: [] };
  const privileged = boolAt(svc.privileged, [...at, 'privileged'], p);
  if (privileged !== undefined) {
    out.posture.privileged = privileged;
    out.sources.push({ key: 'privileged', field: `privileged: ${privileged}` });
  }
  const caps: { add?: string[]; drop?: string[] } = {};
  for (const [key, k] of [['cap_add', 'add'], ['cap_drop', 'drop']] as const) {
    const names = strings(svc[key], [...at, key], p).filter((n) => {
      const bare = n.toUpperCase().replace(/^CAP_/, '');
      const ok = bare === 'ALL' || CAPABILITY_NAMES.includes(bare);
      if (!ok) out.notReproduced.push(`${key}: unknown capability '${n.slice(0, 40)}' left out`);
      return ok;
    });
    if (names.length) caps[k] = names;
  }
  if (caps.add || caps.drop) {
    out.posture.capabilities = caps;
    out.sources.push({ key: 'capabilities', field: `cap_add: [${(caps.add ?? []).join(', ')}], cap_drop: [${(caps.drop ?? []).join(', ')}]` });
  }
  const devices = listAt(svc.devices, [...at, 'devices'], p).map((d, i) => (typeof d === 'string' ? d.split(':')[0] : stringAt(objectAt(d, [...at, 'devices', i], p)?.source, [...at, 'devices', i, 'source'], p))).filter((d): d is string => !!d && d.startsWith('/dev/'));
  if (devices.length) {
    out.posture.devices = devices;
    out.sources.push({ key: 'devices', field: `devices: ${devices.join(', ')}` });
  }
  for (const [field, key] of [['pid', 'hostPID'], ['network_mode', 'hostNetwork'], ['ipc', 'hostIPC']] as const) {
    const value = stringAt(svc[field], [...at, field], p);
    if (value === 'host') {
      out.posture[key] = true;
      out.sources.push({ key, field: `${field}: host` });
    } else if (value && /^(service|container):/.test(value)) out.notReproduced.push(`${field}: ${value.slice(0, 60)} not reproduced (the probe cannot join another container's namespace)`);
  }
  for (const field of ['uts', 'cgroup'] as const) if (svc[field] === 'host') out.notReproduced.push(`${field}: host not reproduced (no posture key for this namespace)`);
  if (svc.userns_mode === 'host') {
    out.posture.hostUsers = true;
    out.sources.push({ key: 'hostUsers', field: 'userns_mode: host' });
  }
  deriveSecurityOpts(strings(svc.security_opt, [...at, 'security_opt'], p), 'security_opt', (v) => path.resolve(dir, v), out);
  const readOnly = boolAt(svc.read_only, [...at, 'read_only'], p);
  if (readOnly !== undefined) {
    out.posture.readOnlyRootFilesystem = readOnly;
    out.sources.push({ key: 'readOnlyRootFilesystem', field: `read_only: ${readOnly}` });
  }
  const sysctls = Array.isArray(svc.sysctls) ? Object.fromEntries(strings(svc.sysctls, [...at, 'sysctls'], p).map((s) => s.split('=', 2))) : objectAt(svc.sysctls, [...at, 'sysctls'], p);
  if (sysctls && Object.keys(sysctls).length) {
    out.posture.sysctls = Object.fromEntries(Object.entries(sysctls).map(([k, v]) => [k, String(v)]));
    out.sources.push({ key: 'sysctls', field: `sysctls: ${Object.keys(sysctls).join(', ')}` });
  }
  const runtime = stringAt(svc.runtime, [...at, 'runtime'], p);
  if (runtime) {
    out.posture.runtime = runtime;
    out.sources.push({ key: 'runtime', field: `runtime: ${runtime}` });
  }
  const groups = strings(svc.group_add, [...at, 'group_add'], p);
  if (groups.some((g) => !/^\d{1,10}$/.test(g))) out.notReproduced.push('group_add: group names not reproduced (only numeric ids are)');
  if (groups.some((g) => /^\d{1,10}$/.test(g))) out.posture.supplementalGroups = groups.filter((g) => /^\d{1,10}$/.test(g)).map(Number);
  const user = svc.user === undefined ? '' : typeof svc.user === 'number' ? String(svc.user) : stringAt(svc.user, [...at, 'user'], p) ?? '';
  deriveDockerUser(user, 'user', out);
  deriveServiceVolumes(svc, at, dir, p, out);
  if (svc.device_cgroup_rules !== undefined) out.notReproduced.push('device_cgroup_rules: not reproduced (no posture key; such rules let the container create and open device nodes)');
  if (objectAt(objectAt(objectAt(svc.deploy, [...at, 'deploy'], p)?.resources, [...at, 'deploy', 'resources'], p)?.reservations, [...at, 'deploy', 'resources', 'reservations'], p)?.devices !== undefined) out.notReproduced.push('deploy.resources.reservations.devices: GPU and other requested devices not reproduced');
  if (svc.ports !== undefined) out.notReproduced.push('ports: published ports not reproduced (the probe listens on no port)');
  return out;
}
