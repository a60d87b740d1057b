/**
 * Why connect(2) to a socket file was refused: file permissions for this uid (root in the
 * same container may pass them), an LSM policy (SELinux/AppArmor refuse every process of the
 * container), or ids the container's user namespace does not map (nobody inside can pass).
 */
import { judgeLabel } from '../lsm/lsm-confinement.js';

/** Owner, group and permission bits of a socket file, as stat(2) shows them inside the probe. */
export interface SocketStat {
  mode: number;
  uid: number;
  gid: number;
}

/** The probe's identity and privileges, and its LSM label, once per run. */
export interface ProberFacts {
  uid: number | null;
  gids: number[] | null;
  effective: string[] | null;
  bounding: string[] | null;
  userNamespaced: boolean | null;
  /** /proc/self/attr/current, or null when no LSM provides a label. */
  lsmLabel: string | null;
}

/** `lsm`: refused by policy; `nobody`: no process in the container passes; `root-could`: root in the container passes; `unknown`. */
export type DenialKind = 'lsm' | 'nobody' | 'root-could' | 'unknown';

/** The kernel shows ids a user namespace does not map as the overflow id. */
const OVERFLOW_ID = 65534;

/** Judges an EACCES/EPERM from connect(2) on a socket whose stat(2) succeeded (so every directory on the path was searchable). */
export function judgeDenial(stat: SocketStat | null | undefined, p: ProberFacts | null | undefined): { kind: DenialKind; why: string } {
  if (!stat || !p || typeof stat.mode !== 'number' || typeof stat.uid !== 'number' || typeof stat.gid !== 'number') return { kind: 'unknown', why: 'owner, mode or the probe\'s identity unknown' };
  const w = (bit: number) => (stat.mode & bit) !== 0;
  // Unknown mapping: assume unmapped where that would excuse a refusal, mapped where it would let root in.
  const mapped = (id: number) => p.userNamespaced === false || (p.userNamespaced === true && id !== OVERFLOW_ID);
  const maybeMapped = (id: number) => p.userNamespaced !== true || id !== OVERFLOW_ID;
  const perms = `${(stat.mode & 0o777).toString(8).padStart(3, '0')} ${stat.uid}:${stat.gid}`;
  const confining = p.lsmLabel !== null && judgeLabel(p.lsmLabel).confined === true;
  const dacLetsProbe = w(0o002) || (p.uid === stat.uid && w(0o200)) || (Array.isArray(p.gids) && p.gids.includes(stat.gid) && w(0o020))
    || (p.effective?.includes('DAC_OVERRIDE') === true && mapped(stat.uid) && mapped(stat.gid));
  if (dacLetsProbe) {
    return p.lsmLabel !== null
      ? { kind: 'lsm', why: `file permissions (${perms}) let this process connect, so the refusal came from the LSM policy of label ${p.lsmLabel.replace(/\0/g, '').trim().slice(0, 80)}, which binds every process of the container` }
      : { kind: 'unknown', why: `file permissions (${perms}) let this process connect and no LSM label is visible` };
  }
  // Root in the container (uid 0, e.g. docker exec -u 0, with the bounding set as its capabilities): owner or group 0, DAC_OVERRIDE,
  // or becoming the owner or group (SETUID/SETGID), as far as the bounding set and the id mapping allow.
  const bnd = p.bounding ?? [];
  const rootCould = p.bounding === null || w(0o002) || (stat.uid === 0 && w(0o200)) || (stat.gid === 0 && w(0o020))
    || (bnd.includes('DAC_OVERRIDE') && maybeMapped(stat.uid) && maybeMapped(stat.gid))
    || (bnd.includes('SETUID') && w(0o200) && maybeMapped(stat.uid)) || (bnd.includes('SETGID') && w(0o020) && maybeMapped(stat.gid));
  if (!rootCould) return { kind: 'nobody', why: `not even root in the container passes the file permissions (${perms}): the ids are unmapped in its user namespace or the capabilities to assume them are not in the bounding set` };
  if (confining) return { kind: 'unknown', why: `root in the container passes the file permissions (${perms}), but the confining LSM label ${p.lsmLabel!.replace(/\0/g, '').trim().slice(0, 80)} may still refuse it` };
  return { kind: 'root-could', why: `this uid lacks permission (${perms}), but root or the socket's group in the container passes it and no confining LSM label is in force` };
}
