/** readText reads procfs files whole, past the one page a single read returns. */
import test from 'ava';
import { readText } from '../../../probes/lib/fs.js';
import { readFileSync } from 'node:fs';

test('reads a procfs file longer than one page completely (procfs returns one page per read)', async (t) => {
  const whole = readFileSync('/proc/self/smaps', 'utf8');
  t.true(whole.length > 4096, `/proc/self/smaps is only ${whole.length} bytes: not a multi-page test`);
  const r = await readText('/proc/self/smaps', 4 * 1024 * 1024);
  // smaps describes this process, which may map a page more between the two reads: compare the start.
  t.true(r.ok && r.text.length > 4096, 'more than one page read');
  if (r.ok) t.is(r.text.split('\n')[0], whole.split('\n')[0]);
});

test('stops at the limit and reports errno codes', async (t) => {
  const r = await readText('/proc/self/status', 10);
  t.true(r.ok && r.text.length === 10);
  t.deepEqual(await readText('/nonexistent/file'), { ok: false, error: 'ENOENT' });
});
