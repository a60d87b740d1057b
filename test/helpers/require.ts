/**
 * Prerequisites of tests that need real tools or engines. Under CI=true a missing one FAILS
 * the test; locally it is skipped with a loud message, never silently.
 */
import type { ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';

/** True when running in CI, where nothing may be skipped. */
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** Fails (CI) or loudly skips (local) the test; returns false so the caller can return. */
export function missing(t: ExecutionContext, what: string): false {
  if (IN_CI) {
    t.fail(`${what} is required under CI=true`);
  } else {
    process.stderr.write(`\n*** SKIPPED ${t.title}: ${what} is not available on this machine ***\n`);
    t.pass();
  }
  return false;
}

/** True when `tool` is on PATH; otherwise fails or skips as `missing` does. */
export function requireTool(t: ExecutionContext, tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return missing(t, `the '${tool}' command`);
  }
}
