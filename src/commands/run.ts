/** `escapekit run`: load suites, deploy probes, render reports, decide the exit code. */
import { UsageError, EXIT } from '../errors.js';
import { parse, positiveInt } from '../cli/args.js';
import { writeAtomic } from '../cli/output.js';
import { isReportFormat, REPORTERS, type ReportFormat } from '../report/index.js';
import { progressLine } from '../report/console.js';
import { compareWithBaseline, loadBaseline } from '../run/baseline.js';
import { exitCodeFor, failureReasons, parsePolicy } from '../run/exit-code.js';
import { planBundle, writeBundle } from '../bundle/write.js';
import { executeRun } from '../run/runner.js';
import { loadSuiteFile } from '../suite/load.js';
import { resolveSuite } from '../suite/resolve.js';
import { newRunId } from '../targets/labels.js';
import { createTarget, defaultConcurrency, TARGET_KINDS, type TargetName } from '../targets/create.js';

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
} as const;

/** Longest an interrupted run waits for its cleanup before exiting (Kubernetes namespaces take a while to go). */
const CLEANUP_BOUND_MS = 90_000;

/** A requested report: format and file (stdout/stderr when absent). */
interface ReportRequest {
  format: ReportFormat;
  file?: string;
}

function parseReports(values: string[] | undefined): ReportRequest[] {
  return (values ?? []).map((v) => {
    const [format, ...rest] = v.split('=');
    if (!isReportFormat(format)) throw new UsageError(`--report: unknown format '${format}' (known: ${Object.keys(REPORTERS).join(', ')})`);
    const file = rest.join('=');
    return file ? { format, file } : { format };
  });
}

/** Runs the command; returns the process exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, 'run');
  if (positionals.length) throw new UsageError(`run: unexpected argument '${positionals[0]}'`);
  const targetName = (values.target ?? 'docker') as TargetName;
  if (!TARGET_KINDS.includes(targetName)) throw new UsageError(`--target must be one of ${TARGET_KINDS.join(', ')}, got '${values.target}'`);
  const reports = parseReports(values.report);
  const policy = parsePolicy(values['fail-on'], values.inconclusive);
  const baseline = values.baseline ? loadBaseline(values.baseline) : undefined;
  const bundle = planBundle(values.bundle, values.sign);
  const concurrency = positiveInt(values.concurrency, 'concurrency', defaultConcurrency(targetName));
  const timeoutMs = positiveInt(values.timeout, 'timeout', 60) * 1000;
  const suiteArgs = values.suite?.length ? values.suite : [targetName === 'docker' ? 'docker-baseline' : 'k8s-baseline'];
  const suites = suiteArgs.map((s) => loadSuiteFile(resolveSuite(s)));
  const runId = newRunId();
  const target = await createTarget(targetName, { runId, timeoutMs, network: values.network === true, context: values.context, namespace: values.namespace, kubeconfig: values.kubeconfig, nodes: values.nodes, clusterName: values['cluster-name'], tolerateTaints: values['tolerate-taints'] === true, image: values.image });
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
    if (baseline) compareWithBaseline(report, baseline);
    if (live) process.stderr.write(`\n${REPORTERS.console(report, colour)}`);
    for (const r of reports) {
      if (r.format === 'console' && !r.file) continue;
      const text = REPORTERS[r.format](report, false, { policy });
      if (r.file) writeAtomic(r.file, text);
      else process.stdout.write(text);
    }
    if (bundle) {
      const written = writeBundle(bundle, report, policy);
      if (!values.quiet) process.stderr.write(`bundle: ${bundle.dir} (${written.files} files${written.signer ? `, signed by ${written.signer}` : ', not signed'})\n`);
    }
    const code = exitCodeFor(report, policy);
    if (live && (policy.failOn !== 'unmet' || policy.inconclusive !== 'fail')) {
      process.stderr.write(`exit ${code} under --fail-on ${policy.failOn} --inconclusive ${policy.inconclusive}\n${failureReasons(report, policy).map((r) => `  ${r}\n`).join('')}`);
    }
    return code;
  } finally {
    // Once an interrupt's cleanup has begun it ends the process (exit 2): never return before.
    if (interrupted) await interrupted;
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
