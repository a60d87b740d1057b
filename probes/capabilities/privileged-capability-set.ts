/** Does the probe's bounding set amount to a privileged container's (every capability the runtime could grant)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { allCapabilities, CAPABILITY_NAMES } from '../lib/caps.js';
import { readSelfState, type SelfState } from '../lib/self.js';
import { readUserNamespaced } from '../lib/self.js';
import * as s from '../lib/shape.js';
import { selfStateShape } from './capability-check.js';

interface PrivilegedEvidence extends Evidence {
  state: SelfState;
  /** Runs in a user namespace: the capabilities reach namespaced resources only. */
  userNamespace?: boolean | null;
}

/** Capabilities whose joint presence marks a privileged-style grant. */
export const KEY_CAPABILITIES = ['SYS_ADMIN', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'DAC_READ_SEARCH', 'NET_ADMIN'];
/** Last capability every runtime knows (CAP_AUDIT_READ, Linux 3.16); PERFMON, BPF, CHECKPOINT_RESTORE came in 5.8/5.9. */
const CLASSIC_LAST = CAPABILITY_NAMES.indexOf('AUDIT_READ');
/** Share of the classic capabilities a grant must cover to count as privileged. */
export const PRIVILEGED_COVERAGE = 0.95;

/**
 * Rule: broken when CapBnd holds every capability up to cap_last_cap (computed, never a fixed
 * mask), or when it holds all KEY_CAPABILITIES and at least 95% of capabilities 0..AUDIT_READ.
 * The second arm catches privileged containers of runtimes older than the kernel (Docker 20.10
 * grants 0..37 only: 0x3ffeffffff on a 41-capability kernel whose root also lacks SYS_RESOURCE).
 */
function judge(e: PrivilegedEvidence): Verdict {
  const s = e?.state;
  const last = s?.capLastCap;
  if (!s || !Array.isArray(s.bounding)) return { status: 'inconclusive', summary: `bounding set unreadable (${s?.error ?? 'no CapBnd'})` };
  if (typeof last !== 'number' || !Number.isInteger(last) || last < CLASSIC_LAST) return withoutLastCap(e, s.bounding, last);
  const bounding = s.bounding;
  const missing = allCapabilities(last).filter((c) => !bounding.includes(c));
  const eff = `${Array.isArray(s.effective) ? s.effective.length : '?'} effective${e.userNamespace === true ? ' (inside a user namespace)' : ''}`;
  if (missing.length === 0) return { status: 'broken', summary: `bounding set holds every capability up to cap_last_cap=${last} (privileged); ${eff}` };
  const classic = allCapabilities(CLASSIC_LAST);
  const covered = classic.filter((c) => bounding.includes(c)).length / classic.length;
  const keys = KEY_CAPABILITIES.every((c) => bounding.includes(c));
  if (keys && covered >= PRIVILEGED_COVERAGE) {
    return { status: 'broken', summary: `bounding set is privileged-equivalent: all of ${KEY_CAPABILITIES.join(', ')} and ${Math.round(covered * 100)}% of capabilities 0..AUDIT_READ; missing only ${missing.join(', ')}; ${eff}` };
  }
  return { status: 'holds', summary: `bounding set holds ${bounding.length} of ${last + 1} capabilities (${missing.length} missing${keys ? '' : `, incl. ${KEY_CAPABILITIES.filter((c) => !bounding.includes(c)).slice(0, 3).join(', ')}`}): not a privileged grant` };
}

/**
 * cap_last_cap unknown (gVisor has no /proc/sys/kernel/cap_last_cap): the privileged-equivalent arm
 * needs no last capability; a bounding set without one of KEY_CAPABILITIES (all numbered 21 or
 * lower, in every kernel) is neither a full set nor privileged-equivalent, whatever the last one is.
 */
function withoutLastCap(e: PrivilegedEvidence, bounding: string[], last: unknown): Verdict {
  const classic = allCapabilities(CLASSIC_LAST);
  const covered = classic.filter((c) => bounding.includes(c)).length / classic.length;
  const absent = KEY_CAPABILITIES.filter((c) => !bounding.includes(c));
  const ns = e.userNamespace === true ? ' (inside a user namespace)' : '';
  if (absent.length === 0 && covered >= PRIVILEGED_COVERAGE) return { status: 'broken', summary: `bounding set is privileged-equivalent: all of ${KEY_CAPABILITIES.join(', ')} and ${Math.round(covered * 100)}% of capabilities 0..AUDIT_READ (cap_last_cap=${String(last)})${ns}` };
  if (absent.length > 0) return { status: 'holds', summary: `bounding set holds ${bounding.length} capabilities without ${absent.slice(0, 3).join(', ')}, which every kernel has: not a full or privileged-equivalent set (cap_last_cap=${String(last)})` };
  return { status: 'inconclusive', summary: `bounding set holds all of ${KEY_CAPABILITIES.join(', ')} but cap_last_cap is unknown (${String(last)}): a full set is not ruled out` };
}

export default defineCheck<PrivilegedEvidence>({
  id: 'privileged-capability-set',
  boundary: 'capabilities',
  title: 'Privileged capability set',
  rationale: 'A privileged container (or --cap-add ALL) holds every capability: module loading, raw I/O, mount, ptrace and the rest; together with the devices and the unconfined profiles that come with it, escape is trivial (CE_PRIV_MOUNT, CE_MODULE_LOAD).',
  method: 'Compares CapBnd with every capability up to /proc/sys/kernel/cap_last_cap; also counts as privileged a set with SYS_ADMIN, SYS_MODULE, SYS_RAWIO, SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN and >= 95% of capabilities 0..AUDIT_READ (runtimes older than the kernel cannot grant the newest ones). Without cap_last_cap (gVisor), a set lacking one of those six (numbered 21 or lower, present in every kernel) holds.',
  remediation: 'Do not run privileged (privileged: true / --privileged) or with --cap-add ALL; grant the few capabilities the workload needs.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.5' },
    { framework: 'cis-kubernetes', id: '5.2.2' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
  async collect() {
    const [state, userNamespace] = await Promise.all([readSelfState(), readUserNamespaced()]);
    return { state, userNamespace };
  },
  evidence: s.object({ state: selfStateShape, userNamespace: s.nullable(s.boolean()) }),
  evaluate: judge,
});
