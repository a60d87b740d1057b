/** Does the probe run without a user namespace (container uid = host uid)? */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readLink, readText } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { isIdentityIdMap, parseIdMap } from '../lib/proc.js';
import { hostRootIn } from '../lib/container-root.js';

interface UsernsEvidence extends Evidence {
  userNamespace: string | null;
  uidMap: string | null;
  gidMap: string | null;
}

type Row = { inside: number; outside: number; count: number };
const show = (rows: Row[]) => rows.map((r) => `${r.inside}->${r.outside}x${r.count}`).join(', ');
/** Parsed rows, or null when the map is missing, empty or has a line that is not three integers. */
function rowsOf(text: unknown): Row[] | null {
  if (typeof text !== 'string') return null;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const rows = parseIdMap(text);
  const sane = rows.every((r) => [r.inside, r.outside, r.count].every((n) => Number.isInteger(n) && n >= 0 && n <= 4294967295) && r.count > 0);
  return rows.length > 0 && rows.length === lines.length && sane ? rows : null;
}

/** Judges both maps: any container uid or gid that is host id 0 means files and processes of host root are the container's. */
function judge(e: UsernsEvidence): Verdict {
  const uid = rowsOf(e?.uidMap);
  const gid = rowsOf(e?.gidMap);
  if (!uid || !gid) return { status: 'inconclusive', summary: `${!uid ? 'uid_map' : 'gid_map'} unreadable or malformed (${typeof e?.userNamespace === 'string' ? e.userNamespace : 'no user namespace link'})` };
  const initial = isInitialNamespace('user', nsInode(e.userNamespace));
  if (initial === true) return { status: 'broken', summary: `no user namespace: the initial one (${e.userNamespace}), container uids are host uids` };
  if (isIdentityIdMap(uid)) return { status: 'broken', summary: 'uid_map is the identity map (0 0 4294967295): container uid 0 is host uid 0' };
  const rootUid = hostRootIn(uid);
  if (rootUid !== null) return { status: 'broken', summary: `uid_map maps container uid ${rootUid} to host uid 0 (${show(uid)}): that container user is host root for files and processes` };
  const rootGid = hostRootIn(gid);
  if (rootGid !== null) return { status: 'broken', summary: `gid_map maps container gid ${rootGid} to host gid 0 (${show(gid)}): root-group files and devices on the host are the container's` };
  if (initial === null && typeof e.userNamespace !== 'string') return { status: 'inconclusive', summary: `user namespace link unreadable; maps uid ${show(uid)}, gid ${show(gid)}` };
  return { status: 'holds', summary: `user namespace remaps ids without host id 0 (uid ${show(uid)}; gid ${show(gid)})` };
}

export default defineCheck<UsernsEvidence>({
  id: 'user-namespace-identity',
  boundary: 'user-namespace',
  title: 'No user namespace (container uids are host uids)',
  rationale: 'Without a user namespace root in the container is root on the host for every file, device or process it reaches through a mount or a shared namespace; any escape lands as host root.',
  method: 'Reads /proc/self/uid_map, gid_map and /proc/self/ns/user: the initial user namespace inode (0xEFFFFFFD), the identity map, or any uid or gid range that maps a container id to host id 0 means no protection.',
  remediation: 'Run with user namespaces: Docker userns-remap or rootless mode; Kubernetes hostUsers: false (or a runtime that always remaps).',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '2.9' },
    { framework: 'cis-docker-1.6', id: '5.31' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  evidence: s.object({
    userNamespace: s.nullable(s.string({ max: 100 })),
    // At most 340 lines of three numbers each (the kernel's limit).
    uidMap: s.nullable(s.string({ max: 340 * 40 })),
    gidMap: s.nullable(s.string({ max: 340 * 40 })),
  }),
  async collect() {
    const [ns, uid, gid] = await Promise.all([readLink('/proc/self/ns/user'), readText('/proc/self/uid_map'), readText('/proc/self/gid_map')]);
    return { userNamespace: ns, uidMap: uid.ok ? uid.text : null, gidMap: gid.ok ? gid.text : null };
  },
  evaluate: judge,
});
