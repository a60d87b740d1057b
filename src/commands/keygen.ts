/** `escapekit keygen PRIVATE.pem PUBLIC.pem`: a new Ed25519 key pair for `run --sign` and `verify --pubkey`. */
import { lstatSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import { parse } from '../cli/args.js';
import { fingerprint, generateKeys, parsePublicKey } from '../bundle/keys.js';

/** Why `file` cannot be created, or undefined: it must not exist (not even as a link) and its folder must. */
function creationProblem(file: string): string | undefined {
  try {
    lstatSync(file);
    return 'it exists; keys are never overwritten';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a part of the path is not a folder' : String((error as NodeJS.ErrnoException).code);
  }
  const dir = path.dirname(path.resolve(file));
  try {
    if (!lstatSync(dir).isDirectory()) return `${dir} is not a folder`;
  } catch {
    return `the folder ${dir} does not exist`;
  }
  return undefined;
}

/** Writes a file that must not exist yet. */
function create(file: string, text: string, mode: number): void {
  try {
    writeFileSync(file, text, { flag: 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`keygen: cannot create ${file} (${code === 'EEXIST' ? 'it exists; keys are never overwritten' : code ?? (error as Error).message})`);
  }
}

/** Runs the command; returns the process exit code. Writes both key files or neither. */
export async function keygenCommand(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {}, 'keygen');
  if (positionals.length !== 2) throw new UsageError('keygen: give the private and the public key file', 'escapekit keygen PRIVATE.pem PUBLIC.pem');
  const [privateFile, publicFile] = positionals;
  if (path.resolve(privateFile) === path.resolve(publicFile)) throw new UsageError('keygen: the private and the public key need different files');
  for (const f of positionals) {
    const problem = creationProblem(f);
    if (problem) throw new UsageError(`keygen: cannot create ${f} (${problem})`);
  }
  const keys = generateKeys();
  create(privateFile, keys.privatePem, 0o600);
  try {
    create(publicFile, keys.publicPem, 0o644);
  } catch (error) {
    unlinkSync(privateFile); // the pair or nothing: a rerun must not find half a pair
    throw error;
  }
  process.stdout.write(`wrote ${privateFile} (private, keep it secret) and ${publicFile} (public, give it to auditors): ${fingerprint(parsePublicKey(keys.publicPem)!)}\n`);
  return EXIT.ok;
}
