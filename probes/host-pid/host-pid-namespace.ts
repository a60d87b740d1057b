/** Does the probe share the host's PID namespace? */
import { defineCheck, type Evidence } from '../model.js';
import { listDir, readLink, readTrimmed } from '../lib/fs.js';

/** Inode of the initial (host) PID namespace on Linux (PROC_PID_INIT_INO). */
export const HOST_PID_NS_INODE = 4026531836;

interface PidEvidence extends Evidence {
  pidNamespace: string | null;
  processCount: number | null;
  pid1Cmdline: string | null;
  pid2Name: string | null;
  pid2PPid: string | null;
}

export default defineCheck<PidEvidence>({
  id: 'host-pid-namespace',
  boundary: 'host-pid',
  title: 'Host PID namespace shared',
  rationale: 'In the host PID namespace a container sees every host process, can read their environment and /proc/<pid>/root, and with SYS_PTRACE or nsenter-like access can step into them (CE_NSENTER).',
  method: 'Compares the inode of /proc/self/ns/pid with the initial PID namespace inode and looks for kernel threads (kthreadd as PID 2), which only the host namespace shows.',
  remediation: 'Do not set hostPID: true / --pid=host.',
  severity: 'high',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'cis-docker-1.6', id: '5.16' },
    { framework: 'cis-kubernetes', id: '5.2.3' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'kubehound', id: 'CE_NSENTER' },
  ],
  async collect() {
    const [ns, procs, pid1, status2] = await Promise.all([
      readLink('/proc/self/ns/pid'),
      listDir('/proc'),
      readTrimmed('/proc/1/cmdline'),
      readTrimmed('/proc/2/status'),
    ]);
    const field = (name: string) => status2?.split('\n').find((l) => l.startsWith(`${name}:`))?.split(':')[1]?.trim() ?? null;
    return {
      pidNamespace: ns,
      processCount: procs ? procs.filter((p) => /^\d+$/.test(p)).length : null,
      pid1Cmdline: pid1?.replace(/\0/g, ' ').trim().slice(0, 200) ?? null,
      pid2Name: field('Name'),
      pid2PPid: field('PPid'),
    };
  },
  evaluate(e) {
    if (!e || typeof e !== 'object') return { status: 'inconclusive', summary: 'no evidence' };
    const inode = Number(/\[(\d+)\]/.exec(typeof e.pidNamespace === 'string' ? e.pidNamespace : '')?.[1] ?? NaN);
    const kthreadd = e.pid2Name === 'kthreadd' && e.pid2PPid === '0';
    if (inode === HOST_PID_NS_INODE) return { status: 'broken', summary: `PID namespace is the host's (${e.pidNamespace}); ${e.processCount ?? '?'} processes visible, PID 1: ${e.pid1Cmdline ?? '?'}` };
    if (kthreadd) return { status: 'broken', summary: `kernel threads visible (kthreadd is PID 2): host PID namespace; PID 1: ${e.pid1Cmdline ?? '?'}` };
    if (!Number.isFinite(inode)) return { status: 'inconclusive', summary: 'could not read /proc/self/ns/pid' };
    return { status: 'holds', summary: `own PID namespace (${e.pidNamespace}), ${e.processCount ?? '?'} processes visible, no kernel threads` };
  },
});
