/**
 * Interrupts of a run: the first SIGINT/SIGTERM removes the run's probes, then exits 2. Repeated
 * signals do not cut the cleanup short (a second Ctrl-C is common); a third abandons it, naming
 * the command that finishes it.
 */
import { EXIT } from '../errors.js';

/** Longest an interrupted run waits for its cleanup before exiting (Kubernetes namespaces take a while to go). */
const CLEANUP_BOUND_MS = 90_000;

/** A run's interrupt handling, installed for the run's duration. */
export interface InterruptGuard {
  /** Whether a signal arrived (live output stops then). */
  interrupted(): boolean;
  /** Resolves when an interrupt's cleanup has begun and ended (it exits the process); at once otherwise. */
  settled(): Promise<void>;
  /** Removes the handlers. */
  dispose(): void;
}

/** Installs the handlers: `cleanup` removes the run's objects, `hint` is the command that does it by hand. */
export function guardInterrupts(runId: string, cleanup: () => Promise<void>, hint: string): InterruptGuard {
  let signals = 0;
  let cleaning: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
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
    cleaning = cleanup().catch(() => undefined).finally(() => {
      clearTimeout(timer);
      process.exit(EXIT.error);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    interrupted: () => signals > 0,
    settled: async () => {
      if (cleaning) await cleaning;
    },
    dispose: () => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    },
  };
}
