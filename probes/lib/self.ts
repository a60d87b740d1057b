/** The probe process's own security state, read from /proc/self/status and friends. */
import { isIdentityIdMap, parseIdMap, parseStatus } from './proc.js';
import { decodeCapabilities } from './caps.js';
import { readText, readTrimmed } from './fs.js';

/** Capability sets and flags of the probe process. */
export interface SelfState {
  uid: string | null;
  effective: string[] | null;
  permitted: string[] | null;
  bounding: string[] | null;
  noNewPrivs: number | null;
  seccompMode: number | null;
  capLastCap: number | null;
  error?: string;
}

let cachedSelf: Promise<SelfState> | undefined;

/** The probe's capability sets, no_new_privs flag and seccomp mode, read once per agent run (the agent never changes them). */
export function readSelfState(): Promise<SelfState> {
  cachedSelf ??= readSelfStateNow();
  return cachedSelf;
}

async function readSelfStateNow(): Promise<SelfState> {
  const status = await readText('/proc/self/status');
  const last = await readTrimmed('/proc/sys/kernel/cap_last_cap');
  if (!status.ok) {
    return { uid: null, effective: null, permitted: null, bounding: null, noNewPrivs: null, seccompMode: null, capLastCap: null, error: status.error };
  }
  const f = parseStatus(status.text);
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  return {
    uid: f.Uid ?? null,
    effective: f.CapEff !== undefined ? decodeCapabilities(f.CapEff) : null,
    permitted: f.CapPrm !== undefined ? decodeCapabilities(f.CapPrm) : null,
    bounding: f.CapBnd !== undefined ? decodeCapabilities(f.CapBnd) : null,
    noNewPrivs: num(f.NoNewPrivs),
    seccompMode: num(f.Seccomp),
    capLastCap: last === null ? null : Number(last),
  };
}

let cachedUserNamespaced: Promise<boolean | null> | undefined;

/** Whether the probe runs in a user namespace (uid_map other than the identity map); null when unreadable. Read once per agent run. */
export function readUserNamespaced(): Promise<boolean | null> {
  cachedUserNamespaced ??= readText('/proc/self/uid_map').then((map) => (map.ok ? !isIdentityIdMap(parseIdMap(map.text)) : null));
  return cachedUserNamespaced;
}
