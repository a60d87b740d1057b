/** Shared shape of the one-capability checks: is capability X usable by the probe? */
import { defineCheck, type Check, type CheckMeta, type Evidence, type Verdict } from '../model.js';
import { readUserNamespaced, readSelfState, type SelfState } from '../lib/self.js';
import * as s from '../lib/shape.js';

const capList = s.nullable(s.array(s.string({ max: 40, pattern: /^[A-Z_0-9]+$/ }), { max: 64 }));
/** The probe's own capability state as lib/self reads it. */
export const selfStateShape = s.object({
  uid: s.nullable(s.string({ max: 100 })),
  effective: capList,
  permitted: capList,
  bounding: capList,
  noNewPrivs: s.nullable(s.int(0, 1)),
  seccompMode: s.nullable(s.int(0, 1000)),
  capLastCap: s.nullable(s.int(0, 63)),
  error: s.optional(s.string({ max: 300 })),
});

/** Extra fields a capability check adds next to the capability sets (e.g. SYS_PTRACE's PID namespace). */
export type ExtraShapes = Record<string, s.Shape<unknown>>;

/** Evidence of a single-capability check. */
export interface CapabilityEvidence extends Evidence {
  capability: string;
  state: SelfState;
  /** True when /proc/self/uid_map is not the identity map: the capability applies inside a user namespace only. */
  userNamespace?: boolean | null;
}

const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Judges whether `cap` is held (effective) or obtainable (bounding set with no_new_privs off). */
export function judgeCapability(e: CapabilityEvidence): Verdict {
  const state = e?.state;
  const capability = e?.capability;
  if (typeof capability !== 'string' || !state || !isList(state.effective) || !isList(state.bounding)) {
    return { status: 'inconclusive', summary: `capability sets unreadable (${state?.error ?? 'no CapEff/CapBnd'})` };
  }
  const userns = e.userNamespace === true ? ' (inside a user namespace: it reaches namespaced resources only, not the host kernel)' : '';
  if (state.effective.includes(capability)) return { status: 'broken', summary: `CAP_${capability} is in the effective set${userns}` };
  if (state.bounding.includes(capability) && state.noNewPrivs !== 1) {
    return { status: 'broken', summary: `CAP_${capability} is not effective but in the bounding set with no_new_privs off: a setuid or file-capability binary regains it${userns}` };
  }
  if (state.bounding.includes(capability)) return { status: 'holds', summary: `CAP_${capability} only in the bounding set and no_new_privs is on: not obtainable` };
  return { status: 'holds', summary: `CAP_${capability} absent from the effective and bounding sets` };
}

/** Options of a capability check beyond its metadata. */
export interface CapabilityCheckOptions<X extends Evidence> {
  /** Extra evidence gathered next to the capability sets. */
  extra?: () => Promise<X>;
  /** Refines the verdict with the extra evidence (e.g. SYS_PTRACE with host PID). */
  refine?: (e: CapabilityEvidence & Partial<X>, v: Verdict) => Verdict;
  /** Contract of the extra fields. */
  extraShape?: ExtraShapes;
}

type Meta = Omit<CheckMeta, 'boundary' | 'safety' | 'targets' | 'method'> & Partial<Pick<CheckMeta, 'targets' | 'method'>>;

/** Builds a check for one capability (advisory ones report restricted-profile gaps without deciding the boundary). */
export function capabilityCheck<X extends Evidence = Evidence>(capability: string, meta: Meta, opts: CapabilityCheckOptions<X> = {}): Check {
  return defineCheck<CapabilityEvidence & Partial<X>>({
    boundary: 'capabilities',
    safety: 'passive',
    targets: ['docker', 'kubernetes'],
    method: `Decodes CapEff and CapBnd from /proc/self/status and reads NoNewPrivs: CAP_${capability} counts when effective, or in the bounding set while no_new_privs is off.`,
    ...meta,
    evidence: s.object({ capability: s.oneOf(capability), state: selfStateShape, userNamespace: s.nullable(s.boolean()), ...(opts.extraShape ?? {}) }) as unknown as s.Shape<CapabilityEvidence & Partial<X>>,
    async collect() {
      const [state, userNamespace, extra] = await Promise.all([readSelfState(), readUserNamespaced(), opts.extra?.() ?? Promise.resolve({} as X)]);
      return { ...extra, capability, state, userNamespace } as CapabilityEvidence & Partial<X>;
    },
    evaluate(e) {
      const verdict = judgeCapability(e);
      return opts.refine ? opts.refine(e, verdict) : verdict;
    },
  });
}
