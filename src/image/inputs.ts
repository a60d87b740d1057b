/** Gathers the local files the offline probe image is assembled from. */
import { statSync, realpathSync, existsSync } from 'node:fs';
import { execa } from 'execa';
import { paths } from '../paths.js';
import type { TarEntry } from './tar.js';

/** The agent's path inside the image. */
export const AGENT_PATH_IN_IMAGE = '/agent.mjs';
/** The static open_by_handle_at helper's path inside the image (probes/lib/fhandle.ts runs it). */
export const FHANDLE_PATH_IN_IMAGE = '/bin/ek-fhandle';
/** Node's path inside the image. */
export const NODE_PATH_IN_IMAGE = '/node';

/** Shared libraries `ldd` lists for a binary (absolute paths, vdso excluded). */
export async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await execa('ldd', [binary], { reject: false });
  const libs = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /(?:=>\s*)?(\/[^\s]+)\s+\(0x/.exec(line);
    if (m) libs.add(m[1]);
  }
  return [...libs];
}

/** A static busybox to ship for active checks (unshare, mount), or null if none is installed. */
export async function findStaticBusybox(): Promise<string | null> {
  for (const candidate of ['/bin/busybox', '/usr/bin/busybox', '/usr/local/bin/busybox']) {
    if (!existsSync(candidate)) continue;
    const { stdout, stderr } = await execa('ldd', [candidate], { reject: false });
    if (/not a dynamic executable|statically linked/.test(stdout + stderr)) return realpathSync(candidate);
  }
  return null;
}

function file(path: string, source: string, mode = 0o755): TarEntry {
  return { kind: 'file', path, source, size: statSync(source).size, mode };
}

/** Every entry of the probe image, in a stable order (the content hash depends on it). */
export async function imageEntries(nodeBinary = process.execPath): Promise<{ entries: TarEntry[]; busybox: boolean }> {
  const entries: TarEntry[] = [];
  for (const dir of ['/bin', '/tmp', '/mnt', '/proc', '/sys', '/dev', '/etc']) entries.push({ kind: 'dir', path: dir, mode: dir === '/tmp' ? 0o1777 : 0o755 });
  entries.push(file(NODE_PATH_IN_IMAGE, realpathSync(nodeBinary)));
  const libDirs = new Set<string>();
  for (const lib of await sharedLibraries(nodeBinary)) {
    const dir = lib.slice(0, lib.lastIndexOf('/'));
    for (let d = dir; d && !libDirs.has(d); d = d.slice(0, d.lastIndexOf('/'))) libDirs.add(d);
    entries.push(file(lib, realpathSync(lib)));
  }
  for (const dir of [...libDirs].sort()) entries.splice(1, 0, { kind: 'dir', path: dir, mode: 0o755 });
  const busybox = await findStaticBusybox();
  if (busybox) {
    entries.push(file('/bin/busybox', busybox));
    entries.push({ kind: 'symlink', path: '/bin/sh', target: 'busybox' });
  }
  if (existsSync(paths.fhandleHelper)) entries.push(file(FHANDLE_PATH_IN_IMAGE, paths.fhandleHelper));
  entries.push({ kind: 'data', path: '/etc/passwd', data: Buffer.from('root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n'), mode: 0o644 });
  entries.push(file(AGENT_PATH_IN_IMAGE, paths.agentBundle, 0o644));
  entries.push({ kind: 'data', path: '/Dockerfile', data: Buffer.from(DOCKERFILE), mode: 0o644 });
  return { entries, busybox: busybox !== null };
}

/** The build file of the offline image: everything is in the context already. */
export const DOCKERFILE = `FROM scratch
COPY . /
LABEL escapekit.io/component=probe
CMD ["${NODE_PATH_IN_IMAGE}", "${AGENT_PATH_IN_IMAGE}"]
`;
