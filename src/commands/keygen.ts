/** `escapekit keygen PRIVATE.pem PUBLIC.pem`: a new Ed25519 key pair for `run --sign` and `verify --pubkey`. */
import { existsSync, writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../errors.js';
import { parse } from '../cli/args.js';
import { fingerprint, generateKeys, parsePublicKey } from '../bundle/keys.js';

/** Writes a file that must not exist yet. */
function create(file: string, text: string, mode: number): void {
  try {
    writeFileSync(file, text, { flag: 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`keygen: cannot create ${file} (${code === 'EEXIST' ? 'it exists; keys are never overwritten' : code ?? (error as Error).message})`);
  }
}

/** Runs the command; returns the process exit code. */
export async function keygenCommand(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {}, 'keygen');
  if (positionals.length !== 2) throw new UsageError('keygen: give the private and the public key file', 'escapekit keygen PRIVATE.pem PUBLIC.pem');
  const [privateFile, publicFile] = positionals;
  if (privateFile === publicFile) throw new UsageError('keygen: the private and the public key need different files');
  for (const f of positionals) if (existsSync(f)) throw new UsageError(`keygen: ${f} exists; keys are never overwritten`);
  const keys = generateKeys();
  create(privateFile, keys.privatePem, 0o600);
  create(publicFile, keys.publicPem, 0o644);
  process.stdout.write(`wrote ${privateFile} (private, keep it secret) and ${publicFile} (public, give it to auditors): ${fingerprint(parsePublicKey(keys.publicPem)!)}\n`);
  return EXIT.ok;
}
