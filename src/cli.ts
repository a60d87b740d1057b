/** argv -> command -> exit code. Nothing else: no stack traces reach the user. */
import { EXIT, UsageError, messageOf } from './errors.js';
import { toolVersion } from './version.js';
import { terminalSafe, terminalSafeLines } from './io/terminal-safe.js';
import { refusalMessage } from './kubernetes/api-error.js';

const USAGE = `escapekit: verifies container isolation with harmless probes

  escapekit run [options]            deploy probes per suite, report which boundaries hold
      --target docker|kubernetes|kind  where the probes go (default docker)
      --suite NAME|FILE              a shipped suite or a YAML file; repeatable
      --from-manifest FILE|DIR|-     one scenario per container of each workload in Kubernetes YAML
      --from-cluster NS | --all-namespaces   the same from live workloads (read-only)
      --from-container NAME|ID       a running container's settings (docker; repeatable)
      --from-compose FILE            each service of a compose file (docker)
      --expect baseline|restricted|holds-all|none   what derived scenarios must hold (default baseline)
      --report FORMAT[=PATH]         console, json, junit, sarif, markdown, html; repeatable
      --report-configmap [NS/]NAME   the JSON report, gzip'd, in a ConfigMap (in-cluster runs)
      --concurrency N  --timeout SECONDS (per scenario, default 60)  --quiet
      --image IMAGE                  a probe image built elsewhere (default: built offline here)
      --context C --kubeconfig F --namespace NS --nodes all --tolerate-taints --cluster-name N
      --baseline REPORT.json         exit 1 when a boundary that held there is broken now
      --fail-on unmet|broken|never   --inconclusive fail|pass
      --bundle DIR [--sign KEY.pem]  evidence bundle with hashes (and signature)
      --network                      also run the opt-in network checks (cloud metadata)
  escapekit report REPORT.json --report FORMAT[=PATH]...   render any format from a saved JSON report
      --fail-on unmet|broken|never   --inconclusive fail|pass (the outcome shown in SARIF/Markdown/HTML)
  escapekit list checks|suites|boundaries [--json]
  escapekit explain CHECK-ID [--json]
  escapekit image build [--force]
  escapekit cleanup [--run-id ID] [--images] [--target docker|kubernetes] [--kubeconfig F] [--context C]
  escapekit verify BUNDLE-DIR [--pubkey KEY.pub]
  escapekit keygen PRIVATE.pem PUBLIC.pem
  escapekit cluster up|down [--config default|pss-baseline|pss-restricted|multi-node|FILE] [--name N]
                            [--image NODE-IMAGE] [--wait SECONDS]
  escapekit help | COMMAND --help | --version

Exit codes: 0 every expectation met, 1 an expectation unmet (or per --fail-on; verify: bundle altered),
2 the run could not be carried out (bad input, engine unreachable, errors).
`;

type Command = (argv: string[]) => Promise<number>;
// Loaded on use: `list` or `--version` need not load the Kubernetes and Docker clients.
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  list: async () => (await import('./commands/list.js')).listCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  image: async () => (await import('./commands/image.js')).imageCommand,
  cleanup: async () => (await import('./commands/cleanup.js')).cleanupCommand,
  cluster: async () => (await import('./commands/cluster.js')).clusterCommand,
  verify: async () => (await import('./commands/verify.js')).verifyCommand,
  keygen: async () => (await import('./commands/keygen.js')).keygenCommand,
};

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command ? EXIT.ok : EXIT.error;
  }
  if (command === '--version') {
    process.stdout.write(`${toolVersion()}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`escapekit: unknown command '${terminalSafe(command.slice(0, 40))}'\n\n${USAGE}`);
    return EXIT.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      // Messages quote files, arguments and engine answers: control characters are shown escaped.
      process.stderr.write(`escapekit: ${terminalSafeLines(error.message)}\n${error.hint ? `hint: ${terminalSafeLines(error.hint)}\n` : ''}`);
    } else if (refusalMessage(error)) {
      // An API server refusal is the user's permissions, not a bug: say what the server said.
      process.stderr.write(`escapekit: ${terminalSafe(refusalMessage(error)!)}\nhint: see deploy/rbac/ for the permissions a run needs\n`);
    } else {
      process.stderr.write(`escapekit: internal error: ${terminalSafe(messageOf(error))}\n`);
      if (process.env.ESCAPEKIT_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    }
    return EXIT.error;
  }
}
