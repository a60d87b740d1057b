/**
 * Parses what a probe printed. The probe is untrusted (a compromised container can print
 * anything): size-limited, marker-delimited, shape-validated, never evaluated as code.
 */
import { AGENT_BEGIN, AGENT_END, type AgentCheckOutput, type AgentOutput, type Evidence } from '../../probes/model.js';

/** Largest probe output accepted. */
export const MAX_PROBE_OUTPUT_BYTES = 2 * 1024 * 1024;
/** Largest evidence accepted per check, serialised. */
export const MAX_EVIDENCE_BYTES = 256 * 1024;

/** Parsed probe output, or why it was rejected. */
export type ParsedProbeOutput = { ok: true; output: AgentOutput } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function validResult(r: unknown, known: ReadonlySet<string>): r is AgentCheckOutput {
  if (!isObject(r) || typeof r.id !== 'string' || !known.has(r.id) || typeof r.ok !== 'boolean') return false;
  if (typeof r.durationMs !== 'number' || !Number.isFinite(r.durationMs)) return false;
  if (r.ok) return isObject(r.evidence) && JSON.stringify(r.evidence).length <= MAX_EVIDENCE_BYTES;
  return typeof r.error === 'string' || typeof r.skipped === 'string';
}

/** Extracts and validates the agent document from raw stdout; `challenge`, when given, must be echoed by it. */
export function parseProbeOutput(raw: string, knownCheckIds: ReadonlySet<string>, challenge?: string): ParsedProbeOutput {
  if (Buffer.byteLength(raw) > MAX_PROBE_OUTPUT_BYTES) return { ok: false, reason: `output larger than ${MAX_PROBE_OUTPUT_BYTES} bytes` };
  const begin = raw.indexOf(`${AGENT_BEGIN}\n`);
  const end = raw.lastIndexOf(`\n${AGENT_END}`);
  if (begin < 0 || end < begin) return { ok: false, reason: 'no agent document between the markers' };
  let doc: unknown;
  try {
    doc = JSON.parse(raw.slice(begin + AGENT_BEGIN.length + 1, end));
  } catch {
    return { ok: false, reason: 'agent document is not valid JSON' };
  }
  if (!isObject(doc) || !isObject(doc.agent) || !Array.isArray(doc.results)) return { ok: false, reason: 'agent document has the wrong shape' };
  if (doc.agent.version !== 1) return { ok: false, reason: `unsupported agent protocol version ${String(doc.agent.version).slice(0, 20)}` };
  const seen = new Set<string>();
  for (const r of doc.results) {
    if (!validResult(r, knownCheckIds)) return { ok: false, reason: `invalid or unknown check result ${JSON.stringify(r).slice(0, 80)}` };
    if (seen.has(r.id)) return { ok: false, reason: `duplicate result for ${r.id}` };
    seen.add(r.id);
  }
  if (challenge !== undefined && doc.agent.challenge !== challenge) {
    return { ok: false, reason: 'agent document does not echo this probe\'s challenge: a canned or replayed document (or an image built from an older escapekit)' };
  }
  const environment = isObject(doc.environment) && JSON.stringify(doc.environment).length <= MAX_EVIDENCE_BYTES ? (doc.environment as Evidence) : {};
  const durationMs = typeof doc.agent.durationMs === 'number' ? doc.agent.durationMs : 0;
  return { ok: true, output: { agent: { version: 1, node: String(doc.agent.node ?? '').slice(0, 40), durationMs }, environment, results: doc.results as AgentCheckOutput[] } };
}
