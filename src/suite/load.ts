/** Loads a suite file: YAML -> validated Suite, or a UsageError listing file:line:col problems. */
import { isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { BOUNDARY_IDS, type BoundaryId } from '../../probes/model.js';
import { UsageError } from '../errors.js';
import { decodeUtf8, readInputFile } from '../io/safe-read.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { readEnum, readList, readMap, readString, truncate } from './nodes.js';
import { readPosture } from './posture-reader.js';
import { formatProblem, Problems } from './problems.js';
import type { Expectation, Scenario, Suite } from './types.js';

/** Largest suite file accepted. */
export const MAX_SUITE_BYTES = 1024 * 1024;
const NAME = { re: /^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$/, text: 'use lowercase letters, digits and dashes (at most 52), starting and ending with a letter or digit' };

function readBoundaries(node: Node | undefined, where: string, p: Problems, allowStar: boolean): Array<BoundaryId | '*'> {
  const list = readList(node, where, p, (n, i) => {
    const value = isScalar(n) ? n.value : undefined;
    if (allowStar && value === '*') return '*' as const;
    if (typeof value !== 'string' || !(BOUNDARY_IDS as readonly string[]).includes(value)) {
      p.at(n, `${where}[${i}]: unknown boundary id '${truncate(String(value))}' (known: ${BOUNDARY_IDS.join(', ')}${allowStar ? ", or '*'" : ''})`);
      return undefined;
    }
    return value as BoundaryId;
  });
  return list ?? [];
}

function readExpect(node: Node | undefined, p: Problems): Expectation {
  const expect: Expectation = { broken: [], holds: [], admission: 'allowed' };
  if (node === undefined) return expect;
  const m = readMap(node, ['broken', 'holds', 'admission'], 'expect', p);
  if (!m) return expect;
  if (m.has('broken')) expect.broken = readBoundaries(m.get('broken'), 'expect.broken', p, false) as BoundaryId[];
  if (m.has('holds')) expect.holds = readBoundaries(m.get('holds'), 'expect.holds', p, true);
  if (m.has('admission')) expect.admission = readEnum(m.get('admission'), ['allowed', 'denied'], 'expect.admission', p) ?? 'allowed';
  const both = expect.broken.filter((b) => expect.holds.includes(b));
  if (both.length) p.at(m.get('holds'), `expect lists ${both.join(', ')} as both broken and holds`);
  return expect;
}

function readScenario(node: Node, i: number, seen: Map<string, string>, p: Problems): Scenario | undefined {
  const m = readMap(node, ['name', 'description', 'posture', 'expect'], `scenarios[${i}]`, p);
  if (!m) return undefined;
  if (!m.has('name')) {
    p.at(node, `scenarios[${i}] needs a name`);
    return undefined;
  }
  const name = readString(m.get('name'), `scenarios[${i}].name`, p, NAME);
  if (name !== undefined && seen.has(name)) p.at(m.get('name'), `duplicate scenario name '${name}' (first at ${seen.get(name)})`);
  if (name !== undefined) seen.set(name, p.where(m.get('name')));
  const description = m.has('description') ? readString(m.get('description'), `scenarios[${i}].description`, p) : undefined;
  const posture = readPosture(m.get('posture'), p);
  const expect = readExpect(m.get('expect'), p);
  if (name === undefined) return undefined;
  return { name, ...(description !== undefined ? { description } : {}), posture, expect, location: p.where(node) };
}

/** Parses and validates suite text; `file` is used in messages only. */
export function parseSuite(text: string, file: string): Suite {
  const lines = new LineCounter();
  // YAML 1.2 core schema only: no 1.1 booleans (yes/no/on/off), no merge keys, no !!binary or !!timestamp.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core', merge: false, resolveKnownTags: false });
  const p = new Problems(file, lines);
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2') p.atOffset(0, `suites are YAML 1.2 (core schema); '%YAML ${doc.directives.yaml.version}' is not supported`);
  for (const error of doc.errors) p.atOffset(error.pos[0], `invalid YAML: ${error.message.split('\n')[0]}`);
  // Unresolved tags (!custom) are only warnings to the parser; a suite must not carry them silently.
  for (const warning of doc.warnings) p.atOffset(warning.pos[0], `invalid YAML: ${warning.message.split('\n')[0]}`);
  if (p.list.length === 0) {
    const m = readMap(doc.contents, ['name', 'description', 'target', 'podSecurity', 'scenarios'], 'the suite', p);
    if (m) {
      if (!m.has('name')) p.at(doc.contents, 'the suite needs a name');
      if (!m.has('scenarios')) p.at(doc.contents, 'the suite needs scenarios');
      const name = m.has('name') ? readString(m.get('name'), 'name', p, NAME) : undefined;
      const description = m.has('description') ? readString(m.get('description'), 'description', p) : undefined;
      const target = m.has('target') ? readEnum(m.get('target'), ['docker', 'kubernetes', 'any'], 'target', p) : 'any';
      const podSecurity = m.has('podSecurity') ? readEnum(m.get('podSecurity'), ['privileged', 'baseline', 'restricted'], 'podSecurity', p) : undefined;
      const seen = new Map<string, string>();
      const scenarios = m.has('scenarios') ? readList(m.get('scenarios'), 'scenarios', p, (n, i) => readScenario(n, i, seen, p)) : [];
      if (scenarios && m.has('scenarios') && scenarios.length === 0 && p.list.length === 0) p.at(m.get('scenarios'), 'scenarios must not be empty');
      if (p.list.length === 0 && name && target && scenarios) {
        return { name, ...(description !== undefined ? { description } : {}), target, ...(podSecurity ? { podSecurity } : {}), scenarios, file };
      }
    }
  }
  throw new UsageError(`invalid suite ${terminalSafe(file)}:\n${p.list.slice(0, 50).map((x) => `  ${formatProblem(x)}`).join('\n')}`);
}

/** Reads a suite file from disk: a regular file (no link, FIFO or device), at most MAX_SUITE_BYTES, strict UTF-8. */
export function loadSuiteFile(file: string, within?: string): Suite {
  const bytes = readInputFile(file, { maxBytes: MAX_SUITE_BYTES, what: 'suite file', ...(within ? { within } : {}) });
  return parseSuite(decodeUtf8(bytes, file, 'suite file'), file);
}
