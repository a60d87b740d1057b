/** Errors that end a run with a clear message and exit code 2, never a stack trace. */

/** The run could not be carried out: bad input, engine unreachable, errors. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Exit codes of the CLI (DESIGN.md contract). */
export const EXIT = { ok: 0, unmet: 1, error: 2 } as const;

/** One-line text of any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return String(error.message).split('\n')[0];
  try {
    return String(error);
  } catch {
    return typeof error; // a thrown object whose toString is itself hostile
  }
}
