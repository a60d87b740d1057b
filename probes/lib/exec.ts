/** Time-bounded runs of the image's static busybox, for active attempts confined to fresh namespaces. */
import { execFile } from 'node:child_process';
import * as s from './shape.js';

/** Where the probe image ships its static busybox. */
export const BUSYBOX = '/bin/busybox';

/** Outcome of one command: exit code (null when killed), signal, and the first bytes of its output. */
export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Spawn or timeout error code (ENOENT, EACCES, ETIMEDOUT), when the command did not run to its end. */
  error?: string;
  timedOut: boolean;
}

/** Evidence contract of an ExecResult (output is capped at 64 KiB by runCommand). */
export const execResultShape: s.Shape<ExecResult> = s.object({
  exitCode: s.nullable(s.int(0, 255)),
  signal: s.nullable(s.string({ max: 40 })),
  stdout: s.string({ max: 64 * 1024 }),
  stderr: s.string({ max: 64 * 1024 }),
  error: s.optional(s.string({ max: 400 })),
  timedOut: s.boolean(),
});

/** Runs `file args` with no shell, an empty environment and a hard timeout; never throws. */
export function runCommand(file: string, args: readonly string[], timeoutMs = 2000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout: timeoutMs, killSignal: 'SIGKILL', env: { PATH: '/bin' }, maxBuffer: 64 * 1024, cwd: '/' }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string }) | null;
      const timedOut = Boolean(e?.killed) && e?.signal === 'SIGKILL';
      const spawnError = typeof e?.code === 'string' ? e.code : undefined;
      resolve({
        exitCode: e ? (typeof e.code === 'number' ? e.code : null) : 0,
        signal: e?.signal ?? null,
        stdout: String(stdout).slice(0, 2000),
        stderr: String(stderr).slice(0, 2000),
        ...(timedOut ? { error: 'ETIMEDOUT' } : spawnError ? { error: spawnError } : {}),
        timedOut,
      });
    });
  });
}

/** Runs a busybox applet: `runBusybox(['unshare', '-U', BUSYBOX, 'true'])`. */
export function runBusybox(args: readonly string[], timeoutMs = 2000): Promise<ExecResult> {
  return runCommand(BUSYBOX, args, timeoutMs);
}

/** Classifies a failed attempt's stderr: the errno text busybox printed, or null. */
export function errnoFromText(stderr: string): 'EPERM' | 'EACCES' | 'ENOSYS' | 'EINVAL' | 'ENOSPC' | 'EUSERS' | null {
  if (/Operation not permitted/i.test(stderr)) return 'EPERM';
  if (/Permission denied|permission denied/i.test(stderr)) return 'EACCES';
  if (/Function not implemented/i.test(stderr)) return 'ENOSYS';
  if (/Invalid argument/i.test(stderr)) return 'EINVAL';
  if (/No space left on device/i.test(stderr)) return 'ENOSPC';
  if (/Too many users/i.test(stderr)) return 'EUSERS';
  return null;
}
