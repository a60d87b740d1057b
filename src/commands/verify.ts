/** `escapekit verify DIR [--pubkey KEYFILE]`: checks an evidence bundle; exit 0 valid, 1 altered or invalid, 2 bad input. */
import { EXIT, UsageError } from '../errors.js';
import { parse } from '../cli/args.js';
import { loadPublicKey } from '../bundle/keys.js';
import { verifyBundle } from '../bundle/verify.js';

const OPTIONS = { pubkey: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } } as const;

/** Runs the command; returns the process exit code. */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, 'verify');
  if (positionals.length !== 1) throw new UsageError('verify: give exactly one bundle folder', 'escapekit verify DIR [--pubkey KEYFILE]');
  const dir = positionals[0];
  const key = values.pubkey ? loadPublicKey(values.pubkey) : undefined;
  const r = verifyBundle(dir, key);
  for (const p of r.problems) process.stdout.write(`${p}\n`);
  if (!values.quiet) for (const n of r.notes) process.stdout.write(`note: ${n}\n`);
  const m = r.manifest;
  const about = m ? ` (run ${m.runId}, ${m.files.length} files, run exit code ${m.outcome?.exitCode})` : '';
  if (r.problems.length) {
    process.stdout.write(`bundle ${dir}: INVALID, ${r.problems.length} problem(s)${about}\n`);
    return EXIT.unmet;
  }
  process.stdout.write(`bundle ${dir}: valid${about}\n`);
  return EXIT.ok;
}
