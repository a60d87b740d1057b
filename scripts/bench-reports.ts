/**
 * `npm run bench:reports [-- --from REPORT.json]`: report size, time and peak memory at scale.
 * Takes a real run's results (a saved report, or a fresh docker-baseline + docker-canaries run),
 * synthesizes 2,200 and 22,000 scenario results from them (100 and 1,000 nodes of the three
 * Kubernetes suites), once with identical nodes and once with each node's own pod names,
 * namespace inodes and container ids (as real nodes report them), writes each as a JSON report and renders every format from it with
 * `escapekit report` in its own process, measuring wall time and peak RSS (GNU time).
 * Also feeds the results one at a time through the runner's result table with its evidence
 * spool, as a run does, and reports the heap it keeps and the spool's size. Prints a Markdown table (docs/scale.md, "Report size and memory").
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readReportFile } from '../src/model/read-report.js';
import type { Report, ScenarioReport } from '../src/model/report.js';
import { EvidenceSpool } from '../src/model/evidence-spool.js';
import { ResultTable } from '../src/model/result-table.js';
import { renderJson } from '../src/report/json.js';
import { paths } from '../src/paths.js';
import { synthesizeNodes } from './synthesize-nodes.js';

const SIZES = (process.env.ESCAPEKIT_BENCH_SIZES ?? '2200,22000').split(',').map(Number);
const FORMATS = ['json', 'html', 'markdown', 'sarif', 'junit', 'console'] as const;
const EXT: Record<(typeof FORMATS)[number], string> = { json: 'json', html: 'html', markdown: 'md', sarif: 'sarif', junit: 'xml', console: 'txt' };
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`;
const CLI = path.join(paths.root, 'bin', 'escapekit.js');

/** Runs `escapekit ARGS` under GNU time; returns wall seconds and peak RSS in bytes. */
function timedCli(args: string[]): { seconds: number; peak: number } {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ek-time-'));
  const stats = path.join(out, 'time');
  execFileSync('/usr/bin/time', ['-o', stats, '-f', '%e %M', process.execPath, CLI, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const [seconds, kb] = readFileSync(stats, 'utf8').trim().split(/\s+/).map(Number);
  return { seconds, peak: kb * 1024 };
}

/** A real run's report: the file given, or a fresh run of the Docker suites. */
function realReport(from: string | undefined, dir: string): Report {
  if (from) return readReportFile(from);
  const file = path.join(dir, 'real.json');
  try {
    execFileSync(process.execPath, [CLI, 'run', '--suite', 'docker-baseline', '--suite', 'docker-canaries', '--quiet', '--report', `json=${file}`], { stdio: 'inherit' });
  } catch {
    // exit 1 or 2 (an unmet expectation, a posture this engine refuses) still leaves a report to scale
  }
  return readReportFile(file);
}

/**
 * Heap kept by the runner's result table after the synthetic results arrive one by one, each
 * parsed afresh as from a probe, evidence going to a spool as in a run; and the spool's size.
 */
function runnerHeap(synthetic: Report): { heap: number; spool: number } {
  const texts = synthetic.scenarios.map((s) => JSON.stringify(s));
  const spool = new EvidenceSpool();
  try {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const table = new ResultTable(spool);
    const kept: ScenarioReport[] = [];
    for (const text of texts) kept.push(table.add(JSON.parse(text) as ScenarioReport).scenario);
    globalThis.gc?.();
    const heap = process.memoryUsage().heapUsed - before;
    if (kept.length !== texts.length) throw new Error('unreachable');
    return { heap, spool: statSync(path.join(spool.dir, 'evidence.jsonl')).size };
  } finally {
    spool.dispose();
  }
}

const { values } = parseArgs({ options: { from: { type: 'string' } } });
const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-bench-reports-'));
const real = realReport(values.from, dir);
const v1PerResult = real.scenarios.reduce((a, s) => a + Buffer.byteLength(JSON.stringify(s, null, 2)), 0) / real.scenarios.length;
console.log(`real run ${real.runId}: ${real.scenarios.length} scenario results (${real.scenarios.filter((s) => s.admission === 'allowed').length} admitted, ${Math.max(0, ...real.scenarios.map((s) => s.checks.length))} checks each); v1 JSON ${MB(v1PerResult)} per result`);
const rows: string[] = ['| results (nodes) | format | size | render time | peak RSS |', '| --- | --- | --- | --- | --- |'];
for (const [size, podNames] of SIZES.flatMap((n) => [[n, false], [n, true]] as Array<[number, boolean]>)) {
  const synthetic = synthesizeNodes(real, size, podNames);
  const nodes = synthetic.scenarios.length / new Set(synthetic.scenarios.map((s) => `${s.suite}/${s.name}`)).size;
  const label = `${synthetic.scenarios.length} (${nodes} nodes${podNames ? ', own pod names' : ', identical'})`;
  const input = path.join(dir, `r${size}${podNames ? 'p' : ''}.json`);
  const started = performance.now();
  writeFileSync(input, renderJson(synthetic));
  const encodeMs = performance.now() - started;
  console.log(`${label}: JSON written in ${Math.round(encodeMs)} ms, ${MB(statSync(input).size)} (version 1 would be about ${MB(v1PerResult * synthetic.scenarios.length)})`);
  for (const format of FORMATS) {
    const out = path.join(dir, `r${size}${podNames ? 'p' : ''}.${EXT[format]}`);
    const { seconds, peak } = timedCli(['report', input, '--report', `${format}=${out}`]);
    const line = `| ${label} | ${format} | ${MB(statSync(out).size)} | ${seconds.toFixed(2)} s | ${Math.round(peak / 1e6)} MB |`;
    rows.push(line);
    console.log(line);
  }
  const { heap, spool } = runnerHeap(synthetic);
  console.log(`${label}: runner result table keeps ${MB(heap)} of heap (${Math.round(heap / synthetic.scenarios.length)} bytes per result), evidence spool ${MB(spool)}`);
  rows.push(`| ${label} | runner: results kept in memory | ${MB(spool)} spooled | | ${MB(heap)} heap |`);
}
console.log(`\n${rows.join('\n')}\noutputs in ${dir}`);
