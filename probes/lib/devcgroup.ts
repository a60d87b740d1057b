/**
 * The device cgroup: the v1 allow list of the probe's own cgroup (devices.list), and how to
 * tell whether a refused open was the device cgroup's doing.
 */
import { openableForWrite, readText, type ReadResult } from './fs.js';
import { readMounts } from './mounts.js';

/** One rule of devices.list: `b 8:* rwm`. */
export interface DeviceRule {
  type: 'a' | 'b' | 'c';
  major: number | '*';
  minor: number | '*';
  access: string;
}

/** The probe's device cgroup as seen from inside. */
export interface DeviceCgroup {
  /** 1 when a v1 devices hierarchy is mounted, 2 on a unified (v2-only) hierarchy, null when unknown. */
  version: 1 | 2 | null;
  /** devices.list of the probe's own cgroup (v1). */
  listPath: string | null;
  list: ReadResult | null;
  /** devices.allow opened O_WRONLY (closed at once, never written): writable means the container can grant itself devices. */
  allowWritable: { writable: boolean; error?: string } | null;
}

/** Parses devices.list; malformed lines are dropped. */
export function parseDevicesList(text: string): DeviceRule[] {
  const rules: DeviceRule[] = [];
  for (const line of text.split('\n')) {
    const m = /^([abc]) (\*|\d+):(\*|\d+) ([rwm]+)$/.exec(line.trim());
    if (!m) continue;
    const num = (v: string) => (v === '*' ? '*' : Number(v));
    rules.push({ type: m[1] as DeviceRule['type'], major: num(m[2]), minor: num(m[3]), access: m[4] });
  }
  return rules;
}

/** Whether the v1 rules grant `access` (r, w or m) on a device. */
export function rulesAllow(rules: readonly DeviceRule[], type: 'b' | 'c', major: number, minor: number, access: string): boolean {
  return rules.some((r) => (r.type === 'a' || r.type === type) && (r.major === '*' || r.major === major)
    && (r.minor === '*' || r.minor === minor) && r.access.includes(access));
}

/** The probe's own v1 devices.list (mount root mapped onto /proc/self/cgroup), or v2; read once per agent run (three checks ask). */
export function readDeviceCgroup(): Promise<DeviceCgroup> {
  cachedCgroup ??= readDeviceCgroupNow();
  return cachedCgroup;
}

let cachedCgroup: Promise<DeviceCgroup> | undefined;

async function readDeviceCgroupNow(): Promise<DeviceCgroup> {
  const mounts = (await readMounts()) ?? [];
  const mount = mounts.filter((m) => m.fsType === 'cgroup' && m.superOptions.includes('devices')).at(-1);
  if (!mount) {
    const unified = mounts.some((m) => m.fsType === 'cgroup2');
    return { version: unified ? 2 : null, listPath: null, list: null, allowWritable: null };
  }
  const self = await readText('/proc/self/cgroup');
  const path = self.ok ? /^\d+:(?:[^:]*,)?devices(?:,[^:]*)?:(.*)$/m.exec(self.text)?.[1] : undefined;
  // The mount shows the hierarchy from mount.root; our cgroup lies below it (or is it).
  const rel = path !== undefined && (path === mount.root || path.startsWith(`${mount.root.replace(/\/$/, '')}/`)) ? path.slice(mount.root.replace(/\/$/, '').length) : '';
  const dir = `${mount.mountPoint.replace(/\/$/, '')}${rel}`;
  const [list, allowWritable] = await Promise.all([readText(`${dir}/devices.list`), openableForWrite(`${dir}/devices.allow`)]);
  return { version: 1, listPath: `${dir}/devices.list`, list, allowWritable };
}

/** How one open attempt on a block device ended, as the devices checks judge it. */
export type OpenOutcome = 'opened' | 'passed-cgroup' | 'refused-by-cgroup' | 'unexplained';

/**
 * Classifies an open(2) result on a block device. The device cgroup answers EPERM before the
 * kernel looks the device up, so ENXIO/ENODEV/ENOMEDIUM mean the cgroup let the open through.
 * EPERM counts as the cgroup's refusal only when the readable v1 rules grant no read, or on
 * cgroup v2 (no list to read); with the v1 list unknown it explains nothing (other layers answer
 * EPERM too). EACCES (file mode, LSM, nodev) says nothing about the cgroup.
 */
export function classifyOpen(error: string | null, major: number, minor: number, rules: readonly DeviceRule[] | 'cgroup-v2' | null): OpenOutcome {
  if (error === null) return 'opened';
  if (['ENXIO', 'ENODEV', 'ENOMEDIUM', 'EBUSY'].includes(error)) return 'passed-cgroup';
  if (error !== 'EPERM' || rules === null) return 'unexplained';
  return rules !== 'cgroup-v2' && rulesAllow(rules, 'b', major, minor, 'r') ? 'unexplained' : 'refused-by-cgroup';
}

/** The rules an evaluate step judges opens with: the parsed v1 list, `cgroup-v2`, or null when unknown. */
export function cgroupRules(version: 1 | 2 | null, devicesList: string | null): DeviceRule[] | 'cgroup-v2' | null {
  if (version === 2) return 'cgroup-v2';
  return version === 1 && devicesList !== null ? parseDevicesList(devicesList) : null;
}
