/** readText reads procfs files whole, past the one page a single read returns. */
import test from 'ava';
import { readText } from '../../../probes/lib/fs.js';
import { readFileSync } from 'node:fs';

test('reads /proc/self/mountinfo completely (procfs returns one page per read)', async (t) => {
  const r = await readText('/proc/self/mounts');
  t.true(r.ok);
  if (r.ok) t.is(r.text.split('\n').length, readFileSync('/proc/self/mounts', 'utf8').split('\n').length);
});

test('stops at the limit and reports errno codes', async (t) => {
  const r = await readText('/proc/self/status', 10);
  t.true(r.ok && r.text.length === 10);
  t.deepEqual(await readText('/nonexistent/file'), { ok: false, error: 'ENOENT' });
});
