import test from 'ava';
import { pidNamespaceOwner, readAncestry, type AncestorLink } from '../../../probes/lib/pid-ancestry.js';

const own = 'mnt:[4026532289]';
const link = (pid: number, ppid: number | null, comm: string | null, mountNamespace: string | null): AncestorLink => ({ pid, ppid, comm, mountNamespace });

test('the probe as PID 1 with PPid 0: a namespace of its own', (t) => {
  t.is(pidNamespaceOwner([link(1, 0, 'node', own)]).owner, 'own');
});

test('ancestors up to PPid 0 in the probe\'s mount namespace (docker-init): its own', (t) => {
  t.is(pidNamespaceOwner([link(6, 1, 'node', own), link(1, 0, 'docker-init', own)]).owner, 'own');
});

test('a visible ancestor in another mount namespace is the runtime: its namespace', (t) => {
  const r = pidNamespaceOwner([link(4436, 4400, 'node', own), link(4400, 1, 'containerd-shim', 'mnt:[4026532183]'), link(1, 0, 'systemd', 'mnt:[4026532183]')]);
  t.is(r.owner, 'runtime');
  t.regex(r.reason, /containerd-shim\(4400\)/);
});

test('an ancestor whose mount namespace is unreadable is never counted as the container\'s', (t) => {
  t.is(pidNamespaceOwner([link(4436, 4400, 'node', own), link(4400, 1, 'containerd-shim', null), link(1, 0, 'systemd', null)]).owner, 'unknown');
});

test('unreadable status, a chain cut before PPid 0, an unreadable own mount namespace, or no chain: unknown', (t) => {
  t.is(pidNamespaceOwner([link(1, null, null, own)]).owner, 'unknown');
  t.is(pidNamespaceOwner([link(1, 0, null, own)]).owner, 'unknown');
  t.is(pidNamespaceOwner([link(9, 5, 'node', own)]).owner, 'unknown');
  t.is(pidNamespaceOwner([link(6, 1, 'node', null), link(1, 0, 'tini', null)]).owner, 'unknown');
  t.is(pidNamespaceOwner([]).owner, 'unknown');
  t.is(pidNamespaceOwner(null).owner, 'unknown');
});

test('readAncestry follows this test process up to a PPid 0', async (t) => {
  const chain = await readAncestry();
  t.is(chain[0]?.pid, process.pid);
  t.is(chain[0]?.ppid, process.ppid);
  t.is(chain.at(-1)?.ppid, 0);
  t.regex(chain[0]?.mountNamespace ?? '', /^mnt:\[\d+\]$/);
});
