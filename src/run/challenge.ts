/** Per-probe challenges: the agent echoes one, so output not produced for this probe is refused. */
import { randomBytes } from 'node:crypto';

/** A fresh random challenge (128 bits, hex). */
export function newChallenge(): string {
  return randomBytes(16).toString('hex');
}
