/** Shared shape of the one-capability checks: is capability X usable by the probe? */
import { defineCheck, type Check, type CheckMeta, type Evidence } from '../model.js';
import { readSelfState, type SelfState } from '../lib/self.js';

/** Evidence of a single-capability check. */
export interface CapabilityEvidence extends Evidence {
  capability: string;
  state: SelfState;
}

/** Judges whether `cap` is held (effective) or obtainable (bounding set with no_new_privs off). */
export function judgeCapability(e: CapabilityEvidence): { status: 'holds' | 'broken' | 'inconclusive'; summary: string } {
  const { state, capability } = e;
  if (!state.effective || !state.bounding) return { status: 'inconclusive', summary: `capability sets unreadable (${state.error ?? 'no CapEff/CapBnd'})` };
  if (state.effective.includes(capability)) return { status: 'broken', summary: `CAP_${capability} is in the effective set` };
  if (state.bounding.includes(capability) && state.noNewPrivs !== 1) {
    return { status: 'broken', summary: `CAP_${capability} is in the bounding set and no_new_privs is off: a setuid or file-capability binary regains it` };
  }
  if (state.bounding.includes(capability)) return { status: 'holds', summary: `CAP_${capability} only in the bounding set and no_new_privs is on: not obtainable` };
  return { status: 'holds', summary: `CAP_${capability} absent from effective and bounding sets` };
}

/** Builds a check for one dangerous capability. */
export function capabilityCheck(capability: string, meta: Omit<CheckMeta, 'boundary' | 'safety' | 'targets'> & Partial<Pick<CheckMeta, 'targets'>>): Check {
  return defineCheck<CapabilityEvidence>({
    boundary: 'capabilities',
    safety: 'passive',
    targets: ['docker', 'kubernetes'],
    ...meta,
    async collect() {
      return { capability, state: await readSelfState() };
    },
    evaluate: judgeCapability,
  });
}
