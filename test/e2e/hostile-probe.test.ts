/**
 * Hostile probe output, end to end: images built FROM the probe image whose command prints a
 * forged or hostile agent document (10 MB of output, a valid-looking document after 3 MB, a
 * well-formed canned document claiming every boundary holds (no challenge echoed),
 * broken JSON with terminal escapes, `<script>` in unknown check ids, a document claiming
 * every boundary holds under the wrong protocol version, no markers, duplicate results, wrong
 * shape, and well-formed results whose evidence is garbage). The runner must reject or
 * distrust each one (inconclusive, "probe output rejected"), never report "holds" from it,
 * never crash or hang, never echo terminal escapes or unescaped HTML, and leave no container.
 */
import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import { AGENT_BEGIN, AGENT_END } from '../../probes/model.js';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { buildTestImage, busyboxSh, probeImage, removeTestImages } from '../helpers/test-images.js';

const BB = '/bin/busybox';
const SCRIPT = '<script>alert(1)</script>';
const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-hostile-'));

/** A shell step printing `text` exactly (base64 keeps quoting out of the way). */
const print = (text: string) => `printf %s ${Buffer.from(text).toString('base64')} | ${BB} base64 -d`;
const document = (version: number, results: unknown[]) => JSON.stringify({ agent: { version, node: 'v20', durationMs: 1 }, environment: {}, results });
const CHALLENGE_SLOT = 'CHALLENGE_SLOT';
const documentWith = (challenge: string, results: unknown[]) => JSON.stringify({ agent: { version: 1, node: 'v20', durationMs: 1, challenge }, environment: {}, results });
const framed = (body: string) => `${AGENT_BEGIN}\n${body}\n${AGENT_END}\n`;

/** Every check's "holds" fixture as a result: a document claiming every boundary holds. */
function allHolds(): unknown[] {
  return CHECKS.flatMap((c) => {
    const fixtures = path.join(REPO_ROOT, 'probes', c.boundary, `${c.id}.fixtures`);
    const file = readdirSync(fixtures).find((f) => /^holds.*\.json$/.test(f));
    return file ? [{ id: c.id, ok: true, evidence: JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')), durationMs: 1 }] : [];
  });
}

interface HostileCase {
  name: string;
  script: string;
  /** Why the runner must reject the output; absent when the document is accepted but its evidence is garbage. */
  rejected?: RegExp;
}

function cases(): HostileCase[] {
  const holds = allHolds();
  const one = holds[0];
  return [
    { name: 'ten-megabytes', script: `${BB} yes 0123456789abcdef0123456789abcdef | ${BB} head -c 10485760`, rejected: /output larger than \d+ bytes/ },
    { name: 'huge-then-document', script: `${BB} yes x | ${BB} head -c 3000000; ${print(framed(document(1, holds)))}`, rejected: /output larger than \d+ bytes/ },
    { name: 'invalid-json', script: print(`\x1b]0;pwned\x07\x1b[2J\x1b[31m${AGENT_BEGIN}\n{"agent":{"version":1},"results":[{"id":\n${AGENT_END}\n`), rejected: /agent document is not valid JSON/ },
    { name: 'script-unknown-ids', script: print(framed(document(1, [{ id: SCRIPT, ok: true, evidence: { html: SCRIPT }, durationMs: 1 }]))), rejected: /invalid or unknown check result/ },
    { name: 'wrong-version-all-holds', script: print(framed(document(2, holds))), rejected: /unsupported agent protocol version 2/ },
    { name: 'no-markers', script: print(document(1, holds)), rejected: /no agent document between the markers/ },
    { name: 'duplicate-results', script: print(framed(document(1, [one, one]))), rejected: /duplicate result for/ },
    { name: 'wrong-shape', script: print(framed('[1,2,3]')), rejected: /agent document has the wrong shape/ },
    // A perfectly well-formed document claiming every boundary holds, but canned: no challenge echoed.
    { name: 'canned-all-holds', script: print(framed(document(1, holds))), rejected: /agent document does not echo this probe's challenge/ },
    // Echoes the challenge (read from its request, as a hostile image could), but its evidence is garbage.
    { name: 'garbage-evidence', script: `c=$(echo "$ESCAPEKIT_AGENT" | ${BB} sed -n 's/.*"challenge":"\\([0-9a-f]*\\)".*/\\1/p'); ${print(framed(documentWith(CHALLENGE_SLOT, CHECKS.map((c) => ({ id: c.id, ok: true, evidence: { x: SCRIPT, status: 'holds', n: -1 }, durationMs: 1 })))))} | ${BB} sed "s/${CHALLENGE_SLOT}/$c/"` },
  ];
}

test('hostile probe output is rejected or distrusted, never trusted to hold', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  t.timeout(240_000);
  const base = await probeImage();
  const list = cases();
  const tags = list.map((c) => `escapekit-test/hostile-${c.name}:${process.pid}`);
  const suite = path.join(dir, 'suite.yaml');
  // The suite claims everything holds: a forged "holds" would make the run pass.
  writeFileSync(suite, 'name: hostile\ntarget: docker\nscenarios:\n  - name: forged\n    posture: {}\n    expect: { holds: ["*"] }\n');
  try {
    await Promise.all(list.map((c, i) => buildTestImage(docker, tags[i], base, busyboxSh(c.script))));
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < list.length) {
        const i = next++;
        const c = list[i];
        const json = path.join(dir, `${c.name}.json`);
        const html = path.join(dir, `${c.name}.html`);
        const started = Date.now();
        const r = await runCli(['run', '--suite', suite, '--image', tags[i], '--timeout', '30', '--report', `json=${json}`, '--report', `html=${html}`]);
        const ms = Date.now() - started;
        t.true(r.code === 1 || r.code === 2, `${c.name}: exit ${r.code}\n${r.stderr}`);
        t.true(ms < 60_000, `${c.name}: ${ms} ms`);
        t.false(/internal error|\n\s+at .+:\d+:\d+/.test(r.stderr), `${c.name}: ${r.stderr}`);
        t.false(r.stderr.includes('\x1b'), `${c.name}: terminal escapes reached the console`);
        const report = readReportFile(json);
        const s = report.scenarios[0];
        const trusted = s.checks.filter((x) => x.status === 'holds' || x.status === 'broken').map((x) => `${x.id}=${x.status}`);
        t.deepEqual(trusted, [], `${c.name}: verdicts from hostile output`);
        t.false(Object.values(s.boundaries).includes('holds'), `${c.name}: a boundary holds`);
        t.false(s.expectation.met, c.name);
        if (c.rejected) {
          t.regex(s.error ?? '', new RegExp(`probe output rejected: ${c.rejected.source}`), c.name);
          t.true(s.checks.filter((x) => x.status === 'inconclusive').every((x) => /probe output rejected/.test(x.summary)), c.name);
        } else {
          t.notRegex(s.error ?? '', /probe output rejected/, `${c.name}: the document should pass the envelope checks and be distrusted check by check`);
        }
        t.false(readFileSync(html, 'utf8').includes(SCRIPT), `${c.name}: unescaped <script> in the HTML report`);
        t.deepEqual(await labelledContainers(docker, report.runId), [], c.name);
      }
    }));
  } finally {
    await removeTestImages(docker, tags);
  }
});
