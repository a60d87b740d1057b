/** Advisory: does the probe share its PID namespace with other containers (shareProcessNamespace, --pid container:)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import * as s from '../lib/shape.js';
import { readLink } from '../lib/fs.js';
import { kernelThreads, ownTree, readProcesses } from '../lib/procs.js';

interface SharedPidEvidence extends Evidence {
  selfPid: number;
  pidNamespace: string | null;
  processCount: number | null;
  kernelThreadCount: number | null;
  pid1: { comm: string | null; cmdline: string | null } | null;
  /** Visible processes that are neither the probe's ancestors nor its descendants. */
  foreign: Array<{ pid: number; comm: string | null; cmdline: string | null }>;
}

function judge(e: SharedPidEvidence): Verdict {
  if (!e || typeof e.processCount !== 'number' || !Array.isArray(e.foreign)) return { status: 'inconclusive', summary: '/proc could not be listed' };
  if ((e.kernelThreadCount ?? 0) > 0) return { status: 'not-applicable', summary: 'host PID namespace (kernel threads visible): judged by host-pid-namespace' };
  const pause = e.pid1?.comm === 'pause' || /(^|\/)pause( |$)/.test(e.pid1?.cmdline ?? '');
  if (e.foreign.length > 0) {
    const list = e.foreign.slice(0, 5).map((p) => `${p.comm ?? '?'}(${p.pid})`).join(', ');
    return { status: 'broken', summary: `${e.foreign.length} process(es) of other containers visible: ${list}${pause ? ' (PID 1 is the pod\'s pause process: shareProcessNamespace)' : ''}` };
  }
  return { status: 'holds', summary: `only the probe's own ${e.processCount} process(es) visible` };
}

export default defineCheck<SharedPidEvidence>({
  id: 'shared-process-namespace',
  boundary: 'host-pid',
  title: 'PID namespace shared with other containers',
  rationale: 'With shareProcessNamespace (or --pid container:<id>) every container of the pod sees the others\' processes, their environment (secrets) and their file systems through /proc/<pid>/root; a weak sidecar exposes the whole pod.',
  method: 'Lists the visible processes and reports those outside the probe\'s own process tree (ancestors and descendants), such as a pause process as PID 1.',
  remediation: 'Leave shareProcessNamespace off unless a debugging sidecar really needs it; do not use --pid container:<id>.',
  severity: 'low',
  safety: 'passive',
  advisory: true,
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'nist-800-190', id: '4.4.2' },
  ],
  evidence: s.object({
    selfPid: s.int(1, 4194304),
    pidNamespace: s.nullable(s.string({ max: 100 })),
    processCount: s.nullable(s.int(1, 10000000)),
    kernelThreadCount: s.nullable(s.int(0, 10000000)),
    pid1: s.nullable(s.object({ comm: s.nullable(s.string({ max: 100 })), cmdline: s.nullable(s.string({ max: 4096 })) })),
    foreign: s.array(s.object({ pid: s.int(1, 4194304), comm: s.nullable(s.string({ max: 100 })), cmdline: s.nullable(s.string({ max: 4096 })) }), { max: 1000 }),
  }),
  async collect() {
    const [ns, listing] = await Promise.all([readLink('/proc/self/ns/pid'), readProcesses(4000)]);
    const selfPid = process.pid;
    if (!listing) return { selfPid, pidNamespace: ns, processCount: null, kernelThreadCount: null, pid1: null, foreign: [] };
    const own = ownTree(listing.processes, selfPid);
    const pid1 = listing.processes.find((p) => p.pid === 1);
    return {
      selfPid,
      pidNamespace: ns,
      processCount: listing.total,
      kernelThreadCount: kernelThreads(listing.processes).length,
      pid1: pid1 ? { comm: pid1.comm, cmdline: pid1.cmdline } : null,
      // A process that vanished mid-listing has no status (ppid null): it is not counted.
      foreign: listing.processes.filter((p) => !own.has(p.pid) && p.ppid !== null).slice(0, 30).map((p) => ({ pid: p.pid, comm: p.comm, cmdline: p.cmdline })),
    };
  },
  evaluate: judge,
});
