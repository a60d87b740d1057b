/**
 * `--report-configmap [NS/]NAME`: the canonical JSON report, gzip'd, in a ConfigMap's binaryData
 * (`report.json.gz`), replaced at every run, so a CronJob's report can be fetched with kubectl.
 * A ConfigMap holds at most 1 MiB: a larger report is not cut; the ConfigMap then says why it
 * holds no report (a stale one must never pass for the latest) and the run ends with exit 2.
 */
import { gzipSync } from 'node:zlib';
import type { CoreV1Api, V1ConfigMap } from '@kubernetes/client-node';
import type { Report } from '../model/report.js';
import { renderJson } from '../report/json.js';
import { apiFailure } from './api-error.js';
import { within } from './client.js';

/** The binaryData key of the gzip'd JSON report. */
export const REPORT_KEY = 'report.json.gz';

/** Most gzip'd bytes stored: a ConfigMap's data and binaryData together stay under 1 MiB (1,048,576 bytes) with room for the other keys. */
export const MAX_REPORT_GZIP_BYTES = 1_000_000;

/** Where the report goes. */
export interface ReportConfigMap {
  namespace: string;
  name: string;
}

/** The ConfigMap for a report, and whether the report fitted. */
export function reportConfigMap(report: Report, target: ReportConfigMap, maxBytes = MAX_REPORT_GZIP_BYTES): { body: V1ConfigMap; fitted: boolean; gzipBytes: number } {
  const gz = gzipSync(renderJson(report), { level: 9 });
  const fitted = gz.length <= maxBytes;
  const s = report.summary;
  const data: Record<string, string> = {
    'run-id': report.runId,
    'finished-at': report.finishedAt,
    summary: `${s.scenarios} scenario(s): ${s.met} met, ${s.unmet} unmet, ${s.errors} error(s)`,
    ...(fitted ? {} : { error: `the JSON report is ${gz.length} bytes gzip'd, beyond the ${maxBytes} a ConfigMap can hold: write it to a volume instead (--report json=/path, e.g. on a PersistentVolumeClaim)` }),
  };
  const body: V1ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: target.name, namespace: target.namespace, labels: { 'app.kubernetes.io/name': 'escapekit', 'escapekit.io/report': 'json' } },
    data,
    ...(fitted ? { binaryData: { [REPORT_KEY]: gz.toString('base64') } } : {}),
  };
  return { body, fitted, gzipBytes: gz.length };
}

/** Creates or replaces the report ConfigMap; throws a message naming the ConfigMap when it cannot, or when the report did not fit. */
export async function writeReportConfigMap(core: CoreV1Api, report: Report, target: ReportConfigMap): Promise<string> {
  const { body, fitted, gzipBytes } = reportConfigMap(report, target);
  const { namespace, name } = target;
  try {
    await within(core.createNamespacedConfigMap({ namespace, body }), 10_000, 'create configmap').catch(async (error: unknown) => {
      if (apiFailure(error).code !== 409) throw error;
      await within(core.replaceNamespacedConfigMap({ namespace, name, body }), 10_000, 'replace configmap');
    });
  } catch (error) {
    throw new Error(`configmap ${namespace}/${name}: ${apiFailure(error).message}`);
  }
  if (!fitted) throw new Error(`configmap ${namespace}/${name}: ${body.data!.error}`);
  return `report: configmap ${namespace}/${name} (${gzipBytes} bytes gzip'd in binaryData ${REPORT_KEY})`;
}
