/** `escapekit verify DIR [--pubkey KEYFILE]`: checks an evidence bundle; exit 0 valid, 1 altered or invalid, 2 bad input. */
import { EXIT, UsageError } from '../errors.js';
import { parse } from '../cli/args.js';
import { loadPublicKey } from '../bundle/keys.js';
import { verifyBundle } from '../bundle/verify.js';
import { terminalSafe } from '../io/terminal-safe.js';

const OPTIONS = { pubkey: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } } as const;

/** Writes one line; everything in it that came from the bundle or the arguments is shown escaped. */
const say = (line: string) => process.stdout.write(`${terminalSafe(line)}\n`);

/** Runs the command; returns the process exit code. */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, 'verify');
  if (positionals.length !== 1) throw new UsageError('verify: give exactly one bundle folder', 'escapekit verify DIR [--pubkey KEYFILE]');
  const dir = positionals[0];
  const key = values.pubkey ? loadPublicKey(values.pubkey) : undefined;
  const r = verifyBundle(dir, key);
  for (const p of r.problems) say(p);
  if (!values.quiet) for (const n of r.notes) say(`note: ${n}`);
  const m = r.manifest;
  const about = m ? ` (run ${m.runId}, ${m.files.length} files, run exit code ${m.outcome.exitCode})` : '';
  if (r.problems.length) {
    say(`bundle ${dir}: INVALID, ${r.problems.length} problem(s)${about}`);
    return EXIT.unmet;
  }
  // Even with --quiet, the verdict line says whether anything vouches for the manifest.
  say(`bundle ${dir}: valid${about}${r.signed ? '' : '; NOT SIGNED: the hashes detect accidental damage only'}`);
  return EXIT.ok;
}
