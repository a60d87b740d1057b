/** Runs the real CLI binary as a user would, capturing output and exit code. */
import { execa } from 'execa';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** Result of one CLI invocation. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `escapekit ...args`. */
export async function runCli(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
  const r = await execa(process.execPath, [path.join(REPO_ROOT, 'bin', 'escapekit.js'), ...args], {
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
    env: { NO_COLOR: '1', ...options.env },
    cwd: REPO_ROOT,
  });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** True when `stderr` holds no JavaScript stack trace. */
export const noStack = (stderr: string): boolean => !/\n\s+at .+:\d+:\d+/.test(stderr);
