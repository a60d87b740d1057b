/** Docker's custom seccomp profile: a JSON file on this machine, sent inline as `seccomp=<json>` (as the docker CLI does). */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Largest seccomp profile accepted. */
export const MAX_SECCOMP_PROFILE_BYTES = 256 * 1024;

/** Reads and checks a seccomp profile file (relative paths from the working directory); returns compact JSON. */
export function readSeccompProfile(file: string): string {
  const full = path.resolve(file);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UsageError(`seccomp profile not found: ${file}`, 'on Docker, seccomp.localhostProfile is a JSON file on the machine running escapekit');
  }
  if (size > MAX_SECCOMP_PROFILE_BYTES) throw new UsageError(`seccomp profile ${file} is ${size} bytes, larger than the ${MAX_SECCOMP_PROFILE_BYTES}-byte limit`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(full, 'utf8'));
  } catch (error) {
    throw new UsageError(`seccomp profile ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { defaultAction?: unknown }).defaultAction !== 'string') {
    throw new UsageError(`seccomp profile ${file} must be a JSON object with a defaultAction (Docker's seccomp profile format)`);
  }
  return JSON.stringify(parsed);
}
