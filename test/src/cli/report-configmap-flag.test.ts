/** `--report-configmap`: checked before any work: target, names, and which namespace it lands in. */
import test from 'ava';
import { parseReportConfigMap } from '../../../src/cli/report-configmap-flag.js';
import { UsageError } from '../../../src/errors.js';

test('absent: nothing', (t) => {
  t.is(parseReportConfigMap(undefined, 'kubernetes', undefined, undefined), undefined);
});

test('NS/NAME, or NAME in --namespace', (t) => {
  t.deepEqual(parseReportConfigMap('team-a/escapekit-report', 'kubernetes', undefined, '/k'), { namespace: 'team-a', name: 'escapekit-report' });
  t.deepEqual(parseReportConfigMap('escapekit-report', 'kind', 'team-b', '/k'), { namespace: 'team-b', name: 'escapekit-report' });
});

test('NAME alone outside a pod without --namespace: exit 2 asking for the namespace', (t) => {
  t.throws(() => parseReportConfigMap('r', 'kubernetes', undefined, '/k'), { instanceOf: UsageError, message: /name its namespace \(NAMESPACE\/r\)/ });
});

test('bad names and the docker target are refused', (t) => {
  for (const bad of ['Upper', 'a/b/c', 'ns_x/r', '', '-x', 'a'.repeat(254)]) t.throws(() => parseReportConfigMap(bad, 'kubernetes', 'ns', '/k'), { instanceOf: UsageError }, bad);
  t.throws(() => parseReportConfigMap('r', 'docker', 'ns', undefined), { instanceOf: UsageError, message: /not docker/ });
});
