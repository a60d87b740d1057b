/** The report ConfigMap: the canonical JSON gzip'd in binaryData; a report too large says so instead of a stale or cut one. */
import test from 'ava';
import { gunzipSync } from 'node:zlib';
import { reportConfigMap, REPORT_KEY } from '../../../src/kubernetes/report-configmap.js';
import { renderJson } from '../../../src/report/json.js';
import { sampleReport } from '../../helpers/sample-report.js';

test('binaryData holds the gzip\'d canonical JSON report; data names run and summary', (t) => {
  const report = sampleReport();
  const { body, fitted } = reportConfigMap(report, { namespace: 'team-a', name: 'escapekit-report' });
  t.true(fitted);
  t.is(body.metadata?.namespace, 'team-a');
  t.is(body.metadata?.name, 'escapekit-report');
  t.is(gunzipSync(Buffer.from(body.binaryData![REPORT_KEY], 'base64')).toString('utf8'), renderJson(report));
  t.is(body.data!['run-id'], report.runId);
  t.regex(body.data!.summary, /scenario\(s\): \d+ met, \d+ unmet, \d+ error\(s\)/);
  t.false('error' in body.data!);
});

test('too large: no report, an error naming the size and the way out', (t) => {
  const { body, fitted, gzipBytes } = reportConfigMap(sampleReport(), { namespace: 'ns', name: 'r' }, 10);
  t.false(fitted);
  t.is(body.binaryData, undefined);
  t.regex(body.data!.error, new RegExp(`${gzipBytes} bytes gzip'd, beyond the 10 a ConfigMap can hold: .*--report json=/path`));
});
