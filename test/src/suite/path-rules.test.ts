/** Posture paths: normalized and absolute, never over the probe's own files. */
import test from 'ava';
import { pathProblem, probePathProblem } from '../../../src/suite/path-rules.js';
import { parseSuite } from '../../../src/suite/load.js';

test('only normalized absolute paths pass', (t) => {
  for (const ok of ['/', '/etc', '/var/run/docker.sock', '/dev/loop0', '/a..b', '/..x/y']) t.is(pathProblem(ok), undefined, ok);
  for (const [bad, why] of [
    ['/../../etc', /'\.\.' segments/],
    ['/dev/../etc/shadow', /'\.\.' segments/],
    ['/etc/..', /'\.\.' segments/],
    ['//etc', /normalized/],
    ['/etc/./ssl', /normalized/],
    ['/etc/', /normalized/],
    ['etc', /absolute/],
  ] as const) t.regex(pathProblem(bad) ?? 'accepted', why, bad);
});

test('the probe\'s own paths cannot be mounted over', (t) => {
  for (const own of ['/', '/tmp', '/tmp/x/y', '/bin', '/bin/busybox', '/proc', '/proc/sys', '/node', '/agent.mjs']) t.truthy(probePathProblem(own), own);
  for (const other of ['/host', '/tmpfoo', '/binx', '/var/tmp', '/dev/shm', '/host/proc', '/var/run/docker.sock']) t.is(probePathProblem(other), undefined, other);
});

test('host paths may be the probe\'s own paths on the host side (only the container side is refused)', (t) => {
  const suite = parseSuite('name: s\nscenarios:\n  - name: a\n    posture: { mounts: [{ hostPath: /tmp, path: /hosttmp }, { hostPath: /, path: /host }] }\n', 's.yaml');
  t.is(suite.scenarios[0].posture.mounts?.length, 2);
});
