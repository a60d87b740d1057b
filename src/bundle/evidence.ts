/** Raw evidence of every check as its own file: evidence/<suite>/<scenario>[@node]/<check-id>.json. */
import type { Report } from '../model/report.js';

/** A path segment that is safe on any file system and cannot climb out of its folder. */
export function safeSegment(value: string): string {
  const s = value.replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 120);
  return s === '' || s === '.' || s === '..' ? '_' : s;
}

/** One evidence file to write: relative path and JSON text. */
export interface EvidenceFile {
  path: string;
  text: string;
}

/** The evidence files of a report, one per check of every admitted scenario; paths are unique. */
export function evidenceFiles(report: Report): EvidenceFile[] {
  const used = new Set<string>();
  const out: EvidenceFile[] = [];
  for (const s of report.scenarios) {
    const folder = `evidence/${safeSegment(s.suite)}/${safeSegment(`${s.name}${s.node ? `@${s.node}` : ''}`)}`;
    for (const c of s.checks) {
      let p = `${folder}/${safeSegment(c.id)}.json`;
      for (let n = 2; used.has(p); n++) p = `${folder}/${safeSegment(c.id)}~${n}.json`;
      used.add(p);
      const doc = {
        runId: report.runId,
        suite: s.suite,
        scenario: s.name,
        ...(s.node ? { node: s.node } : {}),
        check: { id: c.id, boundary: c.boundary, status: c.status, summary: c.summary, ...(c.advisory ? { advisory: true } : {}), durationMs: c.durationMs },
        evidence: c.evidence,
      };
      out.push({ path: p, text: `${JSON.stringify(doc, null, 2)}\n` });
    }
  }
  return out;
}
