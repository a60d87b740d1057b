/** Argument parsing shared by the commands: strict, with errors that name the bad option. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { terminalSafe } from '../io/terminal-safe.js';

/** Parses argv with node:util, turning its errors into usage errors (exit 2). */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: joinDashValues(argv, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${terminalSafe((error as Error).message.split('\n')[0])}`, `see 'escapekit help'`);
  }
}

/**
 * `--opt -1` as `--opt=-1` for options that take a value, so a negative number reaches the
 * option's own check (with its clear message) instead of being read as an unknown flag.
 */
function joinDashValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return [...out, ...argv.slice(i)];
    const name = a.startsWith('--') ? a.slice(2) : a.length === 2 && a[0] === '-' ? Object.keys(options).find((k) => options[k].short === a[1]) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Largest value a count or duration option accepts. */
const MAX_OPTION_INT = 100000;

/** A positive integer option written as plain decimal digits (no sign, spaces, hex, exponent or fraction), or the fallback. */
export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_OPTION_INT)) throw new UsageError(`--${name} must be a whole number from 1 to ${MAX_OPTION_INT} written in decimal digits, got '${terminalSafe(value.slice(0, 40))}'`);
  return n;
}
