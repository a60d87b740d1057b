/**
 * Raw evidence in the bundle, stored once per distinct document: evidence/<sha256>.json, where the
 * name is the SHA-256 of the file's bytes (the document's canonical JSON) and report.json's
 * `evidence` keys point to it. The manifest lists and signs every one of these files.
 */
import { canonicalJson } from '../model/content-hash.js';
import type { Report } from '../model/report.js';
import { ResultTable } from '../model/result-table.js';

/** One evidence file to write: relative path and JSON text. */
export interface EvidenceFile {
  path: string;
  text: string;
}

/** The evidence files of a report, one at a time: one per distinct evidence document (check evidence and probe environments), loaded as written. */
export function* evidenceFiles(report: Report): Generator<EvidenceFile> {
  const table = new ResultTable();
  for (const s of report.scenarios) table.add(s);
  for (const [hash, source] of table.evidence) yield { path: `evidence/${hash}.json`, text: canonicalJson(source.load(hash)) };
}
