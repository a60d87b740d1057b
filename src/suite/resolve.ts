/** Turns `--suite NAME|FILE` arguments into suite files. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { paths } from '../paths.js';
import { loadSuiteFile } from './load.js';
import type { Suite } from './types.js';

/** Names of the suites shipped in suites/. */
export function shippedSuiteNames(): string[] {
  return readdirSync(paths.suites)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
}

/** A file path for a suite argument: an existing file, or the name of a shipped suite. */
export function resolveSuite(arg: string): string {
  if (/[/\\]|\.ya?ml$/.test(arg)) {
    if (!existsSync(arg)) throw new UsageError(`suite file not found: ${arg}`);
    return path.resolve(arg);
  }
  const file = path.join(paths.suites, `${arg}.yaml`);
  if (!existsSync(file)) throw new UsageError(`unknown suite '${arg}' (shipped: ${shippedSuiteNames().join(', ')})`);
  return file;
}

/** Loads a `--suite` argument; a shipped suite must also lie inside the shipped suites folder. */
export function loadSuiteArg(arg: string): Suite {
  const file = resolveSuite(arg);
  const shipped = !/[/\\]|\.ya?ml$/.test(arg);
  return loadSuiteFile(file, shipped ? paths.suites : undefined);
}
