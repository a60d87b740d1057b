/** `escapekit run`: load suites, deploy probes, render reports, decide the exit code. */
import { UsageError, EXIT, messageOf } from '../errors.js';
import { parse, positiveInt } from '../cli/args.js';
import { parseReports, writeReports } from '../cli/report-requests.js';
import { REPORTERS } from '../report/index.js';
import { progressLine } from '../report/console.js';
import { compareWithBaseline, loadBaseline } from '../run/baseline.js';
import { exitCodeFor, failureReasons, parsePolicy } from '../run/exit-code.js';
import { planBundle, writeBundle } from '../bundle/write.js';
import { executeRun } from '../run/runner.js';
import { loadSuiteArg } from '../suite/resolve.js';
import { checkTargetFlags } from '../cli/target-flags.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { newRunId } from '../targets/labels.js';
import { createTarget, defaultConcurrency, TARGET_KINDS, type TargetName } from '../targets/create.js';
import { attributeReport, notReproducedText } from '../workloads/attribute.js';
import { hasWorkloadSources, planWorkloads, type WorkloadOptions } from '../workloads/from-args.js';
import { parseReportConfigMap } from '../cli/report-configmap-flag.js';
import type { Report } from '../model/report.js';

const OPTIONS = {
  target: { type: 'string' },
  suite: { type: 'string', multiple: true },
  report: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string' },
  kubeconfig: { type: 'string' },
  nodes: { type: 'string' },
  'cluster-name': { type: 'string' },
  'tolerate-taints': { type: 'boolean' },
  image: { type: 'string' },
  baseline: { type: 'string' },
  bundle: { type: 'string' },
  sign: { type: 'string' },
  'fail-on': { type: 'string' },
  inconclusive: { type: 'string' },
  network: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  'from-manifest': { type: 'string' },
  'from-cluster': { type: 'string' },
  'all-namespaces': { type: 'boolean' },
  'from-container': { type: 'string', multiple: true },
  'from-compose': { type: 'string' },
  expect: { type: 'string' },
  'report-configmap': { type: 'string' },
} as const;

/** Longest an interrupted run waits for its cleanup before exiting (Kubernetes namespaces take a while to go). */
const CLEANUP_BOUND_MS = 90_000;

/** Runs the command; returns the process exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, 'run');
  if (positionals.length) throw new UsageError(`run: unexpected argument '${terminalSafe(positionals[0].slice(0, 80))}'`);
  const targetName = (values.target ?? 'docker') as TargetName;
  if (!TARGET_KINDS.includes(targetName)) throw new UsageError(`--target must be one of ${TARGET_KINDS.join(', ')}, got '${terminalSafe(values.target?.slice(0, 40))}'`);
  // Everything the CLI can check is checked here, before any engine is contacted.
  checkTargetFlags(targetName, values);
  const concurrency = positiveInt(values.concurrency, 'concurrency', defaultConcurrency(targetName));
  const timeoutMs = positiveInt(values.timeout, 'timeout', 60) * 1000;
  const policy = parsePolicy(values['fail-on'], values.inconclusive);
  const bundle = planBundle(values.bundle, values.sign);
  const reports = parseReports(values.report, bundle?.dir);
  const reportConfigMap = parseReportConfigMap(values['report-configmap'], targetName, values.namespace, values.kubeconfig);
  const baseline = values.baseline ? loadBaseline(values.baseline) : undefined;
  const workloadOptions: WorkloadOptions = { fromManifest: values['from-manifest'], fromCluster: values['from-cluster'], allNamespaces: values['all-namespaces'], fromContainer: values['from-container'], fromCompose: values['from-compose'], expect: values.expect };
  const fromWorkloads = hasWorkloadSources(workloadOptions);
  if (values.expect !== undefined && !fromWorkloads) throw new UsageError('--expect applies to scenarios derived with --from-manifest, --from-cluster, --from-container or --from-compose');
  const suiteArgs = values.suite?.length ? values.suite : fromWorkloads ? [] : [targetName === 'docker' ? 'docker-baseline' : 'k8s-baseline'];
  const suites = suiteArgs.map((s) => loadSuiteArg(s));
  const workloads = fromWorkloads ? await planWorkloads(workloadOptions, targetName, { kubeconfig: values.kubeconfig, context: values.context, namespace: values.namespace }) : undefined;
  suites.push(...(workloads?.suites.map((d) => d.suite) ?? []));
  if (workloads && !values.quiet) process.stderr.write(notReproducedText(workloads.suites));
  const runId = newRunId();
  const target = await createTarget(targetName, { runId, timeoutMs, network: values.network === true, context: values.context, namespace: values.namespace, kubeconfig: values.kubeconfig, nodes: values.nodes, clusterName: values['cluster-name'], tolerateTaints: values['tolerate-taints'] === true, image: values.image, ...(reportConfigMap ? { reportConfigMap } : {}) });
  const colour = process.stderr.isTTY === true && !process.env.NO_COLOR;
  const consoleFile = reports.find((r) => r.format === 'console')?.file;
  const live = !values.quiet && !consoleFile;

  // Interrupts: remove the run's probes, then exit 2. Repeated signals do not cut the cleanup
  // short (a second Ctrl-C is common); a third abandons it, naming the command that finishes it.
  let signals = 0;
  let interrupted: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    const hint = `escapekit cleanup --run-id ${runId}${target.kind === 'docker' ? '' : ' --target kubernetes'}${values.kubeconfig ? ` --kubeconfig ${values.kubeconfig}` : ''}${values.context ? ` --context ${values.context}` : ''}`;
    if (++signals > 1) {
      if (signals === 2) return void process.stderr.write(`escapekit: still removing this run's probes; interrupt once more to abandon (then run: ${hint})\n`);
      process.stderr.write(`escapekit: cleanup abandoned; run: ${hint}\n`);
      return process.exit(EXIT.error);
    }
    process.stderr.write(`\nescapekit: ${signal} received, removing this run's probes (run ${runId})...\n`);
    const timer = setTimeout(() => {
      process.stderr.write(`escapekit: cleanup did not finish within ${CLEANUP_BOUND_MS / 1000} s; run: ${hint}\n`);
      process.exit(EXIT.error);
    }, CLEANUP_BOUND_MS);
    interrupted = target.cleanup().catch(() => undefined).finally(() => {
      clearTimeout(timer);
      process.exit(EXIT.error);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const report = await executeRun({
      runId,
      suites,
      target,
      concurrency,
      network: values.network === true,
      events: live ? { scenarioDone: (s, done, total) => signals === 0 && process.stderr.write(`${progressLine(s, done, total, colour)}\n`) } : undefined,
    });
    if (workloads) attributeReport(report, workloads.suites);
    if (baseline) compareWithBaseline(report, baseline);
    if (live) process.stderr.write(`\n${REPORTERS.console(report, colour)}`);
    // One failed output never costs the others: every report and the bundle are attempted.
    const failures = writeReports(report, reports, policy, (r) => r.format === 'console' && !r.file);
    if (bundle) {
      try {
        const written = writeBundle(bundle, report, policy);
        if (!values.quiet) process.stderr.write(`bundle: ${terminalSafe(bundle.dir)} (${written.files} files${written.signer ? `, signed by ${written.signer}` : ', not signed'})\n`);
      } catch (error) {
        failures.push(`--bundle ${bundle.dir}: not written (${messageOf(error)})`);
      }
    }
    if (reportConfigMap) {
      try {
        const line = await storeInConfigMap(report, reportConfigMap, values);
        if (!values.quiet) process.stderr.write(`${terminalSafe(line)}\n`);
      } catch (error) {
        failures.push(`--report-configmap: not written (${messageOf(error)})`);
      }
    }
    for (const f of failures) process.stderr.write(`escapekit: ${terminalSafe(f)}\n`);
    if (failures.length) return EXIT.error;
    const code = exitCodeFor(report, policy);
    if (live && (policy.failOn !== 'unmet' || policy.inconclusive !== 'fail')) {
      process.stderr.write(`exit ${code} under --fail-on ${policy.failOn} --inconclusive ${policy.inconclusive}\n${failureReasons(report, policy).map((r) => `  ${terminalSafe(r)}\n`).join('')}`);
    }
    return code;
  } finally {
    // Once an interrupt's cleanup has begun it ends the process (exit 2): never return before.
    if (interrupted) await interrupted;
    workloads?.dispose();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}

/** Writes the JSON report to its ConfigMap with the run's own credentials (the Kubernetes client is loaded only here). */
async function storeInConfigMap(report: Report, target: { namespace: string; name: string }, values: { kubeconfig?: string; context?: string }): Promise<string> {
  const [{ loadCluster }, { writeReportConfigMap }] = await Promise.all([import('../kubernetes/client.js'), import('../kubernetes/report-configmap.js')]);
  return writeReportConfigMap(loadCluster({ kubeconfig: values.kubeconfig, context: values.context }).core, report, target);
}
