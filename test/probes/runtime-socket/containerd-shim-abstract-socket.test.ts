/** containerd-shim-abstract-socket: holds only with both socket counts read and consistent; the contract rejects foreign names. */
import test from 'ava';
import check from '../../../probes/runtime-socket/containerd-shim-abstract-socket.js';

const read = { netUnixError: null, boundSockets: 23, abstractSockets: 1, shimSockets: [] };

test('both counts read and consistent, no shim socket: holds', (t) => {
  t.is(check.evaluate(read as never).status, 'holds');
});

test('an unread abstract count is inconclusive, not "0 abstract"', (t) => {
  const v = check.evaluate({ ...read, abstractSockets: null } as never);
  t.is(v.status, 'inconclusive');
  t.regex(v.summary, /no socket counts/);
});

test('more abstract sockets than bound ones is inconclusive', (t) => {
  t.is(check.evaluate({ ...read, abstractSockets: 30 } as never).status, 'inconclusive');
});

test('the contract accepts recorded evidence and rejects a socket name outside @/containerd-shim/', (t) => {
  t.is(check.evidence!.check(read, 'evidence'), null);
  const foreign = { ...read, shimSockets: [{ name: '@/other/shim.sock', connected: false }] };
  t.regex(check.evidence!.check(foreign, 'evidence') ?? '', /shimSockets\[0\]\.name/);
});
