/** Is the probe confined by an AppArmor or SELinux profile? */
import { defineCheck, type Evidence } from '../model.js';
import { readText, readTrimmed } from '../lib/fs.js';
import { readSandbox } from '../environment.js';
import * as s from '../lib/shape.js';

const labelShape = s.union(s.object({ ok: s.oneOf(true), text: s.string({ max: 4096 }) }), s.object({ ok: s.oneOf(false), error: s.string({ max: 200 }) }));

/** A label, or the errno that stopped reading it (EINVAL: no LSM provides it). */
type Label = { ok: true; text: string } | { ok: false; error: string };

interface LsmEvidence extends Evidence {
  /** /proc/self/attr/current: the label of the first major LSM (SELinux, AppArmor, Smack). */
  current: Label;
  /** /proc/self/attr/apparmor/current: AppArmor's own label on stacking kernels (5.1+). */
  apparmor: Label;
  /** /sys/module/apparmor/parameters/enabled: Y when AppArmor is on in the kernel. */
  apparmorEnabled: string | null;
  /** /sys/fs/selinux/enforce: 1 enforcing, 0 permissive (a label alone confines nothing in permissive mode). */
  selinuxEnforce: Label;
  /** /sys/module/apparmor/parameters/mode: the global mode; `complain` turns every profile into complain mode. Often EPERM. */
  apparmorMode: Label;
  sandbox: string | null;
}

/** SELinux types that confine nothing: the unconfined domain, privileged containers (spc_t), the kernel and the runtime. */
const SELINUX_UNCONFINED = new Set(['unconfined_t', 'spc_t', 'kernel_t', 'init_t', 'initrc_t', 'container_runtime_t', 'unconfined_service_t', 'docker_t']);

/** Judges one label: AppArmor `name (mode)` / `unconfined`, or SELinux `user:role:type:level`. */
export function judgeLabel(raw: string): { confined: boolean | null; what: string; lsm: 'apparmor' | 'selinux' | null } {
  const label = raw.replace(/\0/g, '').trim();
  if (!label) return { confined: null, what: 'empty label', lsm: null };
  if (label === 'unconfined') return { confined: false, what: 'AppArmor: unconfined', lsm: 'apparmor' };
  const aa = /^(.+?) \((enforce|complain|kill|unconfined|prompt|[a-z]+)\)$/.exec(label);
  if (aa) {
    const confined = aa[2] === 'enforce' || aa[2] === 'kill' ? true : aa[2] === 'complain' || aa[2] === 'unconfined' ? false : null;
    return { confined, what: `AppArmor profile ${aa[1]} (${aa[2]})`, lsm: 'apparmor' };
  }
  const parts = label.split(':');
  if (parts.length >= 3) {
    const type = parts[2];
    if (SELINUX_UNCONFINED.has(type)) return { confined: false, what: `SELinux: ${label} (unconfined type)`, lsm: 'selinux' };
    if (/^(container|svirt)_/.test(type)) return { confined: true, what: `SELinux: ${label}`, lsm: 'selinux' };
    return { confined: null, what: `SELinux: ${label} (type ${type} not known to confine containers)`, lsm: 'selinux' };
  }
  return { confined: null, what: `unrecognised label "${label.slice(0, 80)}"`, lsm: null };
}

/** A confining label confines only while its LSM enforces: SELinux in enforcing mode, AppArmor not forced into complain mode. */
function enforcement(lsm: 'apparmor' | 'selinux' | null, selinuxEnforce: Label | null, apparmorMode: Label | null): { enforcing: boolean | null; what: string } {
  if (lsm === 'selinux') {
    if (!selinuxEnforce) return { enforcing: null, what: 'SELinux enforcing mode not recorded' };
    if (!selinuxEnforce.ok) return { enforcing: null, what: `SELinux enforcing mode unknown (/sys/fs/selinux/enforce: ${selinuxEnforce.error})` };
    const v = selinuxEnforce.text.trim();
    return v === '1' ? { enforcing: true, what: 'enforcing' } : v === '0' ? { enforcing: false, what: 'SELinux is permissive (/sys/fs/selinux/enforce: 0): denials are only logged' } : { enforcing: null, what: `unexpected /sys/fs/selinux/enforce "${v.slice(0, 20)}"` };
  }
  if (lsm === 'apparmor') {
    // The profile's own mode is in its label; the global parameter can only weaken it, and is usually unreadable (EPERM) in a container.
    if (apparmorMode?.ok && apparmorMode.text.trim() === 'complain') return { enforcing: false, what: 'AppArmor global mode is complain (/sys/module/apparmor/parameters/mode): denials are only logged' };
    if (apparmorMode && !apparmorMode.ok) return { enforcing: true, what: `enforce (global mode unreadable: ${apparmorMode.error})` };
    return apparmorMode ? { enforcing: true, what: `enforce (global mode ${apparmorMode.text.trim().slice(0, 20)})` } : { enforcing: null, what: 'AppArmor global mode not recorded' };
  }
  return { enforcing: null, what: 'no LSM named' };
}

export default defineCheck<LsmEvidence>({
  id: 'lsm-confinement',
  boundary: 'lsm',
  title: 'No AppArmor or SELinux confinement',
  rationale: 'An AppArmor or SELinux profile is the second wall behind capabilities: it denies mount, writes to /proc and /sys, and access to host files even after a first escape step. Without it, any such step goes unchecked.',
  method: 'Reads the probe\'s own label from /proc/self/attr/apparmor/current and /proc/self/attr/current; EINVAL (no LSM provides a label), "unconfined", complain mode or an unconfined SELinux type mean no confinement. A confining label counts only while its LSM enforces: SELinux needs /sys/fs/selinux/enforce = 1 (unreadable is inconclusive; permissive domains are not visible from inside), AppArmor a profile in (enforce) mode and no global complain mode.',
  remediation: 'Run with the runtime-default AppArmor profile (docker-default, cri-containerd.apparmor.d) or an SELinux container type (container_t); never apparmor=unconfined, never --privileged; enable AppArmor or SELinux on the host kernel.',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.2' },
    { framework: 'cis-docker-1.6', id: '5.3' },
    { framework: 'pod-security-standards', id: 'baseline/AppArmor' },
    { framework: 'pod-security-standards', id: 'baseline/SELinux' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  evidence: s.object({
    current: labelShape,
    apparmor: labelShape,
    apparmorEnabled: s.nullable(s.string({ max: 20 })),
    selinuxEnforce: labelShape,
    apparmorMode: labelShape,
    sandbox: s.nullable(s.string({ max: 40 })),
  }),
  async collect() {
    const [current, apparmor, apparmorEnabled, selinuxEnforce, apparmorMode, sandbox] = await Promise.all([
      readText('/proc/self/attr/current', 4096),
      readText('/proc/self/attr/apparmor/current', 4096),
      readTrimmed('/sys/module/apparmor/parameters/enabled'),
      readText('/sys/fs/selinux/enforce', 64),
      readText('/sys/module/apparmor/parameters/mode', 64),
      readSandbox(),
    ]);
    return { current, apparmor, apparmorEnabled, selinuxEnforce, apparmorMode, sandbox };
  },
  evaluate(e) {
    const label = (l: unknown): Label | null => {
      if (!l || typeof l !== 'object') return null;
      const v = l as Record<string, unknown>;
      if (v.ok === true && typeof v.text === 'string') return { ok: true, text: v.text };
      if (v.ok === false && typeof v.error === 'string') return { ok: false, error: v.error };
      return null;
    };
    const aa = label(e.apparmor);
    const cur = label(e.current);
    const sandbox = typeof e.sandbox === 'string' && e.sandbox ? e.sandbox : null;
    const notConfined = (summary: string) => (sandbox
      ? { status: 'inconclusive' as const, summary: `${summary}, but inside a ${sandbox} sandbox the host's LSM confines the sandbox, not this view` }
      : { status: 'broken' as const, summary });
    if (!aa && !cur) return { status: 'inconclusive', summary: 'LSM label evidence missing or malformed' };
    // Judge every label present: one confining LSM is enough (stacked LSMs each enforce).
    const judged = [aa, cur].flatMap((l) => (l?.ok && l.text.replace(/\0/g, '').trim() ? [judgeLabel(l.text)] : []));
    const yes = judged.filter((j) => j.confined === true);
    const modes = yes.map((j) => ({ j, mode: enforcement(j.lsm, label(e.selinuxEnforce), label(e.apparmorMode)) }));
    const enforced = modes.find((m) => m.mode.enforcing === true);
    if (enforced) return { status: 'holds', summary: `confined: ${enforced.j.what}, ${enforced.mode.what}` };
    const unknown = modes.find((m) => m.mode.enforcing === null);
    if (unknown) return { status: 'inconclusive', summary: `label ${unknown.j.what} confines only in enforcing mode: ${unknown.mode.what}` };
    if (modes.length > 0) return notConfined(`not confined: ${modes[0].j.what}, but ${modes[0].mode.what}`);
    const no = judged.find((j) => j.confined === false);
    if (no) return notConfined(`not confined: ${no.what}`);
    if (judged.length > 0) return { status: 'inconclusive', summary: judged[0].what };
    if (cur && !cur.ok && cur.error === 'EINVAL' && (!aa || aa.ok || aa.error === 'ENOENT' || aa.error === 'EINVAL')) {
      const enabled = e.apparmorEnabled === 'Y' ? ' (AppArmor module present but no label)' : '';
      return notConfined(`not confined: no LSM provides a label (/proc/self/attr/current: EINVAL)${enabled}`);
    }
    return { status: 'inconclusive', summary: `LSM label unreadable (/proc/self/attr/current: ${cur && !cur.ok ? cur.error : 'empty'})` };
  },
});
