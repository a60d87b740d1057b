/** The result table with an evidence spool: what the runner keeps is keys and verdicts, and every output equals the in-memory encoding byte for byte. */
import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAtomic } from '../../../src/cli/output.js';
import { evidenceFiles } from '../../../src/bundle/evidence.js';
import { encodeReport } from '../../../src/model/encode-report.js';
import { heldEvidence } from '../../../src/model/evidence-source.js';
import { EvidenceSpool } from '../../../src/model/evidence-spool.js';
import type { Report, ScenarioReport } from '../../../src/model/report.js';
import { ResultTable } from '../../../src/model/result-table.js';
import { jsonReportChunks, renderJson } from '../../../src/report/json.js';
import { REPORTERS } from '../../../src/report/index.js';
import { richReport } from '../../helpers/rich-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-result-table-'));

/** The rich report on 6 nodes; node-5 sees other evidence in its first check, as a node naming its own pod would. */
function perNode(): Report {
  const r = richReport({ withError: true });
  const base = r.scenarios.map((s) => JSON.stringify(s));
  r.scenarios = [];
  for (let n = 0; n < 6; n++) {
    for (const text of base) {
      const s = { ...(JSON.parse(text) as ScenarioReport), node: `node-${n}` };
      if (n === 5 && s.checks[0]?.evidence) s.checks[0] = { ...s.checks[0], evidence: { ...s.checks[0].evidence, pod: 'ek-node-5-abcdef' } };
      r.scenarios.push(s);
    }
  }
  return r;
}

/** The same report as the runner assembles it: results added one by one, each parsed afresh as from its probe. */
function streamed(r: Report, spool: EvidenceSpool): Report {
  const table = new ResultTable(spool);
  return { ...r, scenarios: r.scenarios.map((s) => table.add(JSON.parse(JSON.stringify(s)) as ScenarioReport).scenario) };
}

test('results kept by the runner hold evidence by key, not the documents; the spool has each distinct document once', (t) => {
  const spool = new EvidenceSpool();
  t.teardown(() => spool.dispose());
  const r = perNode();
  const kept = streamed(r, spool);
  const withEvidence = kept.scenarios.flatMap((s) => s.checks).filter((c) => heldEvidence(c));
  t.true(withEvidence.length > 0);
  for (const s of kept.scenarios) {
    for (const c of s.checks) {
      const d = Object.getOwnPropertyDescriptor(c, 'evidence')!;
      // Structural: either no evidence at all, or a getter holding a key into the spool, never the document itself.
      t.true(d.value === null || (d.get !== undefined && d.value === undefined && heldEvidence(c)?.source === spool), `${s.name}/${c.id}`);
    }
    const env = Object.getOwnPropertyDescriptor(s, 'environment');
    t.true(env === undefined || env.get !== undefined);
  }
  const distinct = new Set(r.scenarios.flatMap((s) => [...s.checks.map((c) => c.evidence), s.environment]).filter((e) => e != null).map((e) => JSON.stringify(e)));
  t.is(spool.size, distinct.size, 'identical evidence is stored once');
  const lines = readFileSync(path.join(spool.dir, 'evidence.jsonl'), 'utf8').trim().split('\n');
  t.is(lines.length, distinct.size);
  t.deepEqual(kept.scenarios, r.scenarios, 'held evidence reads back as it was');
});

test('round trip: the streamed JSON, the bundle evidence and every rendered format equal the in-memory encoding byte for byte', (t) => {
  const spool = new EvidenceSpool();
  t.teardown(() => spool.dispose());
  const r = perNode();
  const kept = streamed(r, spool);
  const expected = renderJson(r);
  t.is(renderJson(kept), expected);
  t.is([...jsonReportChunks(kept)].join(''), expected);
  const file = path.join(dir, 'streamed.json');
  writeAtomic(file, jsonReportChunks(kept));
  t.is(readFileSync(file, 'utf8'), expected);
  t.deepEqual(encodeReport(kept), encodeReport(r));
  t.deepEqual([...evidenceFiles(kept)], [...evidenceFiles(r)]);
  for (const [format, render] of Object.entries(REPORTERS)) t.is(render(kept, false), render(r, false), format);
});

test('a piece-by-piece write that fails leaves neither the file nor its temporary copy', (t) => {
  const file = path.join(dir, 'failing.json');
  function* chunks() {
    yield '{\n';
    throw new Error('evidence spool was cut short');
  }
  t.throws(() => writeAtomic(file, chunks()), { message: /cut short/ });
  t.deepEqual(readdirSync(dir).filter((f) => f.startsWith('failing')), []);
});
