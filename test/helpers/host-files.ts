/**
 * Detectors for changes to the host's files: a manifest of sensitive trees (type, mode, owner,
 * size, mtime and ctime in ns, and a SHA-256 of small regular files), and a whole-filesystem
 * sweep for anything created or changed since a marker (`find / -xdev -newer/-cnewer`).
 * ctime cannot be set back by a writer, so a write that restores content and mtime still shows.
 */
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

/** path -> one-line description of the entry. */
export type Manifest = Map<string, string>;

const HASH_LIMIT = 256 * 1024;

/** Walks `roots` (missing ones are skipped), not descending into `excluded` paths. */
export function manifest(roots: string[], excluded: string[]): Manifest {
  const out: Manifest = new Map();
  const skip = (p: string) => excluded.some((e) => p === e || p.startsWith(`${e}/`));
  const visit = (p: string) => {
    if (skip(p)) return;
    let st;
    try {
      st = lstatSync(p, { bigint: true });
    } catch {
      return; // vanished or unreadable
    }
    const kind = st.isDirectory() ? 'd' : st.isFile() ? 'f' : st.isSymbolicLink() ? 'l' : 'o';
    let line = `${kind} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.size} m${st.mtimeNs} c${st.ctimeNs}`;
    if (kind === 'f' && st.size <= HASH_LIMIT) {
      try {
        line += ` ${createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16)}`;
      } catch {
        line += ' unreadable';
      }
    }
    out.set(p, line);
    if (kind === 'd') {
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        return;
      }
      for (const n of names) visit(path.join(p, n));
    }
  };
  for (const r of roots) visit(r);
  return out;
}

/** Paths added, removed or changed between two manifests. */
export function diffManifests(before: Manifest, after: Manifest): string[] {
  const out: string[] = [];
  for (const [p, line] of after) {
    const old = before.get(p);
    if (old === undefined) out.push(`+ ${p} (${line})`);
    else if (old !== line) out.push(`~ ${p} (${old} -> ${line})`);
  }
  for (const p of before.keys()) if (!after.has(p)) out.push(`- ${p}`);
  return out;
}

/** One entry the sweep found: changed (mtime or ctime) after the marker. */
export interface SweepHit {
  path: string;
  /** Latest of mtime and ctime, in ms since the epoch. */
  changedMs: number;
}

/**
 * Everything on the root file system created or changed after `marker` (a file whose mtime is
 * the start of the window), except under `excluded`, which is pruned (not even walked).
 */
export async function sweep(marker: string, excluded: string[]): Promise<SweepHit[]> {
  const prune = excluded.flatMap((e, i) => [...(i ? ['-o'] : []), '-path', e]);
  const args = ['/', '-xdev', '(', ...prune, ')', '-prune', '-o', '(', '-newer', marker, '-o', '-cnewer', marker, ')', '-printf', '%T@ %C@ %p\\n'];
  const r = await execa('find', args, { reject: false, maxBuffer: 64 * 1024 * 1024 });
  return String(r.stdout)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [m, c, ...rest] = line.split(' ');
      return { path: rest.join(' '), changedMs: Math.max(Number(m), Number(c)) * 1000 };
    })
    .filter((h) => h.path !== marker);
}

/** The host trees the main sweep prunes as too busy (/tmp, /run, /dev) but that postures bind: swept for what a probe could leave there. */
export const VOLATILE_ROOTS = ['/tmp', '/run', '/dev'] as const;

/**
 * What a probe could leave in the volatile trees without an engine or a test doing the same:
 * every device node under /tmp, /run and /dev, and every entry of /dev itself (its own file
 * system only), as "path type major:minor". Times are useless there (writes to /dev/null move
 * its mtime), so two snapshots are compared instead.
 */
export async function volatileSnapshot(): Promise<Set<string>> {
  const [nodes, dev] = await Promise.all([
    execa('find', [...VOLATILE_ROOTS, '-xdev', '(', '-type', 'b', '-o', '-type', 'c', ')', '-printf', '%p %y %D\\n'], { reject: false, maxBuffer: 16 * 1024 * 1024 }),
    execa('find', ['/dev', '-xdev', '-mindepth', '1', '-printf', '%p %y\\n'], { reject: false, maxBuffer: 16 * 1024 * 1024 }),
  ]);
  const rdev = (p: string) => {
    try {
      const st = lstatSync(p);
      return `${Math.floor(st.rdev / 256)}:${st.rdev % 256}`;
    } catch {
      return '?';
    }
  };
  const lines = `${nodes.stdout}\n${dev.stdout}`.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 2).join(' '));
  return new Set(lines.map((l) => (/ [bc]$/.test(l) ? `${l} ${rdev(l.slice(0, -2))}` : l)));
}

/** Entries of `after` not in `before`. */
export function added(before: Set<string>, after: Set<string>): string[] {
  return [...after].filter((x) => !before.has(x)).sort();
}

/** A canary directory among the host's sensitive paths, with a control file the test itself rewrites. */
export function makeCanary(): { dir: string; control: string } {
  const dir = mkdtempSync('/var/lib/escapekit-canary-');
  mkdirSync(path.join(dir, 'sub', 'deep'), { recursive: true });
  writeFileSync(path.join(dir, 'secret.key'), 'not a real key\n', { mode: 0o600 });
  writeFileSync(path.join(dir, 'tool.sh'), '#!/bin/sh\necho canary\n', { mode: 0o755 });
  writeFileSync(path.join(dir, 'sub', 'deep', 'data.json'), '{"canary":true}\n');
  symlinkSync('/etc/hostname', path.join(dir, 'link'));
  mkdirSync(path.join(dir, 'control'));
  const control = path.join(dir, 'control', 'rewritten-by-the-test');
  writeFileSync(control, 'before\n');
  chmodSync(dir, 0o700);
  return { dir, control };
}
