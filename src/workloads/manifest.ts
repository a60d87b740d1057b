/** `--from-manifest FILE|DIR|-`: Kubernetes YAML (multi-document, Lists) -> derived scenarios, with file:line:col for bad input. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { UsageError } from '../errors.js';
import { derivePodTemplate } from './pod-spec.js';
import { podTemplates } from './pod-templates.js';
import { positionOf } from './yaml-positions.js';
import { fieldPath, FieldProblems, type DerivedScenario } from './types.js';

/** Largest manifest input accepted (all files together). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** What a manifest input holds. */
export interface ManifestWorkloads {
  scenarios: DerivedScenario[];
  /** Kinds that run no container, with counts (Service, ConfigMap, Secret: skipped, never read further). */
  skipped: Map<string, number>;
}

/** The YAML and JSON files of a directory, recursively, in a stable order. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Reads FILE, DIR or `-` (stdin) into named texts. */
export function readManifestInput(arg: string, stdin: () => string = () => readFileSync(0, 'utf8')): Array<{ file: string; text: string }> {
  if (arg === '-') return [{ file: '<stdin>', text: stdin() }];
  let files: string[];
  try {
    files = statSync(arg).isDirectory() ? filesIn(arg) : [arg];
  } catch {
    throw new UsageError(`--from-manifest: not found: ${arg}`);
  }
  if (files.length === 0) throw new UsageError(`--from-manifest: no .yaml, .yml or .json file in ${arg}`);
  let total = 0;
  return files.map((file) => {
    total += statSync(file).size;
    if (total > MAX_MANIFEST_BYTES) throw new UsageError(`--from-manifest: ${arg} holds more than ${MAX_MANIFEST_BYTES} bytes`);
    return { file, text: readFileSync(file, 'utf8') };
  });
}

/** Parses manifest texts; every problem is reported at once as file:line:col, and nothing runs. */
export function parseManifests(inputs: Array<{ file: string; text: string }>): ManifestWorkloads {
  const problems: string[] = [];
  const scenarios: DerivedScenario[] = [];
  const skipped = new Map<string, number>();
  for (const { file, text } of inputs) {
    if (text.includes('\0')) throw new UsageError(`${file}:1:1: not a text file`);
    const lines = new LineCounter();
    // Kubernetes reads YAML 1.1 (yes/no are booleans there): so does escapekit, to see what the cluster sees.
    const docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    if (!Array.isArray(docs)) problems.push(`${file}:1:1: not a YAML stream`);
    for (const doc of list) {
      for (const e of [...doc.errors, ...doc.warnings]) {
        const { line, col } = lines.linePos(e.pos[0]);
        problems.push(`${file}:${line}:${col}: invalid YAML: ${e.message.split('\n')[0]}`);
      }
      if (doc.errors.length || doc.warnings.length || doc.contents === null) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        problems.push(`${file}:1:1: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      if (value === null || value === undefined) continue;
      const p = new FieldProblems();
      for (const template of podTemplates(value, [], p, skipped)) scenarios.push(...derivePodTemplate(template, p));
      for (const x of p.list) problems.push(`${file}:${positionOf(doc, lines, x.path)}: ${x.message}${x.message.includes(fieldPath(x.path)) ? '' : ` (at ${fieldPath(x.path)})`}`);
    }
  }
  if (problems.length) throw new UsageError(`invalid manifest:\n${problems.slice(0, 50).map((x) => `  ${x}`).join('\n')}`);
  const seen = new Set<string>();
  for (const s of scenarios) {
    if (seen.has(s.name)) throw new UsageError(`--from-manifest: ${s.name} appears twice`);
    seen.add(s.name);
  }
  return { scenarios, skipped };
}
