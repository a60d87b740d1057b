/** Reads a compose file (YAML; no docker-compose binary needed) into derived scenarios, with file:line:col for bad input. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { UsageError } from '../errors.js';
import { deriveService } from './compose.js';
import { fieldPath, FieldProblems, type DerivedScenario } from './types.js';
import { objectAt, stringAt } from './values.js';
import { positionOf } from './yaml-positions.js';

/** Largest compose file accepted. */
export const MAX_COMPOSE_BYTES = 4 * 1024 * 1024;

/** Parses compose text; `file` locates relative bind sources and names problems. */
export function parseCompose(text: string, file: string): DerivedScenario[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems = [...doc.errors, ...doc.warnings].map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    return `${file}:${line}:${col}: invalid YAML: ${e.message.split('\n')[0]}`;
  });
  const scenarios: DerivedScenario[] = [];
  if (problems.length === 0) {
    const p = new FieldProblems();
    let root: unknown;
    try {
      root = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new UsageError(`${file}:1:1: ${(error as Error).message.split('\n')[0]}`);
    }
    const top = objectAt(root, [], p);
    const services = objectAt(top?.services, ['services'], p);
    if (!services || Object.keys(services).length === 0) p.add(['services'], 'a compose file needs services');
    const project = (stringAt(top?.name, ['name'], p) ?? path.basename(path.dirname(path.resolve(file)))).toLowerCase();
    for (const [name, svc] of Object.entries(services ?? {})) {
      const o = objectAt(svc, ['services', name], p);
      if (o) scenarios.push(deriveService(project, name, o, ['services', name], path.dirname(path.resolve(file)), p));
    }
    for (const x of p.list) problems.push(`${file}:${positionOf(doc, lines, x.path)}: ${x.message}${x.message.includes(fieldPath(x.path)) ? '' : ` (at ${fieldPath(x.path)})`}`);
  }
  if (problems.length) throw new UsageError(`invalid compose file:\n${problems.slice(0, 50).map((x) => `  ${x}`).join('\n')}`);
  return scenarios;
}

/** Reads and parses a compose file from disk. */
export function loadCompose(file: string): DerivedScenario[] {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`--from-compose: not found: ${file}`);
  }
  if (size > MAX_COMPOSE_BYTES) throw new UsageError(`${file}:1:1: compose file is ${size} bytes, larger than the ${MAX_COMPOSE_BYTES}-byte limit`);
  return parseCompose(readFileSync(file, 'utf8'), file);
}
