/** What `run` writes once the report exists: every --report, the bundle and the report ConfigMap; one failure never costs the others. */
import { messageOf } from '../errors.js';
import { writeBundle, type BundlePlan } from '../bundle/write.js';
import { terminalSafe } from '../io/terminal-safe.js';
import type { Report } from '../model/report.js';
import type { ExitPolicy } from '../run/exit-code.js';
import { writeReports, type ReportRequest } from './report-requests.js';

/** The run's requested outputs. */
export interface RunOutputs {
  reports: ReportRequest[];
  bundle?: BundlePlan;
  reportConfigMap?: { namespace: string; name: string };
  kubeconfig?: string;
  context?: string;
  quiet: boolean;
}

/** Writes every output; returns one line per output that failed. */
export async function writeRunOutputs(report: Report, outputs: RunOutputs, policy: ExitPolicy): Promise<string[]> {
  const failures = writeReports(report, outputs.reports, policy, (r) => r.format === 'console' && !r.file);
  const say = (line: string) => !outputs.quiet && process.stderr.write(`${terminalSafe(line)}\n`);
  if (outputs.bundle) {
    try {
      const written = writeBundle(outputs.bundle, report, policy);
      say(`bundle: ${outputs.bundle.dir} (${written.files} files${written.signer ? `, signed by ${written.signer}` : ', not signed'})`);
    } catch (error) {
      failures.push(`--bundle ${outputs.bundle.dir}: not written (${messageOf(error)})`);
    }
  }
  if (outputs.reportConfigMap) {
    try {
      say(await storeInConfigMap(report, outputs.reportConfigMap, outputs));
    } catch (error) {
      failures.push(`--report-configmap: not written (${messageOf(error)})`);
    }
  }
  return failures;
}

/** Writes the JSON report to its ConfigMap with the run's own credentials (the Kubernetes client is loaded only here). */
async function storeInConfigMap(report: Report, target: { namespace: string; name: string }, values: { kubeconfig?: string; context?: string }): Promise<string> {
  const [{ loadCluster }, { writeReportConfigMap }] = await Promise.all([import('../kubernetes/client.js'), import('../kubernetes/report-configmap.js')]);
  return writeReportConfigMap(loadCluster({ kubeconfig: values.kubeconfig, context: values.context }).core, report, target);
}
