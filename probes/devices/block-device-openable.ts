/** Can the probe open a host block device node that is present? */
import { defineCheck, type Evidence } from '../model.js';
import { isVirtualBlock, listDeviceNodes } from '../lib/devnodes.js';
import { openableForRead } from '../lib/fs.js';
import { cgroupRules, classifyOpen, readDeviceCgroup } from '../lib/devcgroup.js';
import * as s from '../lib/shape.js';
import { readMounts } from '../lib/mounts.js';

interface OpenAttempt {
  path: string;
  major: number;
  minor: number;
  /** null = opened (and closed at once, nothing read). */
  error: string | null;
}

interface OpenableEvidence extends Evidence {
  /** Block device nodes found in /dev and in any devtmpfs mount. */
  blockNodes: number;
  attempts: OpenAttempt[];
  /** devices.list text when a v1 device cgroup is readable, to tell its EPERM from other layers'. */
  devicesList: string | null;
  /** 1 or 2 when a device cgroup hierarchy was found, null when none. */
  cgroupVersion: 1 | 2 | null;
}

export default defineCheck<OpenableEvidence>({
  id: 'block-device-openable',
  boundary: 'devices',
  title: 'Host block device can be opened',
  rationale: 'An openable host disk node gives raw access to the host file system: debugfs or a mount reads /etc/shadow and kubelet keys, and write access edits the host disk.',
  method: 'Opens up to four block device nodes found in /dev or a devtmpfs mount with O_RDONLY|O_NONBLOCK and closes them at once, reading nothing; broken when one opens or passes the device cgroup.',
  remediation: 'Do not run privileged and do not pass block devices to containers; keep the runtime\'s default device cgroup.',
  severity: 'critical',
  safety: 'active',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1006' },
    { framework: 'cis-docker-1.6', id: '5.18' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
  evidence: s.object({
    blockNodes: s.int(0, 100_000),
    attempts: s.array(s.object({ path: s.string({ max: 4096 }), major: s.int(0, 4095), minor: s.int(0, 1_048_575), error: s.nullable(s.string({ max: 200 })) }), { max: 4 }),
    devicesList: s.nullable(s.string({ max: 256 * 1024 })),
    cgroupVersion: s.nullable(s.oneOf(1, 2)),
  }),
  async collect() {
    const devtmpfs = ((await readMounts()) ?? []).filter((m) => m.fsType === 'devtmpfs').map((m) => m.mountPoint);
    const found = await Promise.all(['/dev', ...devtmpfs].map((d) => listDeviceNodes(d, d === '/dev' ? 2 : 1)));
    const blocks = found.flatMap((f) => f.nodes).filter((n) => n.type === 'block');
    // Real disks first, then one virtual device (loop, zram) as a second witness.
    const real = blocks.filter((n) => !isVirtualBlock(n.path.split('/').pop() ?? null, n.major));
    const virtual = blocks.filter((n) => isVirtualBlock(n.path.split('/').pop() ?? null, n.major));
    const attempts: OpenAttempt[] = [];
    for (const n of [...real.slice(0, 3), ...virtual.slice(0, 1)]) {
      const r = await openableForRead(n.path);
      attempts.push({ path: n.path, major: n.major, minor: n.minor, error: r.readable ? null : (r.error ?? 'unknown') });
    }
    const cg = await readDeviceCgroup();
    return { blockNodes: blocks.length, attempts, devicesList: cg.list?.ok ? cg.list.text : null, cgroupVersion: cg.version };
  },
  evaluate(e) {
    if (typeof e.blockNodes !== 'number' || !Array.isArray(e.attempts)) return { status: 'inconclusive', summary: 'evidence missing or malformed' };
    if (e.blockNodes === 0) return { status: 'not-applicable', summary: 'no block device node present to open (see mknod-attempt)' };
    const rules = cgroupRules(e.cgroupVersion, e.devicesList);
    const judged = e.attempts.map((a) => ({ a, outcome: classifyOpen(a.error, a.major, a.minor, rules) }));
    const name = (a: OpenAttempt) => `${a.path} (${a.major}:${a.minor})`;
    const opened = judged.filter((j) => j.outcome === 'opened');
    if (opened.length > 0) return { status: 'broken', summary: `host block device opened read-only: ${opened.map((j) => name(j.a)).join(', ')}` };
    const passed = judged.filter((j) => j.outcome === 'passed-cgroup');
    if (passed.length > 0) return { status: 'broken', summary: `device cgroup let open through: ${passed.map((j) => `${name(j.a)} ${j.a.error}`).join(', ')}` };
    if (judged.length > 0 && judged.every((j) => j.outcome === 'refused-by-cgroup')) {
      return { status: 'holds', summary: `open refused (EPERM) for ${judged.map((j) => name(j.a)).join(', ')}` };
    }
    const odd = judged.filter((j) => j.outcome === 'unexplained');
    return { status: 'inconclusive', summary: `open refused for a reason other than the device cgroup: ${odd.map((j) => `${name(j.a)} ${j.a.error}`).join(', ') || 'no attempt made'}` };
  },
});
