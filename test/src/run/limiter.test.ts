/** The request gate: never more than its limit at once, every task run, in arrival order, failures released. */
import test from 'ava';
import { limiter } from '../../../src/run/pool.js';

test('at most `limit` tasks run at once and all of them run, in order', async (t) => {
  const gate = limiter(3);
  let running = 0;
  let peak = 0;
  const started: number[] = [];
  await Promise.all(Array.from({ length: 20 }, (_, i) => gate(async () => {
    started.push(i);
    peak = Math.max(peak, ++running);
    await new Promise((r) => setTimeout(r, 5 + (i % 4)));
    running--;
  })));
  t.is(peak, 3);
  t.deepEqual(started, Array.from({ length: 20 }, (_, i) => i));
});

test('a failing task frees its place and its error reaches the caller', async (t) => {
  const gate = limiter(1);
  await t.throwsAsync(gate(async () => { throw new Error('boom'); }), { message: 'boom' });
  t.is(await gate(async () => 'next'), 'next');
});
