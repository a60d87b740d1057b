/** The evidence spool: documents stored once by key, read back as written, removed on dispose and whatever ends the process. */
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentHash } from '../../../src/model/content-hash.js';
import { EvidenceSpool } from '../../../src/model/evidence-spool.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ek-spool-test-'));

test('a document is appended once per key and reads back as JSON.stringify wrote it', (t) => {
  const parent = tmp();
  const spool = new EvidenceSpool(parent);
  const doc = { b: 1, a: ['x', { z: null }], text: 'ünïcode \u2028 "quoted"' };
  const ref = contentHash(doc);
  spool.add(ref, doc);
  spool.add(ref, structuredClone(doc));
  spool.add(ref, { a: ['x', { z: null }], b: 1, text: doc.text }); // same key, other key order: the first stays
  const other = { n: 2 };
  spool.add(contentHash(other), other);
  t.is(spool.size, 2);
  t.is(spool.json(ref), JSON.stringify(doc));
  t.deepEqual(spool.load(ref), doc);
  t.deepEqual(spool.load(contentHash(other)), other);
  const lines = readFileSync(path.join(spool.dir, 'evidence.jsonl'), 'utf8').trim().split('\n');
  t.deepEqual(lines, [JSON.stringify(doc), JSON.stringify(other)], 'identical evidence is stored once');
  t.throws(() => spool.json('0'.repeat(64)), { message: /not in the spool/ });
  spool.dispose();
  spool.dispose();
  t.deepEqual(readdirSync(parent), [], 'dispose removes the spool folder');
  t.throws(() => spool.add(contentHash({ late: 1 }), { late: 1 }), { message: /disposed/ });
});

/** Runs a child that spools a document and then ends in `how`; returns what is left in its temporary folder. */
function leftAfter(how: string): { left: string[]; status: number | null } {
  const parent = tmp();
  const module = pathToFileURL(path.join(REPO_ROOT, 'dist', 'src', 'model', 'evidence-spool.js')).href;
  const script = `
    import { EvidenceSpool } from ${JSON.stringify(module)};
    const spool = new EvidenceSpool();
    spool.add('a'.repeat(64), { secret: 'evidence' });
    if (!spool.dir.startsWith(${JSON.stringify(parent)})) throw new Error('not under TMPDIR');
    ${how}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: parent }, encoding: 'utf8' });
  return { left: readdirSync(parent), status: r.status };
}

test('a process that fails or is interrupted mid-run leaves no spool behind', (t) => {
  t.deepEqual(leftAfter('throw new Error("failure mid-run")'), { left: [], status: 1 }, 'an uncaught error');
  t.deepEqual(leftAfter('process.on("SIGTERM", () => process.exit(2)); process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 5000);'), { left: [], status: 2 }, 'an interrupt whose handler exits (as escapekit run does)');
  t.deepEqual(leftAfter('process.exitCode = 0;'), { left: [], status: 0 }, 'a normal end');
  // The yardstick: the spool really is on disk while the process runs.
  const parent = tmp();
  const module = pathToFileURL(path.join(REPO_ROOT, 'dist', 'src', 'model', 'evidence-spool.js')).href;
  const seen = execFileSync(process.execPath, ['--input-type=module', '-e', `import { EvidenceSpool } from ${JSON.stringify(module)}; import { readdirSync } from 'node:fs'; new EvidenceSpool(); console.log(readdirSync(${JSON.stringify(parent)}).join(','));`], { env: { ...process.env, TMPDIR: parent }, encoding: 'utf8' });
  t.regex(seen, /^escapekit-spool-/);
  t.false(existsSync(path.join(parent, seen.trim())));
});
