/** Pod spec security fields (pod- and container-level securityContext, host namespaces, annotations) -> posture keys. */
import { CAPABILITY_NAMES } from '../../probes/lib/caps.js';
import { PROC_MOUNTS, type AppArmorSetting, type Posture, type ProcMount, type SeccompSetting } from '../posture/types.js';
import type { DerivedScenario, FieldProblems } from './types.js';
import { boolAt, idAt, listAt, objectAt, stringAt } from './values.js';

/** uid the probe runs as when a workload promises non-root without naming a uid (the probe image's own user). */
export const PROBE_NON_ROOT_UID = 65534;

type Path = Array<string | number>;

/** What the derivation reads: the pod spec and one container, each with its path for messages. */
export interface PodContext {
  spec: Record<string, unknown>;
  specPath: Path;
  container: Record<string, unknown>;
  containerPath: Path;
  annotations: Record<string, unknown>;
  p: FieldProblems;
}

const show = (path: Path) => path.map((x, i) => (typeof x === 'number' ? `[${x}]` : i === 0 ? x : `.${x}`)).join('');

function profileSetting(v: unknown, path: Path, c: PodContext, out: DerivedScenario): SeccompSetting | undefined {
  const o = objectAt(v, path, c.p);
  if (!o) return undefined;
  const type = stringAt(o.type, [...path, 'type'], c.p);
  if (type === 'RuntimeDefault') return 'runtime-default';
  if (type === 'Unconfined') return 'unconfined';
  const profile = stringAt(o.localhostProfile, [...path, 'localhostProfile'], c.p);
  if (type === 'Localhost' && profile) return { localhostProfile: profile };
  out.notReproduced.push(`${show(path)}: type '${type}' not understood, the probe keeps the runtime's default`);
  return undefined;
}

/** The legacy AppArmor annotation (`container.apparmor.security.beta.kubernetes.io/NAME`), still honoured by kubelets. */
function apparmorAnnotation(c: PodContext, name: string): AppArmorSetting | undefined {
  const value = c.annotations[`container.apparmor.security.beta.kubernetes.io/${name}`];
  if (value === 'runtime/default') return 'runtime-default';
  if (value === 'unconfined') return 'unconfined';
  if (typeof value === 'string' && value.startsWith('localhost/')) return { localhostProfile: value.slice('localhost/'.length) };
  return undefined;
}

/** The container's field if set, else the pod's: returns value and where it came from. */
function either(c: PodContext, key: string): { value: unknown; path: Path } | undefined {
  const csc = objectAt(c.container.securityContext, [...c.containerPath, 'securityContext'], c.p);
  if (csc?.[key] !== undefined) return { value: csc[key], path: [...c.containerPath, 'securityContext', key] };
  const psc = objectAt(c.spec.securityContext, [...c.specPath, 'securityContext'], c.p);
  if (psc?.[key] !== undefined) return { value: psc[key], path: [...c.specPath, 'securityContext', key] };
  return undefined;
}

function set<K extends keyof Posture>(out: DerivedScenario, key: K, value: Posture[K] | undefined, path: Path, shown: string): void {
  if (value === undefined) return;
  out.posture[key] = value;
  out.sources.push({ key, field: `${show(path)}: ${shown}` });
}

function deriveUser(c: PodContext, out: DerivedScenario): void {
  const uid = either(c, 'runAsUser');
  const gid = either(c, 'runAsGroup');
  const nonRoot = either(c, 'runAsNonRoot');
  const u = uid ? idAt(uid.value, uid.path, c.p) : undefined;
  const g = gid ? idAt(gid.value, gid.path, c.p) : undefined;
  const nr = nonRoot ? boolAt(nonRoot.value, nonRoot.path, c.p) : undefined;
  let effective = u;
  if (effective === undefined) {
    effective = nr ? PROBE_NON_ROOT_UID : 0;
    out.notReproduced.push(nr
      ? `runAsUser: unset; the image's own non-root user is unknown, the probe runs as uid ${PROBE_NON_ROOT_UID} (runAsNonRoot: true)`
      : "runAsUser: unset and runAsNonRoot not true; the workload's image decides its user, the probe assumes the worst case, root (uid 0)");
  }
  out.posture.user = g === undefined ? effective : `${effective}:${g}`;
  if (uid) out.sources.push({ key: 'user', field: `${show(uid.path)}: ${u}` });
  if (gid) out.sources.push({ key: 'user', field: `${show(gid.path)}: ${g}` });
  if (!uid) out.sources.push({ key: 'user', field: `runAsUser unset (probe uid ${effective})` });
}

/** Fills the posture's security keys from the pod spec and the container. */
export function deriveSecurity(c: PodContext, out: DerivedScenario): void {
  const { spec, specPath: sp, p } = c;
  for (const key of ['hostPID', 'hostNetwork', 'hostIPC', 'hostUsers', 'shareProcessNamespace'] as const) set(out, key, boolAt(spec[key], [...sp, key], p), [...sp, key], String(spec[key]));
  const runtime = stringAt(spec.runtimeClassName, [...sp, 'runtimeClassName'], p);
  set(out, 'runtime', runtime, [...sp, 'runtimeClassName'], String(runtime));
  const automount = boolAt(spec.automountServiceAccountToken, [...sp, 'automountServiceAccountToken'], p);
  set(out, 'automountServiceAccountToken', automount, [...sp, 'automountServiceAccountToken'], String(automount));
  const psc = objectAt(spec.securityContext, [...sp, 'securityContext'], p) ?? {};
  const sysctls = listAt(psc.sysctls, [...sp, 'securityContext', 'sysctls'], p).map((s, i) => objectAt(s, [...sp, 'securityContext', 'sysctls', i], p) ?? {});
  if (sysctls.length) set(out, 'sysctls', Object.fromEntries(sysctls.map((s) => [String(s.name), String(s.value)])), [...sp, 'securityContext', 'sysctls'], sysctls.map((s) => `${s.name}=${s.value}`).join(', '));
  const groups = listAt(psc.supplementalGroups, [...sp, 'securityContext', 'supplementalGroups'], p).map((g, i) => idAt(g, [...sp, 'securityContext', 'supplementalGroups', i], p)).filter((g): g is number => g !== undefined);
  if (groups.length) set(out, 'supplementalGroups', groups, [...sp, 'securityContext', 'supplementalGroups'], groups.join(', '));
  set(out, 'fsGroup', idAt(psc.fsGroup, [...sp, 'securityContext', 'fsGroup'], p), [...sp, 'securityContext', 'fsGroup'], String(psc.fsGroup));
  deriveUser(c, out);
  const cp = [...c.containerPath, 'securityContext'];
  const csc = objectAt(c.container.securityContext, cp, p) ?? {};
  set(out, 'privileged', boolAt(csc.privileged, [...cp, 'privileged'], p), [...cp, 'privileged'], String(csc.privileged));
  const ape = boolAt(csc.allowPrivilegeEscalation, [...cp, 'allowPrivilegeEscalation'], p);
  set(out, 'noNewPrivileges', ape === undefined ? undefined : !ape, [...cp, 'allowPrivilegeEscalation'], String(ape));
  set(out, 'readOnlyRootFilesystem', boolAt(csc.readOnlyRootFilesystem, [...cp, 'readOnlyRootFilesystem'], p), [...cp, 'readOnlyRootFilesystem'], String(csc.readOnlyRootFilesystem));
  const procMount = stringAt(csc.procMount, [...cp, 'procMount'], p);
  if (procMount !== undefined && !(PROC_MOUNTS as readonly string[]).includes(procMount)) p.add([...cp, 'procMount'], `${show([...cp, 'procMount'])} must be Default or Unmasked`);
  else set(out, 'procMount', procMount as ProcMount | undefined, [...cp, 'procMount'], String(procMount));
  deriveCapabilities(c, csc, cp, out);
  const seccomp = either(c, 'seccompProfile');
  if (seccomp) set(out, 'seccomp', profileSetting(seccomp.value, seccomp.path, c, out), seccomp.path, JSON.stringify(seccomp.value));
  const apparmor = either(c, 'appArmorProfile');
  const name = String(c.container.name);
  if (apparmor) set(out, 'apparmor', profileSetting(apparmor.value, apparmor.path, c, out), apparmor.path, JSON.stringify(apparmor.value));
  else set(out, 'apparmor', apparmorAnnotation(c, name), ['metadata', 'annotations', `container.apparmor.security.beta.kubernetes.io/${name}`], String(c.annotations[`container.apparmor.security.beta.kubernetes.io/${name}`]));
  const selinux = either(c, 'seLinuxOptions');
  const se = selinux ? objectAt(selinux.value, selinux.path, p) : undefined;
  if (se && selinux) set(out, 'selinux', Object.fromEntries(['user', 'role', 'type', 'level'].filter((k) => typeof se[k] === 'string' && se[k] !== '').map((k) => [k, se[k] as string])), selinux.path, JSON.stringify(se));
}

function deriveCapabilities(c: PodContext, csc: Record<string, unknown>, cp: Path, out: DerivedScenario): void {
  const caps = objectAt(csc.capabilities, [...cp, 'capabilities'], c.p);
  if (!caps) return;
  const result: { add?: string[]; drop?: string[] } = {};
  for (const k of ['add', 'drop'] as const) {
    const names = listAt(caps[k], [...cp, 'capabilities', k], c.p).map((n, i) => stringAt(n, [...cp, 'capabilities', k, i], c.p)).filter((n): n is string => n !== undefined);
    const known = names.filter((n) => {
      const bare = n.trim().toUpperCase().replace(/^CAP_/, '');
      const ok = bare === 'ALL' || CAPABILITY_NAMES.includes(bare);
      if (!ok) out.notReproduced.push(`${show([...cp, 'capabilities', k])}: unknown capability '${n.slice(0, 40)}' left out`);
      return ok;
    });
    if (known.length) result[k] = known;
  }
  if (result.add || result.drop) set(out, 'capabilities', result, [...cp, 'capabilities'], JSON.stringify(result));
}
