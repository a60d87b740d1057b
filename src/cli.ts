/** argv -> command -> exit code. Nothing else: no stack traces reach the user. */
import { EXIT, UsageError, messageOf } from './errors.js';
import { runCommand } from './commands/run.js';
import { listCommand } from './commands/list.js';
import { imageCommand } from './commands/image.js';
import { cleanupCommand } from './commands/cleanup.js';
import { explainCommand } from './commands/explain.js';
import { clusterCommand } from './commands/cluster.js';
import { verifyCommand } from './commands/verify.js';
import { keygenCommand } from './commands/keygen.js';
import { toolVersion } from './version.js';

const USAGE = `escapekit: verifies container isolation with harmless probes

  escapekit run [--target docker|kubernetes|kind] [--suite NAME|FILE]...
                [--report FORMAT[=PATH]]... [--concurrency N] [--timeout SECONDS]
                [--context KUBECONTEXT] [--namespace NS] [--baseline REPORT.json] [--network]
                [--fail-on unmet|broken|never] [--inconclusive fail|pass] [--bundle DIR [--sign KEY.pem]]
  escapekit list checks|suites|boundaries [--json]
  escapekit explain CHECK-ID [--json]
  escapekit image build [--force]
  escapekit cleanup [--run-id ID] [--images] [--target docker|kubernetes] [--kubeconfig F] [--context C]
  escapekit verify BUNDLE-DIR [--pubkey KEY.pub]
  escapekit keygen PRIVATE.pem PUBLIC.pem
  escapekit cluster up|down [--config default|pss-baseline|pss-restricted|multi-node|FILE] [--name N]

Report formats: console, json, junit, sarif, markdown, html.
Exit codes: 0 every expectation met, 1 an expectation unmet (or per --fail-on; verify: bundle altered),
2 the run could not be carried out (bad input, engine unreachable, errors).
`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  list: listCommand,
  explain: explainCommand,
  image: imageCommand,
  cleanup: cleanupCommand,
  cluster: clusterCommand,
  verify: verifyCommand,
  keygen: keygenCommand,
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
  const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!handler) {
    process.stderr.write(`escapekit: unknown command '${command.slice(0, 40)}'\n\n${USAGE}`);
    return EXIT.error;
  }
  try {
    return await handler(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`escapekit: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
    } else {
      process.stderr.write(`escapekit: internal error: ${messageOf(error)}\n`);
      if (process.env.ESCAPEKIT_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    }
    return EXIT.error;
  }
}
