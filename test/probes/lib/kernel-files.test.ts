/** Kernel interface file helpers: serving mount, per-fs paths, write probes that never write, whole-file reads. */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { effectiveMount, pathsInFs, probeWrite } from '../../../probes/lib/kernel-files.js';
import { readMounts } from '../../../probes/lib/mounts.js';
import { openableForRead, readText } from '../../../probes/lib/fs.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';

const MOUNTS = parseMountInfo([
  '72 48 0:39 / / rw,relatime - overlay overlay rw',
  '73 72 0:42 / /proc rw,nosuid - proc proc rw',
  '52 73 0:42 /sys /proc/sys ro,nosuid - proc proc rw',
  '54 73 0:43 /null /proc/keys rw,nosuid - tmpfs tmpfs rw',
  '90 72 0:42 / /host/proc rw,relatime - proc proc rw',
  '91 72 0:60 /sys /host/proc-sys rw,relatime - proc proc rw',
  '92 72 0:61 /sys/kernel/core_pattern /host/cp rw,relatime - proc proc rw',
  '93 72 0:62 / /host/sys ro,relatime - sysfs sysfs rw',
  '94 90 0:63 / /host/proc/sys/fs/binfmt_misc rw,relatime - autofs systemd-1 rw',
].join('\n'));

test('effectiveMount picks the deepest mount point, later entries winning ties', (t) => {
  t.is(effectiveMount(MOUNTS, '/proc/sys/kernel/core_pattern')?.mountId, 52);
  t.is(effectiveMount(MOUNTS, '/proc/keys')?.fsType, 'tmpfs');
  t.is(effectiveMount(MOUNTS, '/proc/keysX')?.mountId, 73);
  t.is(effectiveMount(MOUNTS, '/etc/passwd')?.mountId, 72);
  const stacked = parseMountInfo('1 0 0:1 / / rw - ext4 a rw\n2 1 0:2 / /x rw - proc proc rw\n3 1 0:3 / /x rw - tmpfs t rw');
  t.is(effectiveMount(stacked, '/x/y')?.fsType, 'tmpfs');
});

test('pathsInFs maps a path inside a file system to every mount exposing it', (t) => {
  t.deepEqual(pathsInFs(MOUNTS, 'proc', '/sys/kernel/core_pattern').sort(), [
    '/host/cp', '/host/proc-sys/kernel/core_pattern', '/host/proc/sys/kernel/core_pattern', '/proc/sys/kernel/core_pattern',
  ]);
  t.deepEqual(pathsInFs(MOUNTS, 'proc', '/sysrq-trigger').sort(), ['/host/proc/sysrq-trigger', '/proc/sysrq-trigger']);
  t.deepEqual(pathsInFs(MOUNTS, 'sysfs', '/kernel/uevent_helper'), ['/host/sys/kernel/uevent_helper']);
  t.deepEqual(pathsInFs(MOUNTS, 'proc', '/sysfoo'), ['/proc/sysfoo', '/host/proc/sysfoo']);
});

test('probeWrite opens without writing, reports masks and never touches autofs', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ek-kf-'));
  const file = path.join(dir, 'core_pattern');
  writeFileSync(file, 'core\n');
  const before = statSync(file).mtimeMs;
  const own = parseMountInfo(`1 0 0:1 / / rw - proc proc rw`);
  const p = await probeWrite(file, own, 'proc');
  t.true(p.open?.writable);
  t.is(readFileSync(file, 'utf8'), 'core\n');
  t.is(statSync(file).mtimeMs, before);
  const masked = await probeWrite(file, parseMountInfo(`1 0 0:1 / / rw - tmpfs tmpfs rw`), 'proc');
  t.is(masked.open, undefined);
  t.regex(masked.skipped ?? '', /masked/);
  const auto = await probeWrite('/host/proc/sys/fs/binfmt_misc/register', MOUNTS, 'binfmt_misc');
  t.regex(auto.skipped ?? '', /autofs/);
  const absent = await probeWrite(path.join(dir, 'nope'), own, 'proc');
  t.is(absent.type, null);
  t.true(absent.parentExists);
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o444);
    t.false((await probeWrite(file, own, 'proc')).open?.writable);
  }
});

test('openableForRead opens files and directories without reading', async (t) => {
  t.true((await openableForRead('/proc/self/status')).readable);
  t.true((await openableForRead('/proc')).readable);
  t.is((await openableForRead('/nonexistent/x')).error, 'ENOENT');
});

test('the mount table is read whole, beyond one page (mountinfo is often longer than 4 KiB)', async (t) => {
  const r = await readText('/proc/self/mountinfo', 4 * 1024 * 1024);
  t.deepEqual(r, { ok: true, text: readFileSync('/proc/self/mountinfo', 'utf8') });
  const table = await readMounts();
  t.true((table?.length ?? 0) > 0);
});
