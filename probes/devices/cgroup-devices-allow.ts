/** Does the device cgroup (v1) let the container use every device, or host disks? */
import { defineCheck, type Evidence } from '../model.js';
import { readDeviceCgroup, parseDevicesList, type DeviceRule } from '../lib/devcgroup.js';
import { MEMORY_DEVICES } from '../lib/devnodes.js';
import { readSelfState, readUserNamespaced } from '../lib/self.js';
import * as s from '../lib/shape.js';
import { readMounts } from '../lib/mounts.js';
import { isSentryOwn } from '../lib/sentry.js';
import { readSandbox } from '../environment.js';

interface DevCgroupEvidence extends Evidence {
  version: 1 | 2 | null;
  listPath: string | null;
  /** devices.list text (v1), or the errno that stopped reading it. */
  list: { ok: true; text: string } | { ok: false; error: string } | null;
  allowWritable: { writable: boolean; error?: string } | null;
  /** The kernel changes device rules only for CAP_SYS_ADMIN in the initial user namespace: can the probe have it? */
  sysAdmin: { effective: boolean | null; bounding: boolean | null; noNewPrivs: number | null; initialUserNamespace: boolean | null };
  /** The sandbox runtime detected (environment.ts) and the file system of the topmost /dev mount. */
  sandbox?: string | null;
  devFsType?: string | null;
}

const sandboxFields = { sandbox: s.optional(s.nullable(s.string({ max: 40 }))), devFsType: s.optional(s.nullable(s.string({ max: 100 }))) };

const sysAdmin = s.object({ effective: s.nullable(s.boolean()), bounding: s.nullable(s.boolean()), noNewPrivs: s.nullable(s.int(0, 1)), initialUserNamespace: s.nullable(s.boolean()) });
/** A field that is null in this state. */
const absent = s.nullable(s.oneOf());

/** true: CAP_SYS_ADMIN held or obtainable (bounding set, no no_new_privs); false: not; null: unknown. */
function sysAdminObtainable(c: DevCgroupEvidence['sysAdmin'] | undefined): boolean | null {
  if (!c || typeof c !== 'object' || typeof c.effective !== 'boolean' || typeof c.bounding !== 'boolean' || typeof c.initialUserNamespace !== 'boolean') return null;
  return c.initialUserNamespace && (c.effective || (c.bounding && c.noNewPrivs !== 1));
}

const show = (r: DeviceRule) => `${r.type} ${r.major}:${r.minor} ${r.access}`;

export default defineCheck<DevCgroupEvidence>({
  id: 'cgroup-devices-allow',
  boundary: 'devices',
  title: 'Device cgroup allows host devices',
  rationale: 'The device cgroup is what stops a container from opening a host disk it creates with mknod; `a *:* rwm` (privileged) or a block-device rule lets it read and write host disks, and a writable devices.allow lets it grant itself any device.',
  method: 'Reads devices.list of the probe\'s own cgroup v1 devices hierarchy (via /proc/self/cgroup) and opens devices.allow for writing without writing; a writable devices.allow counts only when CAP_SYS_ADMIN (initial user namespace) is held or obtainable, since the kernel refuses rule changes without it; on cgroup v2 the rules are an eBPF program, judged by mknod-attempt instead. Inside gVisor, with /dev on the sentry\'s own tmpfs and no device cgroup in view, not applicable: the sentry opens device nodes itself.',
  remediation: 'Do not run privileged, do not add device rules (--device-cgroup-rule, --device) for block devices, and keep the cgroup file system mounted read-only.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.18' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  // A v1 hierarchy always yields a list result and an open attempt; without one (v2, none) there is neither.
  evidence: s.union(
    s.object({
      version: s.oneOf(1),
      listPath: s.string({ max: 4096 }),
      list: s.union(s.object({ ok: s.oneOf(true), text: s.string({ max: 256 * 1024 }) }), s.object({ ok: s.oneOf(false), error: s.string({ max: 200 }) })),
      allowWritable: s.object({ writable: s.boolean(), error: s.optional(s.string({ max: 200 })) }),
      sysAdmin,
      ...sandboxFields,
    }),
    s.object({ version: s.nullable(s.oneOf(2)), listPath: absent, list: absent, allowWritable: absent, sysAdmin, ...sandboxFields }),
  ) as s.Shape<DevCgroupEvidence>,
  async collect() {
    const [cgroup, self, userNamespaced, mounts, sandbox] = await Promise.all([readDeviceCgroup(), readSelfState(), readUserNamespaced(), readMounts(), readSandbox()]);
    const devFsType = mounts?.filter((m) => m.mountPoint === '/dev').at(-1)?.fsType ?? null;
    const sysAdmin = {
      effective: self.effective?.includes('SYS_ADMIN') ?? null, bounding: self.bounding?.includes('SYS_ADMIN') ?? null,
      noNewPrivs: self.noNewPrivs, initialUserNamespace: userNamespaced === null ? null : !userNamespaced,
    };
    return { ...cgroup, sysAdmin, sandbox, devFsType };
  },
  evaluate(e) {
    if (e.version === 2) return { status: 'not-applicable', summary: 'cgroup v2: device rules are an eBPF program with no readable list; see mknod-attempt and block-device-openable' };
    if (e.version !== 1 && typeof e.devFsType === 'string' && isSentryOwn({ fsType: e.devFsType }, typeof e.sandbox === 'string' ? e.sandbox : null)) {
      return { status: 'not-applicable', summary: `inside gVisor: device nodes on the sentry's own ${e.devFsType} /dev are opened by the sentry, not the host kernel, and no device cgroup is in view; see mknod-attempt and host-devices-visible` };
    }
    if (e.version !== 1) return { status: 'inconclusive', summary: 'no devices cgroup hierarchy found in the mount table' };
    const opens = e.allowWritable && typeof e.allowWritable === 'object' && e.allowWritable.writable === true;
    const canAdmin = sysAdminObtainable(e.sysAdmin);
    const allowPath = String(e.listPath ?? '').replace(/devices\.list$/, 'devices.allow');
    if (opens && canAdmin === null) return { status: 'inconclusive', summary: `${allowPath} opens for writing; whether CAP_SYS_ADMIN (needed to change it) is obtainable could not be read` };
    const writable = opens && canAdmin === true;
    const grant = writable ? `; devices.allow is writable with CAP_SYS_ADMIN held or obtainable: the container can grant itself any device (${allowPath})` : '';
    const refused = opens && !writable ? `; ${allowPath} opens for writing, but the kernel needs CAP_SYS_ADMIN to change it, which this container cannot get` : '';
    if (!e.list || typeof e.list !== 'object' || e.list.ok !== true || typeof e.list.text !== 'string') {
      const error = e.list && typeof e.list === 'object' && e.list.ok === false ? e.list.error : 'missing';
      return { status: writable ? 'broken' : 'inconclusive', summary: `devices.list unreadable (${error})${grant}` };
    }
    const rules = parseDevicesList(e.list.text);
    if (rules.length === 0) return { status: writable ? 'broken' : 'inconclusive', summary: `devices.list is empty or unparseable${grant}` };
    const rw = (r: DeviceRule) => /[rw]/.test(r.access);
    const all = rules.filter((r) => r.type === 'a' && rw(r));
    if (all.length > 0) return { status: 'broken', summary: `device cgroup allows every device (${all.map(show).join(', ')})${grant}` };
    const block = rules.filter((r) => r.type === 'b' && rw(r));
    const memory = rules.filter((r) => r.type === 'c' && rw(r) && (r.major === 1 || r.major === '*') && (r.minor === '*' || MEMORY_DEVICES.has(`1:${r.minor}`)));
    if (block.length > 0 || memory.length > 0) {
      return { status: 'broken', summary: `device cgroup allows read/write on ${[...block, ...memory].map(show).join(', ')}${grant}` };
    }
    if (writable) return { status: 'broken', summary: grant.slice(2) };
    return { status: 'holds', summary: `device cgroup allows no block device and no memory device (${rules.length} rules; block: ${rules.filter((r) => r.type === 'b').map(show).join(', ') || 'none'})${refused}` };
  },
});
