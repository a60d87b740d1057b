/** Which host device nodes beyond the runtime's default set are visible in /dev? */
import { defineCheck, type Evidence } from '../model.js';
import { DEFAULT_DEV_ENTRIES, MEMORY_DEVICES, hostReachingChar, isVirtualBlock, listDeviceNodes, readCharClass, type CharClass, type DeviceNode } from '../lib/devnodes.js';
import { statType } from '../lib/fs.js';
import * as s from '../lib/shape.js';
import { readMounts } from '../lib/mounts.js';
import { isSentryOwn } from '../lib/sentry.js';
import { readSandbox } from '../environment.js';

/** A device node beyond the defaults, with the sysfs class of a character device (nulls for block devices or when sysfs does not list it). */
type ExtraNode = DeviceNode & CharClass;

/** What /dev holds, or why it could not be listed (then nothing else is reported). */
type DevicesEvidence = Evidence & ({
  /** Device nodes in /dev other than the default character devices (depth 2, pts/shm/mqueue skipped). */
  extra: ExtraNode[];
  /** /sys/dev/char is listable: character devices are classified by their sysfs subsystem, else by the fixed major table alone. */
  sysfsRead: boolean;
  /** Device nodes seen in total, defaults included. */
  total: number;
  truncated: boolean;
  /** The sandbox runtime detected (environment.ts) and the file system of the topmost /dev mount. */
  sandbox?: string | null;
  devFsType?: string | null;
} | { error: string });

/** Character devices gVisor's sentry implements itself (fuse 10:229, net/tun 10:200): opened on its own /dev, they reach no host driver. */
const SENTRY_DEVICES = new Set(['10:229', '10:200']);

const LIMIT = 300;

/** `/dev/vda (block 254:0)`. */
const show = (n: DeviceNode) => `${n.path} (${n.type} ${n.major}:${n.minor}${MEMORY_DEVICES.has(`${n.major}:${n.minor}`) && n.type === 'char' ? ` ${MEMORY_DEVICES.get(`${n.major}:${n.minor}`)}` : ''})`;
const list = (nodes: DeviceNode[], max = 4) => `${nodes.slice(0, max).map(show).join(', ')}${nodes.length > max ? ` and ${nodes.length - max} more` : ''}`;

export default defineCheck<DevicesEvidence>({
  id: 'host-devices-visible',
  boundary: 'devices',
  title: 'Host devices exposed in /dev',
  rationale: 'A host block device node lets the container read (and with write access, change) the host disk directly, bypassing every mount restriction; /dev/mem, /dev/kmem and /dev/port expose host memory and I/O ports.',
  method: 'Lists /dev (two levels) with lstat and reports every device node beyond the runtime default set (null, zero, full, random, urandom, tty, console, ptmx, pts...) by type and major:minor; a block device, mem/kmem/port, or a character device that reaches host hardware directly is a break, classified by its driver class in sysfs (/sys/dev/char/MAJ:MIN/subsystem: nvme, nvme-generic, bsg, scsi_generic, mtd, msr, input, hidraw, vc, vfio, misc device-mapper/uinput/snapshot/watchdog...) with a fixed major table as fallback, and inconclusive when sysfs cannot classify an extra character device; other extra devices (fuse, kmsg, net/tun, GPUs) are reported. Inside gVisor, on the sentry\'s own tmpfs /dev, the devices the sentry implements itself (fuse 10:229, net/tun 10:200) reach no host driver.',
  remediation: 'Do not run privileged and do not pass host devices (--device, devices in the pod spec); expose only the specific character device a workload needs, through a device plugin.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1006' },
    { framework: 'cis-docker-1.6', id: '5.18' },
    { framework: 'cis-docker-1.6', id: '5.5' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged' },
    { framework: 'nist-800-190', id: '4.4.3' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
  evidence: s.union(s.object({ error: s.string({ max: 200 }) }), s.object({
    extra: s.array(s.object({
      path: s.string({ max: 4096 }),
      type: s.oneOf('block', 'char'),
      major: s.int(0, 4095),
      minor: s.int(0, 1_048_575),
      subsystem: s.nullable(s.string({ max: 100, pattern: /^[\w.:-]+$/ })),
      sysName: s.nullable(s.string({ max: 255, pattern: /^[^/]+$/ })),
    }), { max: LIMIT }),
    sysfsRead: s.boolean(),
    total: s.int(0, 100_000),
    truncated: s.boolean(),
    sandbox: s.optional(s.nullable(s.string({ max: 40 }))),
    devFsType: s.optional(s.nullable(s.string({ max: 100 }))),
  })) as s.Shape<DevicesEvidence>,
  async collect() {
    const { nodes, error } = await listDeviceNodes('/dev', 2, 5000);
    const isDefault = (n: DeviceNode) => n.type === 'char' && DEFAULT_DEV_ENTRIES.has(n.path.slice('/dev/'.length));
    const extra = nodes.filter((n) => !isDefault(n));
    const sysfsRead = (await statType('/sys/dev/char')) === 'dir';
    // sysfs is asked only where the fixed tables do not already decide (a privileged /dev holds ~60 ttys alone).
    const decided = (n: DeviceNode) => MEMORY_DEVICES.has(`${n.major}:${n.minor}`) || hostReachingChar(n.major, n.minor, null) !== null;
    const classified = await Promise.all(extra.slice(0, LIMIT).map(async (n): Promise<ExtraNode> => ({
      ...n, ...(n.type === 'char' && sysfsRead && !decided(n) ? await readCharClass(n.major, n.minor) : { subsystem: null, sysName: null }),
    })));
    if (error) return { error };
    const [mounts, sandbox] = await Promise.all([readMounts(), readSandbox()]);
    const devFsType = mounts?.filter((m) => m.mountPoint === '/dev').at(-1)?.fsType ?? null;
    return { extra: classified, sysfsRead, total: nodes.length, truncated: extra.length > LIMIT, sandbox, devFsType };
  },
  evaluate(e) {
    if ('error' in e) return { status: 'inconclusive', summary: `/dev unreadable (${e.error})` };
    if (!Array.isArray(e.extra) || typeof e.total !== 'number' || typeof e.sysfsRead !== 'boolean') return { status: 'inconclusive', summary: 'device evidence missing or malformed' };
    const nullableString = (v: unknown) => v === null || typeof v === 'string';
    const nodes = e.extra.filter((n): n is ExtraNode => Boolean(n) && typeof n.path === 'string' && (n.type === 'block' || n.type === 'char') && Number.isInteger(n.major) && Number.isInteger(n.minor)
      && nullableString(n.subsystem) && nullableString(n.sysName));
    if (nodes.length !== e.extra.length) return { status: 'inconclusive', summary: 'device evidence malformed' };
    // Real disks before loop/ram/zram devices, so the summary names what matters.
    const blocks = nodes.filter((n) => n.type === 'block').sort((a, b) => Number(isVirtualBlock(a.path.split('/').pop() ?? null, a.major)) - Number(isVirtualBlock(b.path.split('/').pop() ?? null, b.major)));
    const memory = nodes.filter((n) => n.type === 'char' && MEMORY_DEVICES.has(`${n.major}:${n.minor}`));
    // Without a readable /sys/dev/char any class in the evidence is not the kernel's: the fixed table alone decides.
    const reach = (n: ExtraNode) => (n.type === 'char' ? hostReachingChar(n.major, n.minor, e.sysfsRead ? n : null) : null);
    const reaching = nodes.filter((n) => reach(n) !== null);
    const more = e.truncated ? ' (list truncated)' : '';
    if (blocks.length > 0 || memory.length > 0 || reaching.length > 0) {
      const parts = [
        blocks.length ? `${blocks.length} host block device(s): ${list(blocks)}` : '',
        memory.length ? `memory devices: ${list(memory)}` : '',
        reaching.length ? `host-reaching devices: ${reaching.slice(0, 3).map((n) => `${n.path} (${reach(n)!.reason}; by ${reach(n)!.by === 'sysfs' ? `sysfs class ${n.subsystem}` : `major ${n.major}`})`).join(', ')}${reaching.length > 3 ? ` and ${reaching.length - 3} more` : ''}` : '',
      ];
      return { status: 'broken', summary: `${parts.filter(Boolean).join('; ')}${more}` };
    }
    // A character device sysfs does not name (or a misc device without its name) may sit on a dynamic major: never holds.
    // Inside gVisor, on the sentry's own /dev, the devices the sentry implements itself reach no host driver.
    const sentryDev = typeof e.devFsType === 'string' && isSentryOwn({ fsType: e.devFsType }, typeof e.sandbox === 'string' ? e.sandbox : null);
    const bySentry = (n: ExtraNode) => sentryDev && n.type === 'char' && SENTRY_DEVICES.has(`${n.major}:${n.minor}`);
    const unclassified = nodes.filter((n) => n.type === 'char' && !bySentry(n) && (!e.sysfsRead || n.subsystem === null || (n.subsystem === 'misc' && n.sysName === null)) && !MEMORY_DEVICES.has(`${n.major}:${n.minor}`));
    if (unclassified.length > 0) return { status: 'inconclusive', summary: `${e.sysfsRead ? 'sysfs does not name the driver class of' : '/sys/dev/char unreadable: cannot classify'} ${list(unclassified)}: whether it reaches host hardware is unknown (dynamic majors: nvme, bsg...)${more}` };
    const sentryNote = nodes.some(bySentry) ? ` (${list(nodes.filter(bySentry))} implemented by gVisor's sentry on its own ${e.devFsType} /dev)` : '';
    if (nodes.length > 0) return { status: 'holds', summary: `no host block or memory device; other extra devices: ${list(nodes, 6)}${sentryNote}${more}` };
    return { status: 'holds', summary: `only the runtime's default devices (${e.total} nodes)` };
  },
});
