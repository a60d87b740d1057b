/**
 * Fuzzing the suite loader: deterministic, seeded mutations of the shipped suites (byte
 * flips, YAML tokens, anchors/aliases/tags, indentation, truncation, line shuffles, splices,
 * type swaps, repetition). parseSuite must return a Suite or throw a UsageError naming
 * file:line:col; never another exception, never a hang. A failure prints its case number and
 * seed; replay with ESCAPEKIT_FUZZ_SEED=<seed>.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { BOUNDARY_IDS } from '../../../probes/model.js';
import { UsageError } from '../../../src/errors.js';
import { parseSuite } from '../../../src/suite/load.js';
import { resolveSuite, shippedSuiteNames } from '../../../src/suite/resolve.js';
import { seededRandom } from '../../helpers/spawn-cli.js';

const CASES = 2000;
const SEED = Number(process.env.ESCAPEKIT_FUZZ_SEED ?? 0x5eed);

const TOKENS = [
  '&a ', '*a', '*missing', '!!binary ', '!!str ', '!!int ', '!!map ', '!!set ', '!custom ', '{', '}', '[', ']', '- ', ': ', ':', '#', '"', "'", '|', '>-', '? ',
  '<<: *a', '\t', '\u202e', '\u0000', '\u001b[31m', '\ufeff', '~', 'null', 'true', 'no', '0x1F', '0o17', '1e999', '-.inf', '.nan', '...', '---', '%YAML 1.1\n', '%TAG ! tag:x:\n',
  '@', '`', '\\', '\r', '\n', 'ä', '💣', '{a: [b, {c: d}]}', '[*a, *a, *a]',
];
const VALUES = ['[]', '{}', '[a, b]', '{x: 1}', '0', '-1', '4294967296', '1.5', 'true', 'null', '~', '""', `"${'x'.repeat(5000)}"`, 'host-pid', '"*"', '/', '/etc', 'ALL', 'CAP_SYS_ADMIN', '&v [1]', '*v'];

type Random = () => number;
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const at = (r: Random, n: number) => Math.floor(r() * (n + 1));

/** One mutation of `text`; `others` are the other shipped suites (for splices). */
function mutate(text: string, r: Random, others: string[]): string {
  const lines = text.split('\n');
  const line = at(r, lines.length - 1);
  switch (Math.floor(r() * 10)) {
    case 0: { // flip one character
      const i = at(r, text.length - 1);
      return text.slice(0, i) + String.fromCharCode(Math.floor(r() * 128)) + text.slice(i + 1);
    }
    case 1: lines.splice(line, 1); break;
    case 2: lines.splice(line, 0, lines[line] ?? ''); break;
    case 3: { const j = at(r, lines.length - 1); [lines[line], lines[j]] = [lines[j], lines[line]]; break; }
    case 4: lines[line] = (r() < 0.5 ? ' '.repeat(1 + at(r, 3)) : r() < 0.5 ? '\t' : '') + (r() < 0.5 ? lines[line].trimStart() : lines[line]); break;
    case 5: { const i = at(r, text.length); return text.slice(0, i) + pick(r, TOKENS) + text.slice(i); }
    case 6: { // replace a value after "key: " with another type
      const m = /^(\s*-?\s*[\w-]+:\s).*/.exec(lines[line] ?? '');
      if (m) lines[line] = m[1] + pick(r, VALUES);
      break;
    }
    case 7: return text.slice(0, at(r, text.length));
    case 8: { const other = pick(r, others).split('\n'); lines.splice(line, 0, pick(r, other)); break; }
    default: { // repeat a chunk
      const i = at(r, text.length - 1);
      const chunk = text.slice(i, i + 1 + at(r, 40));
      return text.slice(0, i) + chunk.repeat(1 + at(r, 200)) + text.slice(i);
    }
  }
  return lines.join('\n');
}

test(`${CASES} seeded mutations of the shipped suites: a Suite or a UsageError, never a crash or a hang`, (t) => {
  t.timeout(60_000);
  const shipped = shippedSuiteNames().map((n) => readFileSync(resolveSuite(n), 'utf8'));
  const random = seededRandom(SEED);
  const failures: string[] = [];
  let accepted = 0;
  let slowest = 0;
  const started = performance.now();
  for (let n = 0; n < CASES; n++) {
    let text = pick(random, shipped);
    for (let k = 1 + at(random, 3); k > 0; k--) text = mutate(text, random, shipped);
    const t0 = performance.now();
    try {
      const suite = parseSuite(text, 'fuzz.yaml');
      accepted++;
      // An accepted suite keeps the loader's invariants.
      if (!/^[a-z0-9-]{1,52}$/.test(suite.name) || suite.scenarios.length === 0) failures.push(`case ${n}: accepted an invalid suite ${JSON.stringify(suite).slice(0, 200)}`);
      for (const s of suite.scenarios) for (const b of [...s.expect.broken, ...s.expect.holds]) if (b !== '*' && !(BOUNDARY_IDS as readonly string[]).includes(b)) failures.push(`case ${n}: accepted boundary ${b}`);
    } catch (error) {
      if (!(error instanceof UsageError)) failures.push(`case ${n}: ${String(error).slice(0, 200)} for ${JSON.stringify(text.slice(0, 300))}`);
      else if (!/fuzz\.yaml:\d+:\d+: /.test(error.message)) failures.push(`case ${n}: no position in ${JSON.stringify(error.message.slice(0, 200))}`);
    }
    slowest = Math.max(slowest, performance.now() - t0);
  }
  const ms = Math.round(performance.now() - started);
  t.log(`seed ${SEED}: ${CASES} cases in ${ms} ms, ${accepted} accepted, slowest ${Math.round(slowest)} ms`);
  t.deepEqual(failures.slice(0, 20), [], `seed ${SEED} (replay with ESCAPEKIT_FUZZ_SEED=${SEED})`);
  // A hang guard, not a speed test (the whole run's time depends on the machine's load): no case may take 5 s.
  t.true(slowest < 5000, `one case took ${Math.round(slowest)} ms (${CASES} cases in ${ms} ms)`);
  t.true(accepted > 0 && accepted < CASES, 'the mutations produce both valid and invalid suites');
});
