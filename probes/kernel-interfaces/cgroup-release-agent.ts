/** Can the probe set a cgroup v1 release_agent (a host command run as root), passively or by mounting cgroupfs privately? */
import { defineCheck, type Evidence } from '../model.js';
import { readLink, readText, readTrimmed } from '../lib/fs.js';
import { readSelfState, readUserNamespaced } from '../lib/self.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { DENIED_ERRORS, probeWrite, writeProbeShape, type WriteProbe } from '../lib/kernel-files.js';
import * as s from '../lib/shape.js';
import { readSandbox } from '../environment.js';
import { fixStatus, hintFor } from '../lib/kernel-version.js';
import { attemptReleaseAgent, attemptUserNamespace, pickHierarchy, v1Hierarchies, type ActiveAttempt, type UserNamespaceAttempt } from '../lib/release-agent.js';
import { readMounts } from '../lib/mounts.js';
import { containerRootShape, readContainerRoot, rootCouldOpen, type ContainerRoot } from '../lib/container-root.js';

const CVE = hintFor('CVE-2022-0492')!;

interface ReleaseAgentEvidence extends Evidence {
  kernelRelease: string | null;
  cgroupNamespace: string | null;
  /** uid_map is the identity map: the probe is in the initial user namespace. */
  initialUserNamespace: boolean | null;
  sysAdminEffective: boolean | null;
  sysAdminBounding: boolean | null;
  noNewPrivs: number | null;
  v1Hierarchies: string[] | null;
  mountsRead: boolean;
  /** release_agent files already visible (hierarchy roots mounted in the probe's view). */
  visible: WriteProbe[];
  active: ActiveAttempt;
  userNamespace: UserNamespaceAttempt;
  /** Who root in this container is (uid, uid_map): a refused release_agent is judged for root. */
  container: ContainerRoot;
  /** The sandbox runtime detected from inside (environment.ts): in gVisor a cgroup mount is the sentry's own cgroupfs. */
  sandbox: string | null;
}

export default defineCheck<ReleaseAgentEvidence>({
  id: 'cgroup-release-agent',
  boundary: 'kernel-interfaces',
  title: 'cgroup v1 release_agent settable',
  rationale: 'The kernel runs a cgroup v1 hierarchy\'s release_agent as root in the host namespaces when a cgroup with notify_on_release empties: whoever sets it executes on the host (CE_PRIV_MOUNT with CAP_SYS_ADMIN, CVE-2022-0492 from a user namespace on unfixed kernels).',
  method: 'Opens every visible release_agent with O_WRONLY (never writes); with CAP_SYS_ADMIN, mounts an existing cgroup v1 hierarchy inside a throwaway private mount namespace (busybox unshare -m), tests its release_agent the same way and unmounts; on kernels without the CVE-2022-0492 fix, tests whether a user namespace can be created. Kernel writes need CAP_SYS_ADMIN in the initial user namespace since that fix. Inside gVisor (detected from evidence) with no cgroup v1 hierarchy, a cgroup mount is the sentry\'s own cgroupfs: no host release_agent.',
  remediation: 'Do not grant CAP_SYS_ADMIN or privileged mode; keep seccomp and AppArmor/SELinux on (they block mount and unshare); use a private cgroup namespace and cgroup v2; run a kernel with the CVE-2022-0492 fix.',
  severity: 'critical',
  safety: 'active',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-docker-1.6', id: '5.5' },
    { framework: 'cis-kubernetes', id: '5.2.2' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
    { framework: 'nist-800-190', id: '4.4.3' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
  evidence: s.object({
    kernelRelease: s.nullable(s.string({ max: 200 })),
    cgroupNamespace: s.nullable(s.string({ max: 100 })),
    initialUserNamespace: s.nullable(s.boolean()),
    sysAdminEffective: s.nullable(s.boolean()),
    sysAdminBounding: s.nullable(s.boolean()),
    noNewPrivs: s.nullable(s.int(0, 1)),
    v1Hierarchies: s.nullable(s.array(s.string({ max: 200 }), { max: 64 })),
    mountsRead: s.boolean(),
    sandbox: s.nullable(s.string({ max: 40 })),
    visible: s.array(writeProbeShape, { max: 64 }),
    active: s.object({
      attempted: s.boolean(),
      reason: s.optional(s.string({ max: 400 })),
      controllers: s.optional(s.string({ max: 200 })),
      mountDir: s.optional(s.string({ max: 4096 })),
      outcome: s.optional(s.string({ max: 100 })),
      detail: s.optional(s.string({ max: 400 })),
    }),
    userNamespace: s.object({
      attempted: s.boolean(),
      created: s.optional(s.boolean()),
      reason: s.optional(s.string({ max: 400 })),
      errno: s.optional(s.nullable(s.string({ max: 100 }))),
      detail: s.optional(s.string({ max: 400 })),
    }),
    container: containerRootShape,
  }),
  async collect(ctx) {
    const [kernelRelease, cgroupNamespace, userNamespaced, selfCgroup, self, mounts, container] = await Promise.all([
      readTrimmed('/proc/sys/kernel/osrelease'), readLink('/proc/self/ns/cgroup'), readUserNamespaced(),
      readText('/proc/self/cgroup', 16 * 1024), readSelfState(), readMounts(), readContainerRoot(),
    ]);
    const hierarchies = selfCgroup.ok ? v1Hierarchies(selfCgroup.text) : null;
    // Only roots of v1 hierarchies carry release_agent; a mount of a sub-cgroup has none.
    const roots = (mounts ?? []).filter((m) => m.fsType === 'cgroup' && m.root === '/');
    const visible = await Promise.all(roots.map((m) => probeWrite(`${m.mountPoint.replace(/\/$/, '')}/release_agent`, mounts, 'cgroup')));
    const sysAdmin = self.effective?.includes('SYS_ADMIN') ?? null;
    const budget = Math.max(500, Math.floor(ctx.timeoutMs / 2) - 200);
    const pick = pickHierarchy(hierarchies ?? []);
    const active: ActiveAttempt = !sysAdmin ? { attempted: false, reason: 'no CAP_SYS_ADMIN: mount(2) is refused' }
      : !pick ? { attempted: false, reason: 'no cgroup v1 hierarchy to attach to (none is ever created)' }
      : await attemptReleaseAgent(pick.controllers, budget);
    const userNamespace: UserNamespaceAttempt = fixStatus(CVE, kernelRelease) === 'fixed' ? { attempted: false, reason: `kernel has the ${CVE.cve} fix` }
      : !hierarchies?.length ? { attempted: false, reason: 'no cgroup v1 hierarchy' } : await attemptUserNamespace(budget);
    return {
      kernelRelease, cgroupNamespace,
      initialUserNamespace: userNamespaced === null ? null : !userNamespaced,
      sysAdminEffective: sysAdmin, sysAdminBounding: self.bounding?.includes('SYS_ADMIN') ?? null, noNewPrivs: self.noNewPrivs,
      v1Hierarchies: hierarchies?.map((h) => h.controllers) ?? null,
      mountsRead: mounts !== null, visible, active, userNamespace, container,
      sandbox: await readSandbox(),
    };
  },
  evaluate(e) {
    const kernel = fixStatus(CVE, e?.kernelRelease);
    const initNs = e?.initialUserNamespace === true;
    const capNow = e?.sysAdminEffective === true && initNs;
    // Root in the container gets the bounding set (exec, a setuid or file-capability binary): the probe's own effective set is not the container's.
    const capRoot = initNs && (e?.sysAdminBounding === true || e?.sysAdminEffective === true);
    const active: ActiveAttempt = e?.active && typeof e.active === 'object' ? e.active : { attempted: false };
    const seen = Array.isArray(e?.visible) ? e.visible.filter((p): p is WriteProbe => typeof p?.path === 'string') : [];
    const visible = seen.filter((p) => p.open?.writable === true);
    const container = e?.container && typeof e.container === 'object' ? e.container : undefined;
    // A release_agent refused to a non-root probe may still open for root in the container.
    const forRoot = seen.filter((p) => p.open && p.open.writable !== true).map((p) => ({ p, r: rootCouldOpen(p, container) }));
    const rootOpens = forRoot.filter((x) => x.r.could === 'yes').map((x) => x.p);
    if (active.outcome === 'writable' && capNow) {
      return { status: 'broken', summary: `mounted cgroup v1 (${active.controllers ?? 'a hierarchy'}) in a private mount namespace: release_agent at the hierarchy root opens for writing with CAP_SYS_ADMIN` };
    }
    const opens = [...visible, ...rootOpens];
    if (opens.length > 0 && capRoot) {
      return { status: 'broken', summary: `${opens[0].path} opens for writing${visible.length ? '' : ' for root in this container'} and CAP_SYS_ADMIN is ${capNow ? 'effective' : 'in the bounding set (root in the container holds it)'} without a user namespace` };
    }
    // A kernel version string alone never proves the flaw (distributions backport the fix): at most "possible".
    if (active.outcome === 'writable' || opens.length > 0) {
      if (kernel !== 'fixed') return { status: 'inconclusive', summary: `a release_agent opens for writing without CAP_SYS_ADMIN; kernel ${typeof e?.kernelRelease === 'string' ? e.kernelRelease : 'unknown'} ${kernel === 'vulnerable' ? `is numbered before the ${CVE.cve} fix (possible; distributions backport it, so the version alone proves nothing)` : 'release unknown'}, so whether a write needs CAP_SYS_ADMIN cannot be told` };
    }
    if (e?.mountsRead !== true || typeof e?.sysAdminEffective !== 'boolean' || typeof e?.sysAdminBounding !== 'boolean' || typeof e?.initialUserNamespace !== 'boolean') return { status: 'inconclusive', summary: 'mount table, capability sets or uid_map unreadable' };
    const v1 = Array.isArray(e.v1Hierarchies) ? e.v1Hierarchies : null;
    // New v1 hierarchies can only be created from the initial cgroup namespace: a known private one with no v1 hierarchy has nothing to mount.
    const nothingToMount = !active.attempted && v1 !== null && v1.length === 0 && isInitialNamespace('cgroup', nsInode(e.cgroupNamespace)) === false;
    // Inside gVisor (detected from evidence) whatever root mounts is the sentry's in-memory cgroupfs: no release_agent of the host kernel is reachable.
    // (A Linux kernel since 4.6 always shows /proc/self/ns/cgroup; gVisor's sentry does not: a second sign besides the detection.)
    const sentry = e.sandbox === 'gvisor' && e.cgroupNamespace === null && v1 !== null && v1.length === 0;
    if (e.sysAdminEffective) {
      const refused = /not permitted|denied/i.test(active.detail ?? '') && ['mount-refused', 'cgroup-mount-failed'].includes(active.outcome ?? '');
      const closed = refused || active.outcome === 'absent' || active.outcome === 'writable' || DENIED_ERRORS.some((c) => active.outcome === `denied:${c}`);
      if (!closed && !nothingToMount && !sentry) return { status: 'inconclusive', summary: `CAP_SYS_ADMIN held but the private-namespace cgroup mount gave no answer (${active.outcome ?? active.reason ?? 'not attempted'}${active.detail ? `: ${active.detail}` : ''})` };
    } else if (capRoot && !nothingToMount && !sentry) {
      return { status: 'inconclusive', summary: 'CAP_SYS_ADMIN is in the bounding set without a user namespace: root in this container (exec, a setuid or file-capability binary) could mount cgroup v1 and set release_agent; this probe, without it in its effective set, cannot attempt the mount' };
    }
    const uns = e.userNamespace && typeof e.userNamespace === 'object' ? e.userNamespace : undefined;
    const unsClosed = uns?.attempted === true && uns.created === false && ['EPERM', 'EACCES', 'ENOSPC', 'EUSERS', 'EINVAL'].includes(uns.errno ?? '');
    if (kernel !== 'fixed' && v1 === null) return { status: 'inconclusive', summary: `cgroup v1 hierarchies unknown (/proc/self/cgroup unreadable) on kernel ${typeof e.kernelRelease === 'string' ? e.kernelRelease : 'unknown'}, which may lack the ${CVE.cve} fix` };
    if (kernel !== 'fixed' && v1?.length && !unsClosed) {
      return { status: 'inconclusive', summary: `possible ${CVE.cve}: kernel ${typeof e.kernelRelease === 'string' ? e.kernelRelease : 'unknown'} may lack the fix, cgroup v1 is present and user namespace creation ${uns?.created ? 'works' : `was not refused (${uns?.reason ?? uns?.detail ?? 'not tested'})`}` };
    }
    const how = sentry && capRoot ? 'inside gVisor a cgroup mount is the sentry\'s own cgroupfs, not the host kernel\'s' : active.attempted ? `private cgroup mount: ${active.outcome ?? 'no outcome'}` : active.reason ?? 'no mount attempted';
    return { status: 'holds', summary: `no settable release_agent (${seen.length === 0 ? 'none visible' : 'visible ones need CAP_SYS_ADMIN, which root in the container lacks'}; ${how}; ${kernel === 'fixed' ? 'kernel has the fix' : v1?.length ? 'kernel user namespaces refused' : 'no cgroup v1 hierarchy'})` };
  },
});
