/** Bounded command runs and errno recognition. */
import test from 'ava';
import { errnoFromText, runCommand } from '../../../probes/lib/exec.js';

test('errnoFromText maps busybox messages', (t) => {
  t.is(errnoFromText('unshare: unshare(0x20000): Operation not permitted'), 'EPERM');
  t.is(errnoFromText('mount: permission denied (are you root?)'), 'EACCES');
  t.is(errnoFromText('unshare: unshare(0x10000000): No space left on device'), 'ENOSPC');
  t.is(errnoFromText('something else'), null);
});

test('runCommand: success, exit code, missing binary, timeout', async (t) => {
  t.is((await runCommand('/bin/sh', ['-c', 'echo hi'])).stdout, 'hi\n');
  t.is((await runCommand('/bin/sh', ['-c', 'exit 3'])).exitCode, 3);
  t.is((await runCommand('/nonexistent/escapekit', [])).error, 'ENOENT');
  const slow = await runCommand('/bin/sh', ['-c', 'sleep 5'], 200);
  t.true(slow.timedOut);
  t.is(slow.error, 'ETIMEDOUT');
});
