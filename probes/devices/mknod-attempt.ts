/** Can the probe create a host disk's device node and open it (device cgroup check)? */
import { defineCheck, type Evidence } from '../model.js';
import { hostBlockDevices, listDeviceNodes, pickHostDisk } from '../lib/devnodes.js';
import { cgroupRules, classifyOpen, readDeviceCgroup, rulesAllow } from '../lib/devcgroup.js';
import * as s from '../lib/shape.js';
import { mknodInPrivateNamespace, mknodOnTmpfs, pickOwnTmpfs, type MknodAttempt } from '../lib/mknod.js';
import { readMounts } from '../lib/mounts.js';
import { readSelfState } from '../lib/self.js';
import { statType } from '../lib/fs.js';
import { readSandbox } from '../environment.js';
import { isSentryOwn } from '../lib/sentry.js';

interface MknodEvidence extends Evidence {
  /** own-tmpfs: the runtime's own /dev tmpfs; private-namespace: a throwaway tmpfs in unshare -m. */
  method: 'own-tmpfs' | 'private-namespace' | null;
  dir: string | null;
  /** Where the host disk's major:minor came from (mountinfo, /sys/dev/block, default). */
  targetFrom: string | null;
  attempts: MknodAttempt[];
  devicesList: string | null;
  /** 1 or 2 when a device cgroup hierarchy was found, null when none. */
  cgroupVersion: 1 | 2 | null;
  /** CAP_MKNOD of the probe: whether any process in the container could create a device node. */
  mknodCapability: { effective: boolean | null; bounding: boolean | null; noNewPrivs: number | null };
  skipped?: string;
  /** The sandbox runtime detected (environment.ts) and the file system type the nodes were made on. */
  sandbox?: string | null;
  dirFsType?: string | null;
}

export default defineCheck<MknodEvidence>({
  id: 'mknod-attempt',
  boundary: 'devices',
  title: 'Host disk reachable through mknod',
  rationale: 'With CAP_MKNOD and a permissive device cgroup a container creates /dev/sda itself and reads or mounts the host disk, even when no device was passed in (the classic privileged-container escape).',
  method: 'Creates block device nodes for the host disk (major:minor from mountinfo or /sys/dev/block) and for loop0 on the runtime\'s own /dev tmpfs (never /tmp or another path that may be bound from the host; otherwise on a fresh tmpfs in a private mount namespace, with CAP_SYS_ADMIN), opens them O_RDONLY without reading, and deletes them; broken when an open passes the device cgroup. Inside gVisor the nodes go on the sentry\'s own tmpfs /dev; an open that the sentry answers ENXIO or ENODEV (it has no block driver) holds, an open that succeeds stays broken.',
  remediation: 'Drop CAP_MKNOD (capabilities drop ALL), do not run privileged, and keep the runtime\'s default device cgroup (no b *:* rwm rules).',
  severity: 'critical',
  safety: 'active',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1006' },
    { framework: 'cis-docker-1.6', id: '5.18' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
  evidence: s.object({
    method: s.nullable(s.oneOf('own-tmpfs', 'private-namespace')),
    dir: s.nullable(s.string({ max: 4096 })),
    targetFrom: s.nullable(s.string({ max: 40 })),
    attempts: s.array(s.object({
      major: s.int(0, 4095),
      minor: s.int(0, 1_048_575),
      name: s.nullable(s.string({ max: 100 })),
      mknodError: s.nullable(s.string({ max: 200 })),
      openError: s.optional(s.nullable(s.string({ max: 200 }))),
      removed: s.boolean(),
      step: s.optional(s.string({ max: 40 })),
    }), { max: 4 }),
    devicesList: s.nullable(s.string({ max: 256 * 1024 })),
    cgroupVersion: s.nullable(s.oneOf(1, 2)),
    mknodCapability: s.object({ effective: s.nullable(s.boolean()), bounding: s.nullable(s.boolean()), noNewPrivs: s.nullable(s.int(0, 1)) }),
    skipped: s.optional(s.string({ max: 400 })),
    sandbox: s.optional(s.nullable(s.string({ max: 40 }))),
    dirFsType: s.optional(s.nullable(s.string({ max: 100 }))),
  }),
  async collect() {
    const mounts = (await readMounts()) ?? [];
    const disk = pickHostDisk(mounts.map((m) => m.device).filter((d) => !d.startsWith('0:')), await hostBlockDevices());
    // A loop device is a second witness: some kernels refuse the root disk to everyone.
    const targets = [disk, ...(disk.major === 7 ? [] : [{ major: 7, minor: 0, name: 'loop0' }])].map(({ major, minor, name }) => ({ major, minor, name }));
    const [cg, self, sandbox] = await Promise.all([readDeviceCgroup(), readSelfState(), readSandbox()]);
    const mknodCapability = { effective: self.effective?.includes('MKNOD') ?? null, bounding: self.bounding?.includes('MKNOD') ?? null, noNewPrivs: self.noNewPrivs };
    const base = { targetFrom: disk.from, devicesList: cg.list?.ok ? cg.list.text : null, cgroupVersion: cg.version, mknodCapability, sandbox };
    const devBlocks = (await listDeviceNodes('/dev', 2, 2000)).nodes.some((n) => n.type === 'block');
    const tmpfs = pickOwnTmpfs(mounts, devBlocks, sandbox);
    if (tmpfs) {
      const attempts: MknodAttempt[] = [];
      for (const t of targets) attempts.push(await mknodOnTmpfs(tmpfs, t));
      const dirFsType = mounts.filter((m) => m.mountPoint === tmpfs).at(-1)?.fsType ?? null;
      return { method: 'own-tmpfs', dir: tmpfs, attempts, ...base, dirFsType };
    }
    // A fresh tmpfs mounted over a directory in a private mount namespace: the directory itself is never written.
    let dir: string | null = null;
    for (const d of ['/mnt', '/tmp', '/run']) if (!dir && (await statType(d)) === 'dir') dir = d;
    if (!self.effective?.includes('SYS_ADMIN') || !dir) {
      const why = devBlocks ? '/dev already holds block devices' : '/dev is not clearly the runtime\'s own tmpfs (it may be shared with the host)';
      return { method: null, dir: null, attempts: [], ...base, skipped: `${why}, and no CAP_SYS_ADMIN for a private mount namespace` };
    }
    const attempts: MknodAttempt[] = [];
    for (const t of targets) attempts.push(await mknodInPrivateNamespace(dir, t));
    return { method: 'private-namespace', dir, attempts, ...base, dirFsType: 'tmpfs' };
  },
  evaluate(e) {
    if (typeof e.skipped === 'string') return { status: 'inconclusive', summary: `mknod attempt skipped: ${e.skipped}` };
    if (!Array.isArray(e.attempts) || e.attempts.length === 0) return { status: 'inconclusive', summary: 'no mknod attempt recorded' };
    const rules = cgroupRules(e.cgroupVersion, e.devicesList);
    const name = (a: MknodAttempt) => `${a.name ?? 'device'} ${a.major}:${a.minor}`;
    const leftover = e.attempts.some((a) => a.removed === false) ? ' (WARNING: a node could not be removed)' : '';
    const outcomes = e.attempts.map((a) => {
      if (typeof a.mknodError === 'string') return { a, outcome: a.mknodError === 'EPERM' ? 'mknod-refused' : 'unexplained', why: `mknod ${a.mknodError}` };
      if (a.openError !== null && typeof a.openError !== 'string') return { a, outcome: 'unexplained', why: 'open not attempted' };
      return { a, outcome: classifyOpen(a.openError, a.major, a.minor, rules), why: a.openError === null ? 'opened' : `open ${a.openError}` };
    });
    // gVisor: a node on the sentry's own tmpfs opens in the sentry, which has no block driver (ENXIO, ENODEV); the host kernel never sees it.
    const sentry = typeof e.dirFsType === 'string' && isSentryOwn({ fsType: e.dirFsType }, typeof e.sandbox === 'string' ? e.sandbox : null);
    const bySentry = (o: { a: MknodAttempt; outcome: string }) => sentry && o.outcome === 'passed-cgroup' && (o.a.openError === 'ENXIO' || o.a.openError === 'ENODEV');
    const through = outcomes.filter((o) => (o.outcome === 'opened' || o.outcome === 'passed-cgroup') && !bySentry(o));
    if (through.length > 0) return { status: 'broken', summary: `created and opened host block device node(s): ${through.map((o) => `${name(o.a)} (${o.why})`).join(', ')}${leftover}` };
    if (sentry && outcomes.some(bySentry) && outcomes.every((o) => bySentry(o) || o.outcome === 'mknod-refused' || o.outcome === 'refused-by-cgroup')) {
      return { status: 'holds', summary: `inside gVisor: the nodes live on the sentry's own ${e.dirFsType} and opening them reached no host device (${outcomes.map((o) => `${name(o.a)} ${o.why}`).join(', ')})${leftover}` };
    }
    if (outcomes.every((o) => o.outcome === 'mknod-refused' || o.outcome === 'refused-by-cgroup')) {
      return { status: 'holds', summary: `refused: ${outcomes.map((o) => `${name(o.a)} ${o.why}`).join(', ')}${leftover}` };
    }
    // Refused for another reason (file mode of /dev for a non-root uid): decisive only if CAP_MKNOD is out of reach.
    const cap = e.mknodCapability && typeof e.mknodCapability === 'object' ? e.mknodCapability : null;
    if (cap && cap.effective === false && (cap.bounding === false || cap.noNewPrivs === 1)) {
      return { status: 'holds', summary: `CAP_MKNOD is out of reach (${cap.bounding === false ? 'not in the bounding set' : 'not effective, no_new_privs on'}): no process here can create a device node${leftover}` };
    }
    if (Array.isArray(rules) && e.attempts.every((a) => !rulesAllow(rules, 'b', a.major, a.minor, 'r'))) {
      return { status: 'holds', summary: `mknod refused to this uid (${outcomes.map((o) => o.why).join(', ')}), and the device cgroup grants no read on ${e.attempts.map(name).join(', ')}${leftover}` };
    }
    return { status: 'inconclusive', summary: `refused for a reason other than the device cgroup: ${outcomes.filter((o) => o.outcome === 'unexplained').map((o) => `${name(o.a)} ${o.why}`).join(', ')}${leftover}` };
  },
});
