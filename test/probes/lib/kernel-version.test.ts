/** Kernel release parsing and the CVE hint table. */
import test from 'ava';
import { KERNEL_CVE_HINTS, compareVersions, fixStatus, hintFor, matchingHints, parseKernelRelease } from '../../../probes/lib/kernel-version.js';

test('parseKernelRelease reads the upstream head of distribution releases', (t) => {
  t.deepEqual(parseKernelRelease('6.18.44-fc-v657'), [6, 18, 44]);
  t.deepEqual(parseKernelRelease('5.15.0-91-generic'), [5, 15, 0]);
  t.deepEqual(parseKernelRelease('4.18.0-513.el8.x86_64'), [4, 18, 0]);
  t.deepEqual(parseKernelRelease('6.8'), [6, 8, 0]);
  t.is(parseKernelRelease('gvisor'), null);
  t.is(parseKernelRelease(42), null);
});

test('compareVersions orders numerically, not lexically', (t) => {
  t.true(compareVersions([5, 10, 102], [5, 10, 97]) > 0);
  t.true(compareVersions([5, 9, 0], [5, 10, 0]) < 0);
  t.is(compareVersions([6, 1], [6, 1, 0]), 0);
});

test('fixStatus: Dirty Pipe boundaries per stable branch', (t) => {
  const dp = hintFor('CVE-2022-0847')!;
  t.is(fixStatus(dp, '5.7.19'), 'fixed');
  t.is(fixStatus(dp, '5.8.0'), 'vulnerable');
  t.is(fixStatus(dp, '5.10.101'), 'vulnerable');
  t.is(fixStatus(dp, '5.10.102'), 'fixed');
  t.is(fixStatus(dp, '5.13.19'), 'vulnerable');
  t.is(fixStatus(dp, '5.15.25-foo'), 'fixed');
  t.is(fixStatus(dp, '5.16.10'), 'vulnerable');
  t.is(fixStatus(dp, '5.17.0'), 'fixed');
  t.is(fixStatus(dp, 'nonsense'), 'unknown');
});

test('fixStatus: CVE-2022-0492 backports', (t) => {
  const ra = hintFor('CVE-2022-0492')!;
  t.is(fixStatus(ra, '4.9.300'), 'vulnerable');
  t.is(fixStatus(ra, '4.9.301'), 'fixed');
  t.is(fixStatus(ra, '5.4.176'), 'vulnerable');
  t.is(fixStatus(ra, '5.4.177'), 'fixed');
  t.is(fixStatus(ra, '6.18.44-fc-v657'), 'fixed');
});

test('matchingHints lists every range a release falls in', (t) => {
  t.deepEqual(matchingHints('5.10.90').map((h) => h.cve).sort(), ['CVE-2022-0185', 'CVE-2022-0492', 'CVE-2022-0847']);
  t.deepEqual(matchingHints('4.4.20').map((h) => h.cve).sort(), ['CVE-2016-5195', 'CVE-2022-0492']);
  t.deepEqual(matchingHints('6.6.30'), []);
  t.deepEqual(matchingHints(undefined), []);
  for (const h of KERNEL_CVE_HINTS) for (const v of h.fixedStable) t.truthy(parseKernelRelease(v), `${h.cve} ${v}`);
});
