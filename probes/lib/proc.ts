/** Parsers for /proc files. Pure functions over text, so they are unit-testable. */

/** Parses /proc/<pid>/status into key -> value. */
export function parseStatus(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** One line of /proc/self/mountinfo. */
export interface MountInfo {
  mountId: number;
  parentId: number;
  /** major:minor of the device. */
  device: string;
  /** Path inside the source file system that is mounted (e.g. `/` or `/var/run/docker.sock`). */
  root: string;
  mountPoint: string;
  options: string[];
  optional: string[];
  fsType: string;
  source: string;
  superOptions: string[];
}

/** Parses /proc/self/mountinfo (octal escapes like \040 decoded). */
export function parseMountInfo(text: string): MountInfo[] {
  const mounts: MountInfo[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [left, right] = line.split(' - ');
    if (right === undefined) continue;
    const a = left.split(' ');
    const b = right.split(' ');
    if (a.length < 6 || b.length < 3) continue;
    mounts.push({
      mountId: Number(a[0]),
      parentId: Number(a[1]),
      device: a[2],
      root: unescape(a[3]),
      mountPoint: unescape(a[4]),
      options: a[5].split(','),
      optional: a.slice(6),
      fsType: b[0],
      source: unescape(b[1]),
      superOptions: (b[2] ?? '').split(','),
    });
  }
  return mounts;
}

function unescape(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** True when a mount is read-only at the mount level. */
export function isReadOnly(mount: MountInfo): boolean {
  return mount.options.includes('ro');
}

/** Parses a uid_map/gid_map into rows. */
export function parseIdMap(text: string): Array<{ inside: number; outside: number; count: number }> {
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length === 3 && r.every((n) => Number.isFinite(n)))
    .map(([inside, outside, count]) => ({ inside, outside, count }));
}

/** The identity map a process gets when no user namespace separates it from the host. */
export function isIdentityIdMap(rows: Array<{ inside: number; outside: number; count: number }>): boolean {
  return rows.length === 1 && rows[0].inside === 0 && rows[0].outside === 0 && rows[0].count === 4294967295;
}
