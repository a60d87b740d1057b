/** After a run: names the workload field that opened each unmet boundary, and records what was not reproduced. */
import type { BoundaryId } from '../../probes/model.js';
import type { Report } from '../model/report.js';
import type { Posture } from '../posture/types.js';
import { unmetSubject } from '../run/expectations.js';
import type { DerivedSuite } from './suite.js';
import type { DerivedScenario } from './types.js';

/** Posture keys that can open each boundary. */
const OPENED_BY: Partial<Record<BoundaryId, Array<keyof Posture>>> = {
  // a host PID namespace reaches host files through /proc/<pid>/root
  'runtime-socket': ['mounts', 'privileged', 'hostPID'],
  'host-pid': ['hostPID', 'mounts', 'shareProcessNamespace'],
  'host-network': ['hostNetwork'],
  'host-ipc': ['hostIPC', 'mounts'],
  capabilities: ['privileged', 'capabilities', 'user'],
  seccomp: ['seccomp', 'privileged'],
  lsm: ['apparmor', 'selinux', 'privileged'],
  'no-new-privileges': ['noNewPrivileges', 'privileged'],
  'user-namespace': ['hostUsers'],
  'host-filesystem': ['mounts', 'privileged', 'devices', 'hostPID'],
  devices: ['devices', 'privileged', 'mounts'],
  'kernel-interfaces': ['privileged', 'procMount', 'sysctls', 'mounts', 'capabilities'],
  'root-user': ['user'],
  'readonly-rootfs': ['readOnlyRootFilesystem'],
  'service-account': ['serviceAccount', 'automountServiceAccountToken', 'volumes'],
};

/** The workload fields behind a boundary, or a note that the platform's default decided it. */
export function openedBy(boundary: BoundaryId, derived: DerivedScenario): string {
  const keys = OPENED_BY[boundary] ?? [];
  const fields = derived.sources.filter((s) => keys.includes(s.key)).map((s) => s.field);
  return fields.length ? `workload fields: ${fields.join('; ')}` : 'no workload field sets this: the platform default decided it';
}

/** Adds the field attribution to unmet lines and the derivation notes to each derived scenario's report. */
export function attributeReport(report: Report, suites: DerivedSuite[]): void {
  for (const s of report.scenarios) {
    const derived = suites.find((d) => d.suite.name === s.suite)?.derived.get(s.name);
    if (!derived) continue;
    s.workload = { notReproduced: [...derived.notReproduced], fields: derived.sources.map((f) => f.field) };
    // A Localhost profile missing on the node stops the container: say which field could not be reproduced.
    const profile = typeof derived.posture.seccomp === 'object' ? derived.posture.seccomp.localhostProfile : undefined;
    if (profile && s.error && /seccomp profile/i.test(s.error)) s.workload.notReproduced.push(`seccompProfile Localhost ${profile}: not reproduced, the node cannot load it (${s.error.slice(0, 200)})`);
    // A new object: results that agree share their parts (per node, and across scenarios), which must not change under them.
    s.expectation = {
      ...s.expectation,
      unmet: s.expectation.unmet.map((line) => {
        const subject = unmetSubject(line) as BoundaryId;
        return subject in OPENED_BY ? `${line} [${openedBy(subject, derived)}]` : line;
      }),
    };
  }
}

/** One block per scenario listing what was not reproduced, for stderr before the run. */
export function notReproducedText(suites: DerivedSuite[]): string {
  const blocks = suites.flatMap((d) => [...d.derived.values()].filter((s) => s.notReproduced.length).map((s) => `${s.name}:\n${s.notReproduced.map((n) => `  not reproduced: ${n}`).join('\n')}`));
  return blocks.length ? `${blocks.join('\n')}\n` : '';
}
