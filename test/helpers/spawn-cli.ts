/**
 * Spawns the real CLI as a child the test controls (to signal it mid-run), and reads back
 * how it ended and which run it was.
 */
import { execa } from 'execa';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** Starts `escapekit ...args` without waiting for it. */
export function spawnCli(args: string[], env: Record<string, string> = {}, timeoutMs = 180_000) {
  return execa(process.execPath, [path.join(REPO_ROOT, 'bin', 'escapekit.js'), ...args], {
    reject: false,
    env: { NO_COLOR: '1', ...env },
    cwd: REPO_ROOT,
    timeout: timeoutMs,
    cleanup: true,
    // execa would follow a SIGTERM with SIGKILL after 5 s; the CLI's cleanup may take longer.
    forceKillAfterDelay: false,
  });
}

/** A spawned `escapekit` process. */
export type CliChild = ReturnType<typeof spawnCli>;

/** How a child ended. */
export interface Ended {
  code: number | undefined;
  signal: string | undefined;
  stderr: string;
  /** The run id the CLI named (interrupt message or console header), if it got that far. */
  runId?: string;
  /** The CLI said it received a signal and cleaned up. */
  interrupted: boolean;
  ms: number;
}

/** Waits for the child and extracts its run id from what it printed. */
export async function ended(child: CliChild, startedAt: number): Promise<Ended> {
  const r = await child;
  const stderr = String(r.stderr ?? '');
  const runId = /\(run ([a-z0-9-]+)\)/.exec(stderr)?.[1] ?? /\brun ([0-9]{8}t[0-9]{6}-[0-9a-f]{6})\b/.exec(stderr)?.[1];
  return { code: r.exitCode, signal: r.signal, stderr, interrupted: /SIG(INT|TERM) received/.test(stderr), ms: Date.now() - startedAt, ...(runId ? { runId } : {}) };
}

/** Deterministic PRNG (mulberry32) so a failing sequence of delays can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true or `ms` pass; returns the last answer. */
export async function eventually(probe: () => Promise<boolean>, ms: number, every = 200): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(every);
  }
}
