/** Advisory: which capabilities beyond the runtime's default set can the probe use? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import * as s from '../lib/shape.js';
import { selfStateShape } from './capability-check.js';
import { RUNTIME_DEFAULT_CAPABILITIES } from '../lib/caps.js';
import { readSelfState, type SelfState } from '../lib/self.js';

interface BeyondEvidence extends Evidence {
  state: SelfState;
}

const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const beyond = (caps: string[]) => caps.filter((c) => !RUNTIME_DEFAULT_CAPABILITIES.includes(c));

function judge(e: BeyondEvidence): Verdict {
  const s = e?.state;
  if (!s || !isList(s.effective) || !isList(s.bounding)) return { status: 'inconclusive', summary: `capability sets unreadable (${s?.error ?? 'no CapEff/CapBnd'})` };
  const eff = beyond(s.effective);
  // Bounding-only capabilities count when no_new_privs is off: a setuid or file-capability binary regains them.
  const bnd = s.noNewPrivs === 1 ? [] : beyond(s.bounding).filter((c) => !eff.includes(c));
  if (eff.length === 0 && bnd.length === 0) return { status: 'holds', summary: `no capability beyond the runtime default set (effective: ${s.effective.length}, bounding: ${s.bounding.length})` };
  const parts = [eff.length ? `effective: ${eff.join(', ')}` : '', bnd.length ? `bounding only (no_new_privs off): ${bnd.join(', ')}` : ''].filter(Boolean);
  return { status: 'broken', summary: `${eff.length + bnd.length} capabilities beyond the runtime default set; ${parts.join('; ')}` };
}

export default defineCheck<BeyondEvidence>({
  id: 'cap-beyond-default',
  boundary: 'capabilities',
  title: 'Capabilities beyond the runtime default set',
  rationale: 'Every capability added to the 14 that Docker and containerd grant by default widens what root in the container can do to the kernel (SYS_TIME sets the host clock, SYSLOG reads kernel addresses, MAC_ADMIN changes LSM policy), and Pod Security baseline forbids adding them; the most dangerous ones have checks of their own.',
  method: 'Decodes CapEff and CapBnd from /proc/self/status and lists the capabilities outside the Docker/containerd default set, separating effective ones from bounding-only ones (obtainable while no_new_privs is off).',
  remediation: 'Drop ALL capabilities and add back only those the workload demonstrably needs.',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
  ],
  evidence: s.object({ state: selfStateShape }),
  async collect() {
    return { state: await readSelfState() };
  },
  evaluate: judge,
});
