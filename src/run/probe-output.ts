/**
 * Parses what a probe printed. The probe is untrusted (a compromised container can print
 * anything): size-limited, marker-delimited, shape-validated, never evaluated as code.
 */
import { AGENT_BEGIN, AGENT_END, type AgentCheckOutput, type AgentOutput, type Evidence } from '../../probes/model.js';

/** Largest probe output accepted. */
export const MAX_PROBE_OUTPUT_BYTES = 2 * 1024 * 1024;
/** Largest evidence accepted per check, serialised. */
export const MAX_EVIDENCE_BYTES = 256 * 1024;

/** Deepest nesting of arrays and objects accepted in a document (real evidence stays below 10). */
export const MAX_DOCUMENT_DEPTH = 64;
/** Longest single string accepted in a document, in characters. */
export const MAX_STRING_CHARS = 256 * 1024;

/** Parsed probe output, or why it was rejected. */
export type ParsedProbeOutput = { ok: true; output: AgentOutput } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a JSON text nests too deep or holds too long a string, found by one linear scan before
 * anything recursive (JSON.parse, JSON.stringify, evaluate) sees it; undefined when within bounds.
 */
export function documentBoundsProblem(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) {
        inString = false;
        if (i - stringStart > MAX_STRING_CHARS) return `a string longer than ${MAX_STRING_CHARS} characters`;
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DOCUMENT_DEPTH) return `nesting deeper than ${MAX_DOCUMENT_DEPTH} levels`;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  if (inString && text.length - stringStart > MAX_STRING_CHARS) return `a string longer than ${MAX_STRING_CHARS} characters`;
  return undefined;
}

/** A short, printable description of an untrusted value for a reason text (never calls its toString). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 20));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
}

function validResult(r: unknown, known: ReadonlySet<string>): r is AgentCheckOutput {
  if (!isObject(r) || typeof r.id !== 'string' || !known.has(r.id) || typeof r.ok !== 'boolean') return false;
  if (typeof r.durationMs !== 'number' || !Number.isFinite(r.durationMs)) return false;
  if (r.ok) return isObject(r.evidence) && JSON.stringify(r.evidence).length <= MAX_EVIDENCE_BYTES;
  // A failed result carries a string error or a string skip reason, and nothing of another type under those names.
  if (('error' in r && typeof r.error !== 'string') || ('skipped' in r && typeof r.skipped !== 'string')) return false;
  return typeof r.error === 'string' || typeof r.skipped === 'string';
}

/** Extracts and validates the agent document from raw stdout; `challenge`, when given, must be echoed by it. */
export function parseProbeOutput(raw: string, knownCheckIds: ReadonlySet<string>, challenge?: string): ParsedProbeOutput {
  if (Buffer.byteLength(raw) > MAX_PROBE_OUTPUT_BYTES) return { ok: false, reason: `output larger than ${MAX_PROBE_OUTPUT_BYTES} bytes` };
  const begin = raw.indexOf(`${AGENT_BEGIN}\n`);
  const end = raw.lastIndexOf(`\n${AGENT_END}`);
  if (begin < 0 || end < begin) return { ok: false, reason: 'no agent document between the markers' };
  const body = raw.slice(begin + AGENT_BEGIN.length + 1, end);
  const bounds = documentBoundsProblem(body);
  if (bounds) return { ok: false, reason: `agent document has ${bounds}` };
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'agent document is not valid JSON' };
  }
  if (!isObject(doc) || !isObject(doc.agent) || !Array.isArray(doc.results)) return { ok: false, reason: 'agent document has the wrong shape' };
  if (doc.agent.version !== 1) return { ok: false, reason: `unsupported agent protocol version ${describe(doc.agent.version)}` };
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
  const durationMs = typeof doc.agent.durationMs === 'number' && Number.isFinite(doc.agent.durationMs) ? doc.agent.durationMs : 0;
  // Only a string is a node version: any other value (an object with a hostile toString included) is dropped.
  const node = typeof doc.agent.node === 'string' ? doc.agent.node.slice(0, 40) : '';
  return { ok: true, output: { agent: { version: 1, node, durationMs }, environment, results: doc.results as AgentCheckOutput[] } };
}
