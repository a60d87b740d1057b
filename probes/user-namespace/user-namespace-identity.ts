/** Does the probe run without a user namespace (container uid = host uid)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readLink, readText } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { isIdentityIdMap, parseIdMap } from '../lib/proc.js';

interface UsernsEvidence extends Evidence {
  userNamespace: string | null;
  uidMap: string | null;
  gidMap: string | null;
}

type Row = { inside: number; outside: number; count: number };
/** The host uid that container uid 0 maps to, or null when 0 is unmapped. */
const rootMapsTo = (rows: Row[]) => rows.find((r) => r.inside === 0 && r.count >= 1)?.outside ?? null;

function judge(e: UsernsEvidence): Verdict {
  if (!e || typeof e.uidMap !== 'string') return { status: 'inconclusive', summary: `uid_map unreadable (${e?.userNamespace ?? 'no user namespace link'})` };
  const uid = parseIdMap(e.uidMap);
  if (uid.length === 0) return { status: 'inconclusive', summary: 'uid_map empty or malformed' };
  const initial = isInitialNamespace('user', nsInode(e.userNamespace));
  if (initial === true) return { status: 'broken', summary: `no user namespace: the initial one (${e.userNamespace}), container uids are host uids` };
  if (isIdentityIdMap(uid)) return { status: 'broken', summary: `uid_map is the identity map (0 0 4294967295): container uid 0 is host uid 0` };
  const root = rootMapsTo(uid);
  if (root === 0) return { status: 'broken', summary: `user namespace maps container uid 0 to host uid 0 (${uid.map((r) => `${r.inside}->${r.outside}x${r.count}`).join(', ')}): container root is host root for files` };
  const map = uid.map((r) => `${r.inside}->${r.outside}x${r.count}`).join(', ');
  return { status: 'holds', summary: `user namespace remaps ids (${map})${root === null ? '; uid 0 unmapped' : `; container root is host uid ${root}`}` };
}

export default defineCheck<UsernsEvidence>({
  id: 'user-namespace-identity',
  boundary: 'user-namespace',
  title: 'No user namespace (container uids are host uids)',
  rationale: 'Without a user namespace root in the container is root on the host for every file, device or process it reaches through a mount or a shared namespace; any escape lands as host root.',
  method: 'Reads /proc/self/uid_map and gid_map and /proc/self/ns/user: the identity map 0 0 4294967295 or the initial user namespace inode (0xEFFFFFFD) means no remapping.',
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
  async collect() {
    const [ns, uid, gid] = await Promise.all([readLink('/proc/self/ns/user'), readText('/proc/self/uid_map'), readText('/proc/self/gid_map')]);
    return { userNamespace: ns, uidMap: uid.ok ? uid.text : null, gidMap: gid.ok ? gid.text : null };
  },
  evaluate: judge,
});
