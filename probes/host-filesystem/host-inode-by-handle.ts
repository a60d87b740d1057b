/** Can the probe open the host file system's root by file handle (open_by_handle_at, CAP_DAC_READ_SEARCH)? */
import { defineCheck, type Evidence } from '../model.js';
import { handleCandidates, tryHandle, type HandleAttempt } from '../lib/fhandle.js';
import { readMounts } from '../lib/mounts.js';
import { readSelfState } from '../lib/self.js';
import * as s from '../lib/shape.js';

interface HandleEvidence extends Evidence {
  /** mountinfo was readable. */
  mountsRead: boolean;
  attempts: HandleAttempt[];
  uid: number | null;
  /** CAP_DAC_READ_SEARCH in the probe's effective and bounding sets (root in this container gets the bounding set). */
  dacReadSearch: { effective: boolean | null; bounding: boolean | null };
}

/** Errors that say the kernel or seccomp refused the call itself, before any handle was decoded. */
const REFUSED = new Set(['EPERM', 'EACCES', 'ENOSYS']);

const where = (a: HandleAttempt) => `${a.path} (${a.fsType} ${a.device})`;

export default defineCheck<HandleEvidence>({
  id: 'host-inode-by-handle',
  boundary: 'host-filesystem',
  title: 'Host files reachable through open_by_handle_at',
  rationale: 'With CAP_DAC_READ_SEARCH and a seccomp profile that allows open_by_handle_at, any file of a host file system the container sees one file of (the /etc/hosts or /etc/resolv.conf the runtime binds in) can be opened by inode number, ignoring the mount: the handle of inode 2 is the host\'s root directory, and from there /etc/shadow and every key (the "Shocker" escape).',
  method: 'Runs the image\'s static helper on one bound file per host file system (block-device backed): it opens the file read-only as mount_fd, asks open_by_handle_at for the file system\'s root (ext2/3/4 handle: inode 2, generation 0) read-only, lists up to 64 names, and closes. Nothing is written.',
  remediation: 'Do not add CAP_DAC_READ_SEARCH (or run privileged); drop ALL capabilities and keep the runtime\'s default seccomp profile, which refuses open_by_handle_at without that capability.',
  severity: 'critical',
  safety: 'active',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.001' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'nist-800-190', id: '4.4.3' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_READ' },
  ],
  evidence: s.object({
    mountsRead: s.boolean(),
    attempts: s.array(s.object({
      path: s.string({ max: 4096 }),
      fsType: s.string({ max: 100 }),
      device: s.string({ max: 24, pattern: /^\d+:\d+$/ }),
      mountFdError: s.nullable(s.string({ max: 40 })),
      nameToHandle: s.nullable(s.string({ max: 40 })),
      handleType: s.nullable(s.int(0, 255)),
      open: s.nullable(s.string({ max: 40 })),
      ino: s.nullable(s.int()),
      names: s.nullable(s.array(s.string({ max: 255 }), { max: 64 })),
      runError: s.nullable(s.string({ max: 200 })),
    }), { max: 2 }),
    uid: s.nullable(s.int(0, 4294967295)),
    dacReadSearch: s.object({ effective: s.nullable(s.boolean()), bounding: s.nullable(s.boolean()) }),
  }),
  async collect() {
    const [mounts, self] = await Promise.all([readMounts(), readSelfState()]);
    const attempts: HandleAttempt[] = [];
    for (const m of handleCandidates(mounts ?? [])) attempts.push(await tryHandle(m));
    const uid = self.uid === null ? null : Number(self.uid.split(/\s+/)[0]);
    return {
      mountsRead: mounts !== null, attempts, uid: Number.isInteger(uid) ? uid : null,
      dacReadSearch: { effective: self.effective?.includes('DAC_READ_SEARCH') ?? null, bounding: self.bounding?.includes('DAC_READ_SEARCH') ?? null },
    };
  },
  evaluate(e) {
    if (!Array.isArray(e.attempts) || !e.dacReadSearch || typeof e.dacReadSearch !== 'object') return { status: 'inconclusive', summary: 'evidence missing or malformed' };
    if (e.mountsRead !== true) return { status: 'inconclusive', summary: 'mount table (/proc/self/mountinfo) unreadable' };
    const opened = e.attempts.filter((a) => a.open === 'OK');
    if (opened.length > 0) {
      const a = opened[0];
      const what = a.names && a.names.length ? a.names.slice(0, 8).join(', ') : `inode ${a.ino ?? '?'}`;
      return { status: 'broken', summary: `open_by_handle_at opened the root of the host file system behind ${where(a)}: ${what}` };
    }
    const cap = e.dacReadSearch;
    // Root in this container (docker exec -u 0, a setuid binary) gets the bounding set: for any uid but 0, the bounding set decides.
    const outOfReach = cap.effective === false && (e.uid === 0 || cap.bounding === false);
    if (e.attempts.length === 0) return { status: 'holds', summary: 'no file of a block-device file system is bound from the host: no mount_fd for open_by_handle_at' };
    const broken = e.attempts.filter((a) => a.runError !== null || a.mountFdError !== null || a.open === null);
    if (broken.length === e.attempts.length) {
      const why = broken.map((a) => `${where(a)}: ${a.runError ?? (a.mountFdError ? `open ${a.mountFdError}` : 'no result')}`).join('; ');
      return outOfReach ? { status: 'holds', summary: `CAP_DAC_READ_SEARCH is out of reach (attempt failed: ${why})` } : { status: 'inconclusive', summary: `open_by_handle_at not attempted: ${why}` };
    }
    const tried = e.attempts.filter((a) => a.open !== null && a.runError === null && a.mountFdError === null);
    const refused = tried.filter((a) => REFUSED.has(a.open!));
    const detail = tried.map((a) => `${where(a)} ${a.open}`).join(', ');
    if (refused.length === tried.length) {
      // Refused to a process holding the capability, or the capability is out of reach for every process here: a proof.
      if (cap.effective === true || outOfReach) return { status: 'holds', summary: `open_by_handle_at refused (${detail}); CAP_DAC_READ_SEARCH ${cap.effective === true ? 'held, the call blocked by seccomp or the kernel' : 'out of reach'}` };
      const why = cap.bounding === true ? 'root in this container would hold CAP_DAC_READ_SEARCH (bounding set)' : 'whether root in this container could hold CAP_DAC_READ_SEARCH is unknown';
      return { status: 'inconclusive', summary: `open_by_handle_at refused to uid ${e.uid ?? '?'} (${detail}), but ${why}` };
    }
    // The call went through but the guessed root handle did not fit (not ext2/3/4): other inodes may still open.
    if (outOfReach) return { status: 'holds', summary: `CAP_DAC_READ_SEARCH is out of reach (${detail})` };
    return { status: 'inconclusive', summary: `open_by_handle_at was allowed but the ext4 root handle did not open (${detail}; handle type ${tried[0].handleType ?? '?'}): other inodes may` };
  },
});
