/** `--from-container NAME|ID`: a running container's inspect output (HostConfig, Mounts, Config.User) -> a derived scenario. */
import { CAPABILITY_NAMES } from '../../probes/lib/caps.js';
import type { PostureMount, PostureVolume } from '../posture/types.js';
import { deriveDockerUser, deriveSecurityOpts, type SeccompValue } from './security-opts.js';
import type { DerivedScenario } from './types.js';

/** The parts of `docker inspect` read here (all optional: the engine's answer is not trusted to be complete). */
export interface InspectedContainer {
  Name?: string;
  Id?: string;
  Config?: { User?: string };
  Mounts?: Array<{ Type?: string; Source?: string; Destination?: string; RW?: boolean; Name?: string }>;
  HostConfig?: {
    Privileged?: boolean;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    Devices?: Array<{ PathOnHost?: string; PathInContainer?: string }> | null;
    PidMode?: string;
    NetworkMode?: string;
    IpcMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    CgroupnsMode?: string;
    SecurityOpt?: string[] | null;
    ReadonlyRootfs?: boolean;
    Sysctls?: Record<string, string> | null;
    Runtime?: string;
    GroupAdd?: string[] | null;
    MaskedPaths?: string[] | null;
    Tmpfs?: Record<string, string> | null;
    DeviceCgroupRules?: string[] | null;
    DeviceRequests?: unknown[] | null;
    PortBindings?: Record<string, unknown> | null;
  };
}

function namespaceMode(value: string | undefined, field: string, key: 'hostPID' | 'hostNetwork' | 'hostIPC' | undefined, out: DerivedScenario): void {
  if (!value) return;
  if (value === 'host' && key) {
    out.posture[key] = true;
    out.sources.push({ key, field: `HostConfig.${field}: host` });
  } else if (value === 'host') out.notReproduced.push(`HostConfig.${field}: host not reproduced (no posture key for this namespace)`);
  else if (/^(container|service):/.test(value)) out.notReproduced.push(`HostConfig.${field}: ${value.slice(0, 80)} not reproduced (the probe cannot join another container's namespace)`);
}

function capabilities(names: string[] | null | undefined, kind: 'add' | 'drop', out: DerivedScenario): string[] {
  return (names ?? []).filter((n) => {
    const bare = n.toUpperCase().replace(/^CAP_/, '');
    const ok = bare === 'ALL' || CAPABILITY_NAMES.includes(bare);
    if (!ok) out.notReproduced.push(`HostConfig.Cap${kind === 'add' ? 'Add' : 'Drop'}: unknown capability '${n.slice(0, 40)}' left out`);
    return ok;
  });
}

/** Derives the scenario of one inspected container; `defaultRuntime` is the engine's (only another runtime is a posture). */
export function deriveFromInspect(info: InspectedContainer, defaultRuntime: string, seccompFile: SeccompValue): DerivedScenario {
  const name = (info.Name ?? info.Id ?? 'unknown').replace(/^\//, '');
  const out: DerivedScenario = { name: `container/${name}`, posture: {}, sources: [], notReproduced: [] };
  const h = info.HostConfig ?? {};
  if (h.Privileged) {
    out.posture.privileged = true;
    out.sources.push({ key: 'privileged', field: 'HostConfig.Privileged: true' });
  }
  const add = capabilities(h.CapAdd, 'add', out);
  const drop = capabilities(h.CapDrop, 'drop', out);
  if (add.length || drop.length) {
    out.posture.capabilities = { ...(add.length ? { add } : {}), ...(drop.length ? { drop } : {}) };
    out.sources.push({ key: 'capabilities', field: `HostConfig.CapAdd: [${add.join(', ')}], CapDrop: [${drop.join(', ')}]` });
  }
  const devices = (h.Devices ?? []).filter((d) => typeof d.PathOnHost === 'string' && d.PathOnHost.startsWith('/dev/'));
  for (const d of devices) if (d.PathInContainer && d.PathInContainer !== d.PathOnHost) out.notReproduced.push(`HostConfig.Devices: ${d.PathOnHost} appears at ${d.PathOnHost} in the probe, not ${d.PathInContainer.slice(0, 80)}`);
  if (devices.length) {
    out.posture.devices = devices.map((d) => d.PathOnHost!);
    out.sources.push({ key: 'devices', field: `HostConfig.Devices: ${out.posture.devices.join(', ')}` });
  }
  namespaceMode(h.PidMode, 'PidMode', 'hostPID', out);
  namespaceMode(h.NetworkMode, 'NetworkMode', 'hostNetwork', out);
  namespaceMode(h.IpcMode, 'IpcMode', 'hostIPC', out);
  namespaceMode(h.UTSMode, 'UTSMode', undefined, out);
  namespaceMode(h.CgroupnsMode, 'CgroupnsMode', undefined, out);
  if (h.UsernsMode === 'host') {
    out.posture.hostUsers = true;
    out.sources.push({ key: 'hostUsers', field: 'HostConfig.UsernsMode: host' });
  }
  deriveSecurityOpts(h.SecurityOpt ?? [], 'HostConfig.SecurityOpt', seccompFile, out);
  if (Array.isArray(h.MaskedPaths) && h.MaskedPaths.length === 0 && !h.Privileged) {
    out.posture.procMount = 'Unmasked';
    out.sources.push({ key: 'procMount', field: 'HostConfig.MaskedPaths: [] (systempaths=unconfined)' });
  }
  if (h.ReadonlyRootfs) {
    out.posture.readOnlyRootFilesystem = true;
    out.sources.push({ key: 'readOnlyRootFilesystem', field: 'HostConfig.ReadonlyRootfs: true' });
  }
  if (h.Sysctls && Object.keys(h.Sysctls).length) {
    out.posture.sysctls = { ...h.Sysctls };
    out.sources.push({ key: 'sysctls', field: `HostConfig.Sysctls: ${Object.entries(h.Sysctls).map(([k, v]) => `${k}=${v}`).join(', ')}` });
  }
  if (h.Runtime && h.Runtime !== defaultRuntime) {
    out.posture.runtime = h.Runtime;
    out.sources.push({ key: 'runtime', field: `HostConfig.Runtime: ${h.Runtime}` });
  }
  const groups = (h.GroupAdd ?? []).filter((g) => /^\d{1,10}$/.test(g)).map(Number);
  if ((h.GroupAdd ?? []).length > groups.length) out.notReproduced.push('HostConfig.GroupAdd: group names not reproduced (only numeric ids are)');
  if (groups.length) out.posture.supplementalGroups = groups;
  deriveDockerUser(info.Config?.User ?? '', 'Config.User', out);
  if (h.DeviceCgroupRules?.length) out.notReproduced.push(`HostConfig.DeviceCgroupRules: ${h.DeviceCgroupRules.join(', ').slice(0, 120)} not reproduced (no posture key; such rules let the container create and open device nodes)`);
  if (h.DeviceRequests?.length) out.notReproduced.push('HostConfig.DeviceRequests: GPU and other requested devices not reproduced');
  if (h.PortBindings && Object.keys(h.PortBindings).length) out.notReproduced.push('HostConfig.PortBindings: published ports not reproduced (the probe listens on no port)');
  const mounts: PostureMount[] = [];
  const volumes: PostureVolume[] = [];
  for (const m of info.Mounts ?? []) {
    if (!m.Destination?.startsWith('/')) continue;
    if (m.Type === 'bind' && m.Source?.startsWith('/')) {
      mounts.push({ hostPath: m.Source, path: m.Destination, ...(m.RW === false ? { readOnly: true } : {}) });
      out.sources.push({ key: 'mounts', field: `Mounts: bind ${m.Source} -> ${m.Destination}${m.RW === false ? ' (read-only)' : ''}` });
    } else if (m.Type === 'tmpfs') volumes.push({ kind: 'emptyDir', path: m.Destination, medium: 'Memory' });
    else out.notReproduced.push(`Mounts: ${m.Type ?? 'unknown'} ${(m.Name ?? '').slice(0, 20)} at ${m.Destination.slice(0, 80)} not reproduced (its data lives in the engine's volume store, not a host path the probe should see)`);
  }
  for (const path of Object.keys(h.Tmpfs ?? {})) if (path.startsWith('/')) volumes.push({ kind: 'emptyDir', path, medium: 'Memory' });
  if (mounts.length) out.posture.mounts = mounts;
  if (volumes.length) out.posture.volumes = volumes;
  return out;
}
