/** Checks that an output path can be written before any work starts (reports, bundle folders). */
import { accessSync, constants, lstatSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { kindOfStats } from './safe-read.js';
import { terminalSafe } from './terminal-safe.js';

function lstatOrUndefined(p: string, label: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UsageError(`${label}: cannot be created: a part of the path is a file, not a folder`);
    throw new UsageError(`${label}: cannot inspect ${terminalSafe(p)} (${code})`);
  }
}

/** The nearest existing ancestor of `p` (absolute): must be a folder we may create files in. */
function checkCreatableIn(p: string, label: string): void {
  let dir = path.dirname(p);
  for (let st = lstatOrUndefined(dir, label); st === undefined; st = lstatOrUndefined(dir, label)) dir = path.dirname(dir);
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new UsageError(`${label}: cannot be created: ${dir} is ${kindOfStats(st)}, not a folder`);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new UsageError(`${label}: cannot be created in ${dir} (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** A report file: new or an existing regular file, in a folder that exists or can be created. Returns its absolute path. */
export function checkFileDestination(file: string, label: string): string {
  const abs = path.resolve(file);
  const st = lstatOrUndefined(abs, terminalSafe(`${label} ${file}`));
  if (st && st.isDirectory()) throw new UsageError(`${terminalSafe(`${label}: ${file}`)} is a folder; give a file name`);
  if (st && !st.isFile()) throw new UsageError(`${terminalSafe(`${label}: ${file}`)} exists and is ${kindOfStats(st)}, not a regular file`);
  checkCreatableIn(abs, terminalSafe(`${label} ${file}`));
  return abs;
}

/** A folder to create (or an empty existing one): its nearest existing ancestor is a writable folder. */
export function checkFolderDestination(dir: string, label: string): string {
  const abs = path.resolve(dir);
  const st = lstatOrUndefined(abs, terminalSafe(`${label} ${dir}`));
  if (st && !st.isDirectory()) throw new UsageError(`${label} ${dir}: exists and is not an empty folder`, 'give a new folder: a bundle must contain exactly the files it lists');
  checkCreatableIn(abs, terminalSafe(`${label} ${dir}`));
  return abs;
}
