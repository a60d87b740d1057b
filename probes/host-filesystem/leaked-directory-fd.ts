/** Does the probe hold a directory file descriptor outside its root (a runtime's leaked fd, CVE-2024-21626)? */
import { defineCheck, type Evidence } from '../model.js';
import { readDirFds, type DirFd } from '../lib/dir-fds.js';
import * as s from '../lib/shape.js';

interface LeakedFdEvidence extends Evidence {
  ownRoot: string | null;
  /** Entries of /proc/self/fd, null when it could not be listed. */
  fdsSeen: number | null;
  dirFds: DirFd[];
}

const show = (d: DirFd) => `fd ${d.fd} (${d.link ?? '?'})`;

export default defineCheck<LeakedFdEvidence>({
  id: 'leaked-directory-fd',
  boundary: 'host-filesystem',
  title: 'Host directory file descriptor leaked into the container',
  rationale: 'A directory fd the runtime leaves open in the container process (runc before 1.1.12 leaked /sys/fs/cgroup of the host, CVE-2024-21626) points outside the container\'s root: chdir or openat through /proc/self/fd/N reaches the host\'s whole file system, and a crafted working directory lets a container overwrite host binaries.',
  method: 'Lists /proc/self/fd and, for every descriptor that was already a directory when the agent loaded (inherited, not opened by a check), follows `..` from /proc/self/fd/N comparing each step with the probe\'s own / by device and inode: a walk that reaches a top other than the probe\'s root is outside it. Only stat() and readlink(); nothing is opened through the descriptor.',
  remediation: 'Upgrade runc to 1.1.12 or later (containerd, Docker and CRI-O ship it), and never set a container\'s working directory from untrusted input.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'nist-800-190', id: '4.5.5' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_WRITE' },
  ],
  evidence: s.object({
    ownRoot: s.nullable(s.string({ max: 64, pattern: /^\d+:\d+$/ })),
    fdsSeen: s.nullable(s.int(0, 1_048_576)),
    dirFds: s.array(s.object({ fd: s.int(0, 1_048_576), link: s.nullable(s.string({ max: 4096 })), outside: s.nullable(s.boolean()) }), { max: 64 }),
  }),
  async collect() {
    return { ...(await readDirFds()) };
  },
  evaluate(e) {
    if (!Array.isArray(e.dirFds)) return { status: 'inconclusive', summary: 'evidence missing or malformed' };
    if (e.ownRoot === null || e.fdsSeen === null) return { status: 'inconclusive', summary: '/proc/self/fd or the probe\'s own / could not be read' };
    const outside = e.dirFds.filter((d) => d.outside === true);
    if (outside.length > 0) return { status: 'broken', summary: `directory descriptor outside the container's root: ${outside.slice(0, 3).map(show).join(', ')}; chdir/openat through /proc/self/fd reaches the host` };
    const unknown = e.dirFds.filter((d) => d.outside !== false);
    if (unknown.length > 0) return { status: 'inconclusive', summary: `could not place ${unknown.slice(0, 3).map(show).join(', ')} relative to the container's root` };
    return { status: 'holds', summary: `no directory descriptor outside the container's root among ${e.fdsSeen} open descriptors (${e.dirFds.length} directories, all inside)` };
  },
});
